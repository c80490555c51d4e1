/**
 * pg-boss on the portal's own PostgreSQL (schema `pgboss`): jobs survive restarts, and several
 * app instances or `npm run worker` processes share them (SKIP LOCKED).
 */
import PgBoss from "pg-boss";
import { env } from "../env";

export const QUEUES = {
  contractRefresh: "contract-refresh",
  pendingPoll: "pending-poll",
  callbackProcess: "callback-process",
} as const;

const globalForBoss = globalThis as unknown as { proposalDeskBoss?: Promise<PgBoss> };

// 57P01 admin_shutdown: the database is stopping (on Ctrl-C it may go before we do). Expected, not an error.
const isShutdown = (error: Error) => (error as Error & { code?: string }).code === "57P01";

/** The started pg-boss instance of this process (started on first use, queues created). */
export function boss(): Promise<PgBoss> {
  return (globalForBoss.proposalDeskBoss ??= (async () => {
    const instance = new PgBoss({ connectionString: env().DATABASE_URL, schema: "pgboss", max: 4 });
    instance.on("error", (error) => {
      if (!isShutdown(error)) console.error(JSON.stringify({ level: "error", where: "pg-boss", message: error.message }));
    });
    await instance.start();
    await instance.createQueue(QUEUES.contractRefresh, { name: QUEUES.contractRefresh, retryLimit: 6, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 });
    await instance.createQueue(QUEUES.callbackProcess, { name: QUEUES.callbackProcess, retryLimit: 8, retryDelay: 2, retryBackoff: true, expireInSeconds: 120 });
    await instance.createQueue(QUEUES.pendingPoll, { name: QUEUES.pendingPoll, policy: "stately", retryLimit: 0, expireInSeconds: 300 });
    return instance;
  })());
}

export async function stopBoss(): Promise<void> {
  const pending = globalForBoss.proposalDeskBoss;
  globalForBoss.proposalDeskBoss = undefined;
  if (pending) await (await pending).stop({ graceful: true, wait: true, timeout: 10_000 });
}
