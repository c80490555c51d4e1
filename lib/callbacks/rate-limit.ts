/**
 * Rate limits for the callback endpoint.
 *  - Per provider, in PostgreSQL (table "rate_limit", rate-limiter-flexible's layout: key, points,
 *    expire in epoch ms), so the allowance holds across every instance. Points are spent only by
 *    callbacks that passed the signature, so forged callbacks cannot use them up. An instance takes
 *    them a few at a time (a lease, LEASE_SHARE of the allowance): most callbacks then cost no
 *    query at all, and every point is still counted in PostgreSQL before it is spent, so all
 *    instances together never pass more than the allowance in a window (a lease not spent by the
 *    window's end lapses). Once a provider is over its allowance, this instance refuses it
 *    without a query until the window ends.
 *  - Per client address for unknown or missing tokens, in this process: a cheap brake on
 *    scanning that never touches the database.
 */
export type Allowance = { ok: true } | { ok: false; retryAfterSeconds: number };

/** The rate_limit key of a provider's callback allowance. */
export const callbackAllowanceKey = (providerId: string) => `callback:${providerId}`;

/**
 * SQL (a CTE body) that takes `points` points (an SQL expression) from the key `key` in a window of
 * one second, in the database's clock: a new window starts when the old one has expired. Returns
 * the window's points after the take, and its expiry.
 */
export function takePointSql(key: string, points = "1"): string {
  return `INSERT INTO rate_limit (key, points, expire)
    VALUES (${key}, ${points}, (extract(epoch FROM clock_timestamp()) * 1000)::bigint + 1000)
    ON CONFLICT (key) DO UPDATE SET
      points = CASE WHEN rate_limit.expire <= (extract(epoch FROM clock_timestamp()) * 1000)::bigint THEN ${points} ELSE rate_limit.points + ${points} END,
      expire = CASE WHEN rate_limit.expire <= (extract(epoch FROM clock_timestamp()) * 1000)::bigint THEN (extract(epoch FROM clock_timestamp()) * 1000)::bigint + 1000 ELSE rate_limit.expire END
    RETURNING points, expire`;
}

const blockedUntil = new Map<string, number>();
const leases = new Map<string, { left: number; expire: number }>();

/** The share of a provider's allowance an instance takes at once (at least 1 point, at most 50). */
const LEASE_SHARE = 1 / 20;
export function leaseSize(limit: number): number {
  return Math.max(1, Math.min(50, Math.floor(limit * LEASE_SHARE)));
}

/** Spends a point this instance holds for the provider in the current window; false when none is left. */
export function spendLeased(providerId: string, now = Date.now()): boolean {
  const lease = leases.get(providerId);
  if (!lease || lease.left <= 0 || lease.expire <= now) return false;
  lease.left -= 1;
  return true;
}

/**
 * Records the answer of a take of `size` points (takePointSql): the part within the allowance is
 * this instance's lease for the window, one point of it spent by the caller. Nothing within it:
 * the provider is refused here until `expire`.
 */
export function noteLease(providerId: string, points: number, expire: number, size: number, limit: number, now = Date.now()): Allowance {
  const granted = Math.min(size, limit - (points - size));
  if (granted <= 0) return noteAllowance(providerId, points, expire, limit, now);
  leases.set(providerId, { left: granted - 1, expire });
  if (leases.size > 10_000) leases.delete(leases.keys().next().value!);
  return { ok: true };
}

/** A provider this instance knows to be over its allowance until the window ends (no query needed). */
export function knownOverAllowance(providerId: string, now = Date.now()): Allowance {
  const until = blockedUntil.get(providerId);
  if (until === undefined || until <= now) return { ok: true };
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)) };
}

/** Records the answer of takePointSql: over the allowance, the provider is refused here until `expire`. */
export function noteAllowance(providerId: string, points: number, expire: number, limit: number, now = Date.now()): Allowance {
  if (points <= limit) return { ok: true };
  blockedUntil.set(providerId, expire);
  if (blockedUntil.size > 10_000) blockedUntil.delete(blockedUntil.keys().next().value!);
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((expire - now) / 1000)) };
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Token buckets per key in this process (unknown-token scanning per client address). */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {}

  /** Takes one token; when none is left, returns the seconds until one is. */
  take(key: string, now = Date.now()): Allowance {
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.buckets.delete(this.buckets.keys().next().value!);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond)) };
  }
}
