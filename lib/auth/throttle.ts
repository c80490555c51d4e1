/**
 * Failed sign-ins, counted in PostgreSQL so that every app instance sees the same numbers (one
 * atomic upsert per failure). The client address comes from the socket and TRUSTED_PROXIES only
 * (lib/http/client-ip.ts), so a rotating X-Forwarded-For changes nothing. Three keys:
 *  - "pair" (account and address): guessing one account from one place is slowed down, then
 *    refused for 15 minutes;
 *  - "ip": one address trying many accounts, refused for 15 minutes;
 *  - "account": guessing spread over many addresses, refused for 2 minutes only, so that an
 *    attacker cannot keep the real user (signing in from their own address) out for long.
 */
import { db } from "../db";

export const WINDOW_MINUTES = 15;
const LIMITS = {
  pair: { failures: 8, lockMinutes: 15, freeFailures: 3, maxDelayMs: 4_000 },
  ip: { failures: 30, lockMinutes: 15, freeFailures: 10, maxDelayMs: 2_000 },
  account: { failures: 20, lockMinutes: 2, freeFailures: 5, maxDelayMs: 250 },
} as const;
export const LOCK_MINUTES = LIMITS.pair.lockMinutes;

export type ThrottleKind = keyof typeof LIMITS;
export const throttleKey = (kind: ThrottleKind, value: string) => `${kind}:${value.toLowerCase()}`;

/** When the key is locked, the time it is free again; otherwise null. */
export async function lockedUntil(keys: string[]): Promise<Date | null> {
  const rows = await db().signInThrottle.findMany({ where: { key: { in: keys }, lockedUntil: { gt: new Date() } }, select: { lockedUntil: true } });
  const times = rows.map((row) => row.lockedUntil!.getTime());
  return times.length ? new Date(Math.max(...times)) : null;
}

/** Records a failure; returns how long to hold the answer back (the slow-down). */
export async function recordFailure(kind: ThrottleKind, value: string): Promise<{ failures: number; delayMs: number }> {
  const limit = LIMITS[kind];
  const [row] = await db().$queryRaw<Array<{ failures: number }>>`
    INSERT INTO "SignInThrottle" ("key", "failures", "windowStart", "lockedUntil", "updatedAt")
    VALUES (${throttleKey(kind, value)}, 1, now(), NULL, now())
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "SignInThrottle"."windowStart" < now() - make_interval(mins => ${WINDOW_MINUTES})
                        THEN 1 ELSE "SignInThrottle"."failures" + 1 END,
      "windowStart" = CASE WHEN "SignInThrottle"."windowStart" < now() - make_interval(mins => ${WINDOW_MINUTES})
                           THEN now() ELSE "SignInThrottle"."windowStart" END,
      "updatedAt" = now()
    RETURNING "failures"`;
  const failures = row?.failures ?? 1;
  if (failures >= limit.failures) {
    await db().signInThrottle.update({
      where: { key: throttleKey(kind, value) },
      data: { lockedUntil: new Date(Date.now() + limit.lockMinutes * 60_000), failures: 0, windowStart: new Date() },
    });
  }
  const delayMs = failures > limit.freeFailures ? Math.min(250 * 2 ** (failures - limit.freeFailures - 1), limit.maxDelayMs) : 0;
  return { failures, delayMs };
}

export async function clearFailures(kind: ThrottleKind, value: string): Promise<void> {
  await db().signInThrottle.deleteMany({ where: { key: throttleKey(kind, value) } });
}
