import { db } from "../db";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit";
import { hashPassword } from "../auth/password";
import type { SessionUser } from "../auth/session";
import { fieldErrorsOf } from "../clients/schema";
import { newUserSchema, roleSchema } from "./schema";

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

/**
 * Changes a user's role (advisor, back office, administrator). An admin cannot change their own
 * role, so a firm never loses its last administrator by accident. Every page and query reads the
 * role from the database, so the change holds from the user's next request.
 */
export async function setUserRole(admin: Admin, userId: string, role: unknown): Promise<void> {
  const parsed = roleSchema.safeParse(role);
  if (!parsed.success) throw new AppError("VALIDATION", "users.errors.role", { fieldErrors: { role: ["users.errors.role"] } });
  if (userId === admin.id) throw new AppError("CONFLICT", "users.errors.roleSelf");
  await db().$transaction(async (tx) => {
    const before = await tx.user.findFirst({ where: { id: userId, organizationId: admin.organizationId }, select: { role: true } });
    if (!before) throw notFound("users.errors.notFound");
    if (before.role === parsed.data) return;
    await tx.user.update({ where: { id: userId }, data: { role: parsed.data } });
    await recordAudit({ organizationId: admin.organizationId, actorId: admin.id, action: "user.role", entityType: "User", entityId: userId, data: { from: before.role, to: parsed.data } }, tx);
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
