/**
 * A small pg Pool beside Prisma, for the few hot paths that must be one plain SQL statement
 * (callback ingestion, rate limits, live events). Only lib/ uses it, as with Prisma.
 */
import pg from "pg";
import { env } from "./env";

const globalForPool = globalThis as unknown as { proposalDeskPgPool?: pg.Pool };

export function pgPool(): pg.Pool {
  if (!globalForPool.proposalDeskPgPool) {
    const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 8, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000 });
    pool.on("error", () => undefined); // an idle client lost with the server: the next query reconnects
    globalForPool.proposalDeskPgPool = pool;
  }
  return globalForPool.proposalDeskPgPool;
}

const globalForCounters = globalThis as unknown as { proposalDeskCounterPool?: pg.Pool };

/**
 * For counters that need no durability (rate-limit points): its commits do not wait for the disk
 * (synchronous_commit off), so a counter row that every request updates is locked for a moment,
 * not for a disk flush, and concurrent requests do not queue behind each other. A crash may forget
 * the last points counted; it never loses data (nothing else is written through this pool).
 */
export function counterPool(): pg.Pool {
  if (!globalForCounters.proposalDeskCounterPool) {
    const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 4, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000, options: "-c synchronous_commit=off" });
    pool.on("error", () => undefined);
    globalForCounters.proposalDeskCounterPool = pool;
  }
  return globalForCounters.proposalDeskCounterPool;
}
