/**
 * Failed sign-ins per account and per IP. Each failure past a few is answered more slowly, and
 * past a limit the key is refused for a while. Counted in PostgreSQL so that every app
 * instance sees the same numbers; one atomic upsert per failure.
 */
import { db } from "../db";

export const WINDOW_MINUTES = 15;
export const LOCK_MINUTES = 15;
const LIMITS = { account: 8, ip: 30 } as const;
const FREE_FAILURES = 3;

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
  if (failures >= limit) {
    await db().signInThrottle.update({
      where: { key: throttleKey(kind, value) },
      data: { lockedUntil: new Date(Date.now() + LOCK_MINUTES * 60_000), failures: 0, windowStart: new Date() },
    });
  }
  const delayMs = failures > FREE_FAILURES ? Math.min(250 * 2 ** (failures - FREE_FAILURES - 1), 4_000) : 0;
  return { failures, delayMs };
}

export async function clearFailures(kind: ThrottleKind, value: string): Promise<void> {
  await db().signInThrottle.deleteMany({ where: { key: throttleKey(kind, value) } });
}
