/**
 * The firm's choice for provider contracts whose holder it does not know (resolve-new-contracts.ts
 * follows it): CREATE the client automatically, owned by the advisor the provider's user maps to
 * or else the default advisor, or put the holder in the REVIEW queue for an admin. Admins only.
 */
import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import { recordAudit } from "../audit";
import { fieldErrorsOf } from "../clients/schema";
import type { SessionUser } from "../auth/session";

type Admin = Pick<SessionUser, "id" | "organizationId" | "role">;

export const UNKNOWN_HOLDER_POLICIES = ["REVIEW", "CREATE"] as const;
export type UnknownHolderPolicy = (typeof UNKNOWN_HOLDER_POLICIES)[number];

export const syncSettingsSchema = z.object({
  unknownHolderPolicy: z.enum(UNKNOWN_HOLDER_POLICIES, { error: "sync.errors.choosePolicy" }),
  // Empty: the firm's first administrator owns what is created.
  defaultAdvisorId: z
    .string()
    .max(100)
    .nullish()
    .transform((value) => value || null),
});

export type SyncSettings = { unknownHolderPolicy: UnknownHolderPolicy; defaultAdvisorId: string | null };

function assertAdmin(user: Admin) {
  if (user.role !== "ADMIN") throw new AppError("FORBIDDEN", "sync.errors.settingsAdminOnly");
}

const policyOf = (value: string): UnknownHolderPolicy => (value === "CREATE" ? "CREATE" : "REVIEW");

/** The setting and the advisors an admin may choose as the default owner. */
export async function getSyncSettings(user: Admin) {
  assertAdmin(user);
  const [organization, advisors] = await Promise.all([
    db().organization.findUniqueOrThrow({ where: { id: user.organizationId }, select: { unknownHolderPolicy: true, defaultAdvisorId: true } }),
    activeUsers(user.organizationId),
  ]);
  return { unknownHolderPolicy: policyOf(organization.unknownHolderPolicy), defaultAdvisorId: organization.defaultAdvisorId, advisors };
}

/** Users who can own clients: enabled advisors and admins of the firm, by name. */
export function activeUsers(organizationId: string) {
  return db().user.findMany({ where: { organizationId, disabled: false }, orderBy: { name: "asc" }, select: { id: true, name: true, email: true, role: true } });
}

export async function updateSyncSettings(user: Admin, input: unknown): Promise<SyncSettings> {
  assertAdmin(user);
  const parsed = syncSettingsSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "sync.errors.settingsNeedAttention", { fieldErrors: fieldErrorsOf(parsed.error) });
  const { unknownHolderPolicy, defaultAdvisorId } = parsed.data;
  if (defaultAdvisorId) {
    const advisor = await db().user.findFirst({ where: { id: defaultAdvisorId, organizationId: user.organizationId, disabled: false }, select: { id: true } });
    if (!advisor) throw new AppError("VALIDATION", "sync.errors.settingsNeedAttention", { fieldErrors: { defaultAdvisorId: ["sync.errors.chooseUser"] } });
  }
  return db().$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({ where: { id: user.organizationId }, select: { unknownHolderPolicy: true, defaultAdvisorId: true } });
    const after = await tx.organization.update({ where: { id: user.organizationId }, data: { unknownHolderPolicy, defaultAdvisorId }, select: { unknownHolderPolicy: true, defaultAdvisorId: true } });
    await recordAudit({ organizationId: user.organizationId, actorId: user.id, action: "organization.sync-settings", entityType: "Organization", entityId: user.organizationId, data: { before, after } }, tx);
    return { unknownHolderPolicy: policyOf(after.unknownHolderPolicy), defaultAdvisorId: after.defaultAdvisorId };
  });
}
