/**
 * The contract engine's jobs, scheduled with pg-boss's own scheduler (cron in the database: one
 * instance fires each tick, any instance may run the work):
 * - sync: one job per provider and record type, chained in SYNC_ORDER (products and clients before
 *   contracts, files last). Each job is a resumable run (lib/sync/sync-record-type.ts), so a
 *   retry after a crash or an expiry continues where it stopped.
 * - sync watchdog: every minute (and when a worker starts), a run whose worker stopped reporting
 *   for SYNC_STALL_SECONDS is handed to a live worker. A killed worker's job would otherwise stay
 *   "active" until it expires (30 minutes) and hold up the next sync of that provider and type.
 * - documents: the queue of provider files to download, bounded, apart from the sync.
 * - approval expiry: links that ran out become the advisor's turn.
 */
import type PgBoss from "pg-boss";
import { z } from "zod";
import { db } from "../db";
import { logUnexpected } from "../errors";
import { RECORD_TYPES } from "../finum/common";
import { SYNC_ORDER, syncProviderRecordType } from "../sync/sync-provider";
import { fetchPendingFiles } from "../documents/fetch-provider-files";
import { expireApprovalLinks } from "../approvals/expire-approval-links";
import { alertStaleSyncs } from "../sync/stale-sync-alert";
import { stalledRuns } from "../sync/sync-record-type";

export const ENGINE_QUEUES = {
  syncTick: "sync-tick",
  syncRecordType: "sync-record-type",
  documentFetch: "document-fetch",
  approvalExpiry: "approval-expiry",
  staleSyncAlert: "sync-stale-alert",
  syncWatchdog: "sync-watchdog",
} as const;

const syncJobSchema = z.object({ providerId: z.string().min(1), type: z.enum(RECORD_TYPES), chain: z.boolean().default(true) });
export type SyncJob = z.infer<typeof syncJobSchema>;

/** How long one document job keeps fetching before it hands over to the next (other jobs get a turn). */
const DOCUMENT_JOB_SECONDS = 50;

function everyMinutes(minutes: number): string {
  if (minutes <= 1) return "* * * * *";
  if (minutes < 60 && 60 % minutes === 0) return `*/${minutes} * * * *`;
  return `0 */${Math.max(1, Math.round(minutes / 60))} * * *`;
}

// A first sync of 50,000 contracts takes tens of seconds; an expired job is retried and resumes its run.
const SYNC_QUEUE = { name: ENGINE_QUEUES.syncRecordType, policy: "stately", retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 1800 } as const;
const syncQueueReady = new WeakSet<PgBoss>();

/**
 * Queues one provider's sync, starting at `type` (default: the first). One at a time per provider
 * and type; none while that provider and type's job is running. In a stately queue pg-boss fetches
 * the oldest waiting job first and, while a job with the same key is active, takes nothing at all:
 * a second job queued behind a long sync would hold up every other provider's. The running one
 * chains on to the next record type itself, and the next periodic sync reads what it missed.
 */
export async function enqueueProviderSync(instance: PgBoss, providerId: string, type: SyncJob["type"] = SYNC_ORDER[0]!, chain = true): Promise<string | null> {
  // Also from processes that run no workers (a web instance enabling a provider): the queue must exist.
  if (!syncQueueReady.has(instance)) {
    await instance.createQueue(SYNC_QUEUE.name, SYNC_QUEUE);
    syncQueueReady.add(instance);
  }
  const singletonKey = `${providerId}:${type}`;
  // One waiting for its retry counts too: once due, it and a new one would be fetchable together,
  // and whichever is taken second blocks the queue while the first runs.
  if ((await syncJobsIn(instance, singletonKey, ["active", "retry"])).length > 0) return null;
  return instance.send(ENGINE_QUEUES.syncRecordType, { providerId, type, chain }, { singletonKey });
}

/** The ids of a provider and record type's sync jobs in the given states ("active": a worker holds it). */
async function syncJobsIn(instance: PgBoss, singletonKey: string, states: Array<"active" | "retry">): Promise<string[]> {
  const { rows } = await instance
    .getDb()
    .executeSql("SELECT id FROM pgboss.job WHERE name = $1 AND singleton_key = $2 AND state::text = ANY($3::text[])", [SYNC_QUEUE.name, singletonKey, states]);
  return (rows as Array<{ id: string }>).map((row) => row.id);
}

/**
 * Resumes the runs whose worker stopped: the job it held (still "active" in pg-boss) is cancelled
 * and a new one queued, which takes the run over at its position (claimRun). A worker that was
 * only slow loses nothing: the run is one, its chunks are applied in order and guarded by updatedAt.
 */
export async function resumeStalledSyncs(instance: PgBoss): Promise<{ resumed: number }> {
  const runs = await stalledRuns();
  for (const run of runs) {
    const ids = await syncJobsIn(instance, `${run.providerId}:${run.recordType}`, ["active"]);
    if (ids.length > 0) await instance.cancel(ENGINE_QUEUES.syncRecordType, ids);
    await enqueueProviderSync(instance, run.providerId, run.recordType);
  }
  return { resumed: runs.length };
}

