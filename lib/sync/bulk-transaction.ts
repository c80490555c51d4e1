/**
 * A transaction for the apply path's chunk writes, on a plain `pg` connection instead of Prisma's.
 *
 * Why: a sync chunk sends about 1.5 MB of parameters (500 records' data and raw JSON). Prisma's
 * raw queries pass every parameter through its query compiler (WebAssembly) and back as JSON:
 * about 200 ms of this process's CPU per chunk, more than the database spends on the writes
 * (bench/sync.ts). node-postgres sends the same parameters as they are.
 *
 * What it offers is what the apply path uses of a Prisma transaction: `$queryRaw` and
 * `$executeRaw` as tagged templates (Prisma.sql fragments compose as usual), so the same writers
 * run inside a caller's Prisma transaction (the answer to our own write) or here. Model methods
 * are not offered (a writer that needs one fails loudly in tests). Timestamps are read as UTC, as
 * Prisma reads them; dates sent are sent as ISO text.
 */
import pg from "pg";
import { Prisma, type Tx } from "../db";
import { env } from "../env";

const TIMESTAMP_OIDS = [1114, 1184];

function parseTimestamp(text: string): Date {
  // "2026-12-01 19:00:00.123" (no zone: stored as UTC, as Prisma writes it) or with an offset.
  const iso = text.replace(" ", "T");
  return new Date(/[zZ]|[+-]\d\d(:?\d\d)?$/.test(iso) ? iso : `${iso}Z`);
}

const types = {
  getTypeParser: ((oid: number, format?: string) =>
    TIMESTAMP_OIDS.includes(oid) && format !== "binary" ? parseTimestamp : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

const globalForPool = globalThis as unknown as { proposalDeskBulkPool?: pg.Pool };

function pool(): pg.Pool {
  if (!globalForPool.proposalDeskBulkPool) {
    // The default bound for bulkQuery's lookups; a transaction sets its own (SET LOCAL).
    const created = new pg.Pool({ connectionString: env().DATABASE_URL, max: 4, types, idleTimeoutMillis: 30_000, statement_timeout: 60_000 });
    // An idle connection the server drops must not crash the process; the next query reconnects.
    created.on("error", () => undefined);
    globalForPool.proposalDeskBulkPool = created;
  }
  return globalForPool.proposalDeskBulkPool;
}

const toParameter = (value: unknown): unknown => (value instanceof Date ? value.toISOString() : Array.isArray(value) ? value.map(toParameter) : value);

function runner(client: pg.PoolClient) {
  const run = async (strings: TemplateStringsArray | readonly string[], values: unknown[]) => {
    const query = new Prisma.Sql(strings, values);
    return client.query(query.text, query.values.map(toParameter));
  };
  return {
    $queryRaw: async <T>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T> => (await run(strings, values)).rows as T,
    $executeRaw: async (strings: TemplateStringsArray, ...values: unknown[]): Promise<number> => (await run(strings, values)).rowCount ?? 0,
  };
}

/** Runs `work` in one transaction on a pooled `pg` connection; rolled back when it throws. */
export async function bulkTransaction<T>(work: (tx: Tx) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
  const client = await pool().connect();
  // A connection whose ROLLBACK failed is in an unknown state: it is closed, not reused.
  let broken = false;
  try {
    await client.query(`BEGIN; SET LOCAL statement_timeout = ${Math.max(1000, Math.round(options.timeoutMs ?? 60_000))}`);
    try {
      const result = await work(runner(client) as unknown as Tx);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {
        broken = true;
      });
      throw error;
    }
  } finally {
    client.release(broken);
  }
}

/**
 * One read on the same pool, outside a transaction, for the sync's lookups of a chunk's ids:
 * through Prisma, a 500-id array goes through its query compiler and back as JSON.
 */
export async function bulkQuery<T>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T[]> {
  const query = new Prisma.Sql(strings, values);
  return (await pool().query(query.text, query.values.map(toParameter))).rows as T[];
}

/** For shutdown and tests: closes the pool's connections. */
export async function closeBulkPool(): Promise<void> {
  const current = globalForPool.proposalDeskBulkPool;
  globalForPool.proposalDeskBulkPool = undefined;
  await current?.end();
}
