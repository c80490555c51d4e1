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