/**
 * Enabled providers with record types never synced successfully (the demo's on a fresh install,
 * whose products the seed loaded; one enabled while no worker ran) get their first sync now, from
 * the first such type on, not at the next periodic tick: until then the sync health page, which
 * reads the same cursors, could only say "never synced". One row per provider and type is read,
 * never the runs (a provider gathers thousands a month).
 */
export async function queueFirstSyncs(instance: PgBoss): Promise<{ queued: number }> {
  const providers = await db().provider.findMany({
    where: { enabled: true },
    select: { id: true, syncCursors: { where: { lastSuccessAt: { not: null } }, select: { recordType: true } } },
  });
  let queued = 0;
  for (const provider of providers) {
    const synced = new Set(provider.syncCursors.map((cursor) => cursor.recordType));
    const first = SYNC_ORDER.find((type) => !synced.has(type));
    if (first && (await enqueueProviderSync(instance, provider.id, first))) queued++;
  }
  return { queued };
}

export async function registerEngineJobs(instance: PgBoss, options: { syncIntervalMinutes: number }): Promise<void> {
  await instance.createQueue(ENGINE_QUEUES.syncTick, { name: ENGINE_QUEUES.syncTick, policy: "stately", retryLimit: 0, expireInSeconds: 60 });
  await instance.createQueue(SYNC_QUEUE.name, SYNC_QUEUE);
  syncQueueReady.add(instance);
  await instance.createQueue(ENGINE_QUEUES.documentFetch, { name: ENGINE_QUEUES.documentFetch, policy: "stately", retryLimit: 3, retryDelay: 10, expireInSeconds: 300 });
  await instance.createQueue(ENGINE_QUEUES.approvalExpiry, { name: ENGINE_QUEUES.approvalExpiry, policy: "stately", retryLimit: 0, expireInSeconds: 120 });

  await instance.schedule(ENGINE_QUEUES.syncTick, everyMinutes(options.syncIntervalMinutes));
  await instance.schedule(ENGINE_QUEUES.documentFetch, everyMinutes(1));
  await instance.schedule(ENGINE_QUEUES.approvalExpiry, everyMinutes(1));
  await instance.createQueue(ENGINE_QUEUES.staleSyncAlert, { name: ENGINE_QUEUES.staleSyncAlert, policy: "stately", retryLimit: 0, expireInSeconds: 120 });
  await instance.schedule(ENGINE_QUEUES.staleSyncAlert, everyMinutes(15));
  await instance.work(ENGINE_QUEUES.staleSyncAlert, { pollingIntervalSeconds: 30 }, async () => alertStaleSyncs());
  await instance.createQueue(ENGINE_QUEUES.syncWatchdog, { name: ENGINE_QUEUES.syncWatchdog, policy: "stately", retryLimit: 0, expireInSeconds: 120 });
  await instance.schedule(ENGINE_QUEUES.syncWatchdog, everyMinutes(1));
  await instance.work(ENGINE_QUEUES.syncWatchdog, { pollingIntervalSeconds: 5 }, async () => resumeStalledSyncs(instance));
  // A worker that starts (after a crash or a deploy) looks at once rather than at the next minute.
  await instance.send(ENGINE_QUEUES.syncWatchdog, {}, { singletonKey: "watchdog" });
  await queueFirstSyncs(instance);

  await instance.work(ENGINE_QUEUES.syncTick, { pollingIntervalSeconds: 5 }, async () => {
    const providers = await db().provider.findMany({ where: { enabled: true }, select: { id: true } });
    for (const provider of providers) await enqueueProviderSync(instance, provider.id);
  });

  await instance.work<SyncJob>(ENGINE_QUEUES.syncRecordType, { pollingIntervalSeconds: 2 }, async ([job]) => {
    if (!job) return;
    const { providerId, type, chain } = syncJobSchema.parse(job.data);
    const provider = await db().provider.findUnique({ where: { id: providerId }, select: { organizationId: true, enabled: true } });
    if (!provider?.enabled) return;
    const result = await syncProviderRecordType(providerId, provider.organizationId, type);
    if (type === "contract" || type === "file") await instance.send(ENGINE_QUEUES.documentFetch, {}, { singletonKey: "documents" });
    const next = SYNC_ORDER[SYNC_ORDER.indexOf(type) + 1];
    if (chain && next) await enqueueProviderSync(instance, providerId, next);
    return result;
  });

  await instance.work(ENGINE_QUEUES.documentFetch, { pollingIntervalSeconds: 5 }, async () => {
    const until = Date.now() + DOCUMENT_JOB_SECONDS * 1000;
    let total = { stored: 0, failed: 0 };
    for (;;) {
      const round = await fetchPendingFiles({ limit: 30, concurrency: 3 });
      total = { stored: total.stored + round.stored, failed: total.failed + round.failed };
      if (round.stored + round.failed === 0) return total;
      if (Date.now() > until) {
        // More are waiting: the next job goes on with them.
        await instance.send(ENGINE_QUEUES.documentFetch, {}, { singletonKey: "documents" });
        return total;
      }
    }
  });

  await instance.work(ENGINE_QUEUES.approvalExpiry, { pollingIntervalSeconds: 5 }, async () => {
    try {
      return { expired: await expireApprovalLinks() };
    } catch (error) {
      logUnexpected(error, { where: "approval expiry" });
      throw error;
    }
  });
}
