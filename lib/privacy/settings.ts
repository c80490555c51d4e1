/** The firm's retention periods (admin settings): how long what the law requires is kept after an erasure. */
import { z } from "zod";
import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { recordAudit } from "../audit";
import type { SessionUser } from "../auth/session";

export interface RetentionSettings {
  contractRetentionYears: number;
  otherRetentionYears: number;
}

export const DEFAULT_RETENTION: RetentionSettings = { contractRetentionYears: 10, otherRetentionYears: 3 };

export async function getRetentionSettings(organizationId: string, tx?: Tx): Promise<RetentionSettings> {
  const row = await (tx ?? db()).privacySettings.findUnique({ where: { organizationId }, select: { contractRetentionYears: true, otherRetentionYears: true } });
  return row ?? DEFAULT_RETENTION;
}

const years = (max: number) => z.coerce.number({ error: "privacy.settings.errors.years" }).int("privacy.settings.errors.years").min(1, "privacy.settings.errors.years").max(max, "privacy.settings.errors.years");
export const retentionSettingsSchema = z.object({ contractRetentionYears: years(30), otherRetentionYears: years(30) });

/** Saves the periods (admins only: managing the firm's settings is theirs); audited with before and after. */
export async function saveRetentionSettings(user: Pick<SessionUser, "id" | "organizationId" | "role">, input: unknown): Promise<RetentionSettings> {
  if (user.role !== "ADMIN") throw new AppError("FORBIDDEN", "privacy.errors.adminOnly");
  const parsed = retentionSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push("privacy.settings.errors.years");
    throw new AppError("VALIDATION", "privacy.settings.errors.invalid", { fieldErrors });
  }
  return db().$transaction(async (tx) => {
    const before = await getRetentionSettings(user.organizationId, tx);
    const after = await tx.privacySettings.upsert({
      where: { organizationId: user.organizationId },
      create: { organizationId: user.organizationId, ...parsed.data },
      update: parsed.data,
      select: { contractRetentionYears: true, otherRetentionYears: true },
    });
    await recordAudit({ organizationId: user.organizationId, actorId: user.id, action: "organization.privacy-settings", entityType: "Organization", entityId: user.organizationId, data: { before: { ...before }, after: { ...after } } }, tx);
    return after;
  });
}
