import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import { dummyPasswordHash, verifyPassword } from "./password";
import { clearFailures, lockedUntil, recordFailure, throttleKey } from "./throttle";
import { recordAudit } from "../audit";
import { msg, type Msg } from "../i18n/message";
import { issueMessage } from "../i18n/field-errors";

export const signInSchema = z.object({
  email: z.email("auth.errors.email").max(254).transform((value) => value.trim().toLowerCase()),
  password: z.string().min(1, "auth.errors.passwordRequired").max(1024),
});

export interface AuthenticatedUser {
  id: string;
  organizationId: string;
  role: import("./roles").Role;
  name: string;
  email: string;
  sessionVersion: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function lockedMessage(until: Date): Msg {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return msg("auth.errors.locked", { minutes });
}

/** Checks email and password with the throttle; throws an AppError with a message (catalogue key) for the user. */
export async function authenticate(input: unknown, ip: string): Promise<AuthenticatedUser> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError("VALIDATION", issue ? issueMessage(issue) : "auth.errors.missing");
  }
  const { email, password } = parsed.data;

  const pair = `${email}|${ip}`;
  const keys = [throttleKey("account", email), throttleKey("ip", ip), throttleKey("pair", pair)];
  const locked = await lockedUntil(keys);
  if (locked) throw new AppError("RATE_LIMITED", lockedMessage(locked));

  const user = await db().user.findUnique({
    where: { email },
    select: { id: true, organizationId: true, role: true, name: true, email: true, sessionVersion: true, disabled: true, passwordHash: true },
  });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);

  if (!user || !ok || user.disabled) {
    const counts = await Promise.all([recordFailure("account", email), recordFailure("ip", ip), recordFailure("pair", pair)]);
    await sleep(Math.max(...counts.map((count) => count.delayMs)));
    const nowLocked = await lockedUntil(keys);
    if (nowLocked) throw new AppError("RATE_LIMITED", lockedMessage(nowLocked));
    if (user && ok && user.disabled) throw new AppError("FORBIDDEN", "auth.errors.disabled");
    throw new AppError("UNAUTHENTICATED", "auth.errors.wrongCredentials");
  }

  await clearFailures("pair", pair);
  await db().user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  await recordAudit({ organizationId: user.organizationId, actorId: user.id, action: "user.sign-in", entityType: "User", entityId: user.id, ip });
  return { id: user.id, organizationId: user.organizationId, role: user.role, name: user.name, email: user.email, sessionVersion: user.sessionVersion };
}
