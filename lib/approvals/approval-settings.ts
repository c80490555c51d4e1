/** The organization's approval settings: automatic order on approval and the link lifetime. */
import { db } from "../db";
import { AppError } from "../errors";
import { recordAudit } from "../audit";
import { fieldErrorsOf } from "../clients/schema";
import type { SessionUser } from "../auth/session";
import { approvalSettingsSchema } from "./settings-schema";

type Admin = Pick<SessionUser, "id" | "organizationId" | "role">;

function assertAdmin(user: Admin) {
  if (user.role !== "ADMIN") throw new AppError("FORBIDDEN", "customer.settings.errors.adminOnly");
}

export async function getApprovalSettings(user: Admin) {
  assertAdmin(user);
  return db().organization.findUniqueOrThrow({ where: { id: user.organizationId }, select: { autoOrderOnApproval: true, approvalTtlHours: true, updatedAt: true } });
}

export async function updateApprovalSettings(user: Admin, input: unknown) {
  assertAdmin(user);
  const parsed = approvalSettingsSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "customer.settings.errors.needsAttention", { fieldErrors: fieldErrorsOf(parsed.error) });
  return db().$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({ where: { id: user.organizationId }, select: { autoOrderOnApproval: true, approvalTtlHours: true } });
    const after = await tx.organization.update({ where: { id: user.organizationId }, data: parsed.data, select: { autoOrderOnApproval: true, approvalTtlHours: true } });
    await recordAudit({ organizationId: user.organizationId, actorId: user.id, action: "organization.approval-settings", entityType: "Organization", entityId: user.organizationId, data: { before, after } }, tx);
    return after;
  });
}
