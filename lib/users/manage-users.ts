import { db } from "../db";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit";
import { hashPassword } from "../auth/password";
import type { SessionUser } from "../auth/session";
import { fieldErrorsOf } from "../clients/schema";
import { newUserSchema } from "./schema";

type Admin = Pick<SessionUser, "id" | "organizationId">;

/** Creates a user in an organization. `actor` is null for the seed. */
export async function createUser(organizationId: string, input: unknown, actor: Admin | null = null): Promise<{ id: string }> {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "common.errors.fieldsNeedAttention", { fieldErrors: fieldErrorsOf(parsed.error) });
  const { password, ...rest } = parsed.data;
  const exists = await db().user.findUnique({ where: { email: rest.email }, select: { id: true } });
  if (exists) throw new AppError("CONFLICT", "users.errors.emailExists", { fieldErrors: { email: ["users.errors.emailInUse"] } });
  const passwordHash = await hashPassword(password);
  return db().$transaction(async (tx) => {
    const user = await tx.user.create({ data: { ...rest, organizationId, passwordHash }, select: { id: true } });
    await recordAudit({ organizationId, actorId: actor?.id, action: "user.create", entityType: "User", entityId: user.id }, tx);
    return user;
  });
}

export async function listUsers(admin: Admin) {
  return db().user.findMany({
    where: { organizationId: admin.organizationId },
    orderBy: [{ role: "asc" }, { name: "asc" }],
    select: { id: true, name: true, email: true, role: true, disabled: true, lastSignInAt: true, locale: true },
  });
}

/** Disabling a user also ends all of their sessions at once. */
export async function setUserDisabled(admin: Admin, userId: string, disabled: boolean): Promise<void> {
  if (userId === admin.id && disabled) throw new AppError("CONFLICT", "users.errors.disableSelf");
  await db().$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: userId, organizationId: admin.organizationId },
      data: { disabled, sessionVersion: { increment: 1 } },
    });
    if (count === 0) throw notFound("users.errors.notFound");
    await recordAudit({ organizationId: admin.organizationId, actorId: admin.id, action: disabled ? "user.disable" : "user.enable", entityType: "User", entityId: userId }, tx);
  });
}

/** Ends every session of a user at once: their tokens carry the old session version. */
export async function revokeSessions(userId: string): Promise<void> {
  await db().user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

/** "Sign out everywhere" for oneself. */
export async function signOutEverywhere(user: Admin): Promise<void> {
  await revokeSessions(user.id);
  await recordAudit({ organizationId: user.organizationId, actorId: user.id, action: "user.sign-out-everywhere", entityType: "User", entityId: user.id });
}
