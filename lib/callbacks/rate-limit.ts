/**
 * Rate limits for the callback endpoint.
 *  - Per provider, in PostgreSQL (rate-limiter-flexible's Postgres store, table "rate_limit"), so
 *    the allowance holds across every instance. Spent only after the signature checked out, so
 *    forged callbacks cannot use up a provider's allowance.
 *  - Per client address for unknown or missing tokens, in this process: a cheap brake on
 *    scanning that never touches the database.
 */
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "../env";
import { pgPool } from "../pg-pool";

export type Allowance = { ok: true } | { ok: false; retryAfterSeconds: number };

const globalForLimiter = globalThis as unknown as { proposalDeskCallbackLimiter?: RateLimiterPostgres };

function providerLimiter(): RateLimiterPostgres {
  return (globalForLimiter.proposalDeskCallbackLimiter ??= new RateLimiterPostgres({
    storeClient: pgPool(),
    storeType: "pool",
    tableName: "rate_limit",
    tableCreated: true, // created by a migration
    clearExpiredByTimeout: false, // the retention job clears expired rows
    keyPrefix: "callback",
    points: env().CALLBACK_RATE_PER_SECOND,
    duration: 1,
    // Once a provider is over its allowance, further calls this second are refused without a query.
    inMemoryBlockOnConsumed: env().CALLBACK_RATE_PER_SECOND,
    inMemoryBlockDuration: 1,
  }));
}

/** Takes one callback from a provider's allowance (shared by all instances). */
export async function takeProviderAllowance(providerId: string): Promise<Allowance> {
  try {
    await providerLimiter().consume(providerId, 1);
    return { ok: true };
  } catch (error) {
    if (error instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
    throw error;
  }
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
