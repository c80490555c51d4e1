/**
 * Rate limits for the callback endpoint.
 *  - Per provider, in PostgreSQL (table "rate_limit", rate-limiter-flexible's layout: key, points,
 *    expire in epoch ms), so the allowance holds across every instance. Taken in the same SQL
 *    statement that stores the delivery (lib/callbacks/ingest-callback.ts: one round trip per
 *    callback), and only after the signature checked out, so forged callbacks cannot use it up.
 *    Once a provider is over its allowance, this instance refuses it without a query until the
 *    window ends.
 *  - Per client address for unknown or missing tokens, in this process: a cheap brake on
 *    scanning that never touches the database.
 */
export type Allowance = { ok: true } | { ok: false; retryAfterSeconds: number };

/** The rate_limit key of a provider's callback allowance. */
export const callbackAllowanceKey = (providerId: string) => `callback:${providerId}`;

/**
 * SQL (a CTE body) that takes one point from the key `$key` in a window of one second, in the
 * database's clock: a new window starts when the old one has expired. Returns points and expire.
 */
export function takePointSql(key: string): string {
  return `INSERT INTO rate_limit (key, points, expire)
    VALUES (${key}, 1, (extract(epoch FROM clock_timestamp()) * 1000)::bigint + 1000)
    ON CONFLICT (key) DO UPDATE SET
      points = CASE WHEN rate_limit.expire <= (extract(epoch FROM clock_timestamp()) * 1000)::bigint THEN 1 ELSE rate_limit.points + 1 END,
      expire = CASE WHEN rate_limit.expire <= (extract(epoch FROM clock_timestamp()) * 1000)::bigint THEN (extract(epoch FROM clock_timestamp()) * 1000)::bigint + 1000 ELSE rate_limit.expire END
    RETURNING points, expire`;
}

const blockedUntil = new Map<string, number>();

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
