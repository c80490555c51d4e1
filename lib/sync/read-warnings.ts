/**
 * Shape warnings from the tolerant reader, kept per provider, record type and field (a count, the
 * last message and one record id as a sample), so the provider's page says what the portal
 * adapted to. Skipped records are kept the same way under the field "(record)". Messages are
 * stored as catalogue messages (the reader's sync.read.*; a skip as sync.stored.skipped with its
 * reason inside), so the page shows them in the admin's language.
 */
import { db } from "../db";
import type { ReadOutcome } from "../finum/read";
import { msg } from "../i18n/message";
import { storeMessage } from "../i18n/stored-message";

export async function recordReadWarnings(providerId: string, outcome: Pick<ReadOutcome<unknown>, "warnings" | "skipped">): Promise<void> {
  const rows = new Map<string, { recordType: string; field: string; message: string; sampleId: string | null; count: number }>();
  const add = (recordType: string, field: string, message: string, sampleId: string | null) => {
    const key = `${recordType}\u0000${field}`;
    const row = rows.get(key) ?? { recordType, field, message, sampleId, count: 0 };
    row.count++;
    row.message = message;
    row.sampleId = sampleId ?? row.sampleId;
    rows.set(key, row);
  };
  for (const warning of outcome.warnings) add(warning.recordType, warning.field, storeMessage(warning.message), warning.id);
  for (const skip of outcome.skipped) add(skip.recordType, "(record)", storeMessage(msg("sync.stored.skipped", { reason: skip.reason })), skip.id);
  if (rows.size === 0) return;
  const list = [...rows.values()];
  const now = new Date().toISOString();
  await db().$executeRaw`
    INSERT INTO "ProviderReadWarning" ("id", "providerId", "recordType", "field", "message", "sampleId", "count", "firstSeenAt", "lastSeenAt")
    SELECT gen_random_uuid()::text, ${providerId}, w.type, w.field, left(w.message, 500), w.sample, w.count, ${now}::timestamp, ${now}::timestamp
    FROM unnest(${list.map((r) => r.recordType)}::text[], ${list.map((r) => r.field.slice(0, 200))}::text[], ${list.map((r) => r.message)}::text[],
                ${list.map((r) => r.sampleId)}::text[], ${list.map((r) => r.count)}::int[]) AS w(type, field, message, sample, count)
    ON CONFLICT ("providerId", "recordType", "field") DO UPDATE SET
      "count" = "ProviderReadWarning"."count" + EXCLUDED."count", "message" = EXCLUDED."message",
      "sampleId" = COALESCE(EXCLUDED."sampleId", "ProviderReadWarning"."sampleId"), "lastSeenAt" = EXCLUDED."lastSeenAt"`;
}

/** What the provider page shows (the viewer's organization only): the newest first. */
export async function readWarningsOf(viewer: { organizationId: string }, providerId: string, limit = 20) {
  return db().providerReadWarning.findMany({ where: { providerId, provider: { organizationId: viewer.organizationId } }, orderBy: { lastSeenAt: "desc" }, take: limit });
}
