/**
 * pg-boss on the portal's own PostgreSQL (schema `pgboss`): jobs survive restarts, and several
 * app instances or `npm run worker` processes share them (SKIP LOCKED).
 */
import PgBoss from "pg-boss";
import { env } from "../env";
import { logger } from "../log/logger";

export const QUEUES = {
  contractRefresh: "contract-refresh",
  pendingPoll: "pending-poll",
  callbackProcess: "callback-process",
  retention: "retention",
} as const;

/** NOTIFY channel that wakes the workers at once when a job is queued in SQL (callbacks). */
export const JOBS_CHANNEL = "proposal_desk_jobs";

const globalForBoss = globalThis as unknown as { proposalDeskBoss?: Promise<PgBoss> };

// 57P01 admin_shutdown: the database is stopping (on Ctrl-C it may go before we do). Expected, not an error.
const isShutdown = (error: Error) => (error as Error & { code?: string }).code === "57P01";

/** Creates a queue, or brings an existing one's settings up to date. */
export async function ensureQueue(instance: PgBoss, name: string, options: Omit<PgBoss.Queue, "name">): Promise<void> {
  await instance.createQueue(name, { name, ...options });
  await instance.updateQueue(name, { name, ...options });
}

/** The started pg-boss instance of this process (started on first use, queues created). */
export function boss(): Promise<PgBoss> {
  return (globalForBoss.proposalDeskBoss ??= (async () => {
    // Maintenance every JOB_MAINTENANCE_SECONDS (30): a job left active by a killed worker expires
    // after JOB_EXPIRE_SECONDS (60) and is retried by another worker (about a minute and a half).
    const config = env();
    const expireInSeconds = config.JOB_EXPIRE_SECONDS;
    const instance = new PgBoss({ connectionString: config.DATABASE_URL, schema: "pgboss", max: 4, maintenanceIntervalSeconds: config.JOB_MAINTENANCE_SECONDS });
    instance.on("error", (error) => {
      if (!isShutdown(error)) logger().error({ where: "pg-boss", err: error }, "Job queue error");
    });
    await instance.start();
    await ensureQueue(instance, QUEUES.contractRefresh, { retryLimit: 6, retryDelay: 5, retryBackoff: true, expireInSeconds });
    await ensureQueue(instance, QUEUES.callbackProcess, { retryLimit: 8, retryDelay: 2, retryBackoff: true, expireInSeconds });
    await ensureQueue(instance, QUEUES.pendingPoll, { policy: "stately", retryLimit: 0, expireInSeconds: 300 });
    await ensureQueue(instance, QUEUES.retention, { policy: "stately", retryLimit: 1, expireInSeconds: 900 });
    return instance;
  })().catch((error: unknown) => {
    // Not kept: the next use tries again (PostgreSQL may be back by then; /api/ready reports it meanwhile).
    globalForBoss.proposalDeskBoss = undefined;
    throw error;
  }));
}

const stopHooks = ((globalThis as unknown as { proposalDeskBossStopHooks?: Array<() => Promise<void>> }).proposalDeskBossStopHooks ??= []);

/** Runs `hook` when the job queue stops (e.g. the workers' wake-up listener). */
export function onBossStop(hook: () => Promise<void>): void {
  stopHooks.push(hook);
}

/** Stops pg-boss gracefully: workers finish the jobs in hand (up to 10 s) before it returns. */
export async function stopBoss(): Promise<void> {
  for (const hook of stopHooks.splice(0)) await hook().catch(() => undefined);
  const pending = globalForBoss.proposalDeskBoss;
  globalForBoss.proposalDeskBoss = undefined;
  if (pending) await (await pending).stop({ graceful: true, wait: true, timeout: 10_000 });
}
