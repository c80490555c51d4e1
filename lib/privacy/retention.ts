/**
 * The retention job (daily, pg-boss scheduler): removes what an erasure kept once its retention
 * date has passed, and anonymises clients whose every record has passed its retention period
 * without anyone asking (no contract running, nothing touched for the firm's periods).
 */
import { db } from "../db";
import { recordAudit } from "../audit";
import { logger } from "../log/logger";
import { anonymiseClient, planFor } from "./erase";
import { getRetentionSettings } from "./settings";
import { expired, type KeptItem } from "./retention-plan";

export interface RetentionResult {
  anonymised: number;
  purgedContracts: number;
  purgedConsents: number;
  completed: number;
}

/** Removes one contract's kept records: documents, advice records, dossier, approval evidence, proposal data. */
async function purgeContract(contractId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    await tx.approvalRequest.updateMany({ where: { contractId }, data: { documentId: null } });
    await tx.document.deleteMany({ where: { contractId } });
    await tx.providerFile.deleteMany({ where: { contractId } });
    await tx.adviceRecord.deleteMany({ where: { contractId } });
    await tx.contractDossier.deleteMany({ where: { contractId } });
    await tx.approvalRequest.updateMany({ where: { contractId }, data: { email: null, decidedName: null, declineReason: null, evidence: {} } });
    await tx.proposalVersion.updateMany({ where: { contractId }, data: { data: {} } });
    await tx.contract.update({ where: { id: contractId }, data: { data: {}, raw: {}, statusNote: null, proposalFileId: null } });
    await tx.contractEvent.updateMany({ where: { contractId }, data: { actorLabel: null, note: null } });
  });
}

/** Clients (not erased) whose every record passed its retention period: candidates for automatic anonymisation. */
async function clientsPastRetention(now: Date, limit: number, organizationId: string | null): Promise<string[]> {
  // Per firm's periods: untouched for the other period, every contract either never ordered and
  // older than the other period, or ended longer ago than the contract period.
  const rows = await db().$queryRaw<Array<{ id: string }>>`
    SELECT c."id" FROM "Client" c
    LEFT JOIN "PrivacySettings" s ON s."organizationId" = c."organizationId"
    WHERE NOT EXISTS (SELECT 1 FROM "ClientErasure" e WHERE e."clientId" = c."id")
      AND (${organizationId}::text IS NULL OR c."organizationId" = ${organizationId})
      AND c."updatedAt" < ${now}::timestamp - make_interval(years => COALESCE(s."otherRetentionYears", 3))
      AND NOT EXISTS (
        SELECT 1 FROM "Contract" k
        WHERE k."clientId" = c."id" AND (
          k."statusChangedAt" >= ${now}::timestamp - make_interval(years => COALESCE(s."otherRetentionYears", 3))
          OR ((k."status" BETWEEN 230 AND 399 OR EXISTS (SELECT 1 FROM "ContractEvent" v WHERE v."contractId" = k."id" AND v."kind" = 'status' AND v."toStatus" >= 230))
              AND (k."status" NOT IN (410, 420, 430) OR k."statusChangedAt" >= ${now}::timestamp - make_interval(years => COALESCE(s."contractRetentionYears", 10))))
        )
      )
    ORDER BY c."updatedAt" ASC
    LIMIT ${limit}`;
  return rows.map((row) => row.id);
}

/** One run; `organizationId` limits it to one firm (tests, a firm's own run). */
export async function runPrivacyRetention(now = new Date(), options: { limit?: number; organizationId?: string } = {}): Promise<RetentionResult> {
  const limit = options.limit ?? 200;
  const result: RetentionResult = { anonymised: 0, purgedContracts: 0, purgedConsents: 0, completed: 0 };
  for (const clientId of await clientsPastRetention(now, limit, options.organizationId ?? null)) {
    try {
      await anonymiseClient(clientId, null, now);
      result.anonymised++;
    } catch (error) {
      logger().warn({ where: "privacy-retention", clientId, error: error instanceof Error ? error.message : String(error) }, "Client not anonymised");
    }
  }

  const open = await db().clientErasure.findMany({ where: { completedAt: null, ...(options.organizationId ? { organizationId: options.organizationId } : {}) }, orderBy: { erasedAt: "asc" }, take: limit, select: { clientId: true } });
  for (const erasure of open) {
    const purged = await purgeExpired(erasure.clientId, now);
    result.purgedContracts += purged.contracts;
    result.purgedConsents += purged.consents;
    if (purged.done) result.completed++;
  }
  return result;
}

type PurgedItem = KeptItem & { purgedAt?: string };

/** Removes what of an erased client has passed its retention date (each item once); marks the erasure complete when nothing is left. */
export async function purgeExpired(clientId: string, now = new Date()): Promise<{ contracts: number; consents: number; done: boolean }> {
  const erasure = await db().clientErasure.findUnique({ where: { clientId } });
  if (!erasure || erasure.completedAt) return { contracts: 0, consents: 0, done: Boolean(erasure?.completedAt) };
  const before = (Array.isArray(erasure.kept) ? erasure.kept : []) as unknown as PurgedItem[];
  const done = new Set(before.filter((item) => item.purgedAt).map((item) => `${item.kind}:${item.contractId ?? ""}`));
  const plan = await planFor(clientId, erasure.organizationId, undefined, now);
  const purged: PurgedItem[] = [];
  let consents = 0;
  for (const item of plan.kept) {
    const key = `${item.kind}:${item.contractId ?? ""}`;
    if (done.has(key) || !expired(item, now)) continue;
    if (item.kind === "consents") {
      const settings = await getRetentionSettings(erasure.organizationId);
      const cutoff = new Date(now);
      cutoff.setUTCFullYear(cutoff.getUTCFullYear() - settings.otherRetentionYears);
      consents += (await db().consent.deleteMany({ where: { clientId, withdrawnAt: { lte: cutoff } } })).count;
    } else if (item.contractId) {
      await purgeContract(item.contractId);
    }
    purged.push({ ...item, purgedAt: now.toISOString() });
  }
  const purgedKeys = new Set([...done, ...purged.map((item) => `${item.kind}:${item.contractId ?? ""}`)]);
  const kept: PurgedItem[] = plan.kept.map((item) => {
    const key = `${item.kind}:${item.contractId ?? ""}`;
    const earlier = before.find((b) => `${b.kind}:${b.contractId ?? ""}` === key && b.purgedAt);
    return purgedKeys.has(key) ? { ...item, purgedAt: earlier?.purgedAt ?? now.toISOString() } : item;
  });
  const complete = kept.every((item) => item.purgedAt);
  if (purged.length > 0 || complete) {
    await db().clientErasure.update({ where: { id: erasure.id }, data: { kept: kept as unknown as object[], ...(purged.length ? { purgedAt: now } : {}), completedAt: complete ? now : null } });
  }
  if (purged.length > 0) {
    await recordAudit({ organizationId: erasure.organizationId, action: "privacy.retention-purge", entityType: "Client", entityId: clientId, data: { purged: purged.map((p) => ({ kind: p.kind, contractId: p.contractId, until: p.until })), complete } });
  }
  return { contracts: purged.filter((p) => p.kind !== "consents").length, consents, done: complete };
}
