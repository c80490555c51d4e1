/**
 * The job workers: run inside the app process (instrumentation.ts) unless JOBS_ENABLED=false,
 * or alone with `npm run worker`.
 */
import { z } from "zod";
import { env } from "../env";
import { logUnexpected } from "../errors";
import { refreshContract } from "../sync/refresh-contract";
import { pollPendingContracts } from "../sync/poll-pending";
import { processCallbackDelivery, unprocessedDeliveries } from "../callbacks/process-delivery";
import { registerEngineJobs } from "./engine-jobs";
import { boss, QUEUES } from "./boss";
import { startWebhookWorkers } from "../webhooks/worker";

const refreshJobSchema = z.object({ contractId: z.string().min(1), source: z.enum(["CALLBACK", "POLL", "SYNC"]) });
export type RefreshJob = z.infer<typeof refreshJobSchema>;

export async function enqueueContractRefresh(job: RefreshJob, options: { singletonKey?: string } = {}): Promise<string | null> {
  return (await boss()).send(QUEUES.contractRefresh, refreshJobSchema.parse(job), options.singletonKey ? { singletonKey: options.singletonKey } : {});
}

/** Queues the processing of one stored callback delivery (at most once at a time per delivery). */
export async function enqueueCallbackProcessing(deliveryId: string): Promise<string | null> {
  // Picked up within half a second by a worker's poll; a burst is then drained batch after batch.
  return (await boss()).send(QUEUES.callbackProcess, { deliveryId }, { singletonKey: deliveryId });
}

const CALLBACK_BATCH = 20;
// Two at a time: in the default layout the jobs share the event loop with the callback endpoint,
// and more would only lengthen its answers (bench/callbacks.ts: p99 37 ms inline vs 70 ms at six).
const CALLBACK_CONCURRENCY = 2;

const globalForWorkers = globalThis as unknown as { proposalDeskWorkers?: boolean; proposalDeskPollTimer?: NodeJS.Timeout };

export async function startWorkers(): Promise<void> {
  if (globalForWorkers.proposalDeskWorkers) return;
  globalForWorkers.proposalDeskWorkers = true;
  const instance = await boss();
  const interval = env().PENDING_POLL_INTERVAL_SECONDS;
  await startWebhookWorkers(instance);

  await instance.work<RefreshJob>(QUEUES.contractRefresh, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    if (!job) return;
    const { contractId, source } = refreshJobSchema.parse(job.data);
    return refreshContract(contractId, source);
  });
  const callbackWorker = await instance.work<{ deliveryId: string }>(QUEUES.callbackProcess, { batchSize: CALLBACK_BATCH, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    // A batch processed a few at a time; a job that fails is failed alone (pg-boss retries it with
    // backoff), the rest complete. A full batch means more are waiting: fetch again at once.
    const queue = [...jobs];
    await Promise.all(
      Array.from({ length: CALLBACK_CONCURRENCY }, async () => {
        for (let job = queue.shift(); job; job = queue.shift()) {
          try {
            await processCallbackDelivery(z.object({ deliveryId: z.string() }).parse(job.data).deliveryId);
          } catch (error) {
            await instance.fail(QUEUES.callbackProcess, job.id, { message: error instanceof Error ? error.message : String(error) });
          }
        }
      }),
    );
    if (jobs.length === CALLBACK_BATCH) instance.notifyWorker(callbackWorker);
  });
  await instance.work(QUEUES.pendingPoll, { batchSize: 1, pollingIntervalSeconds: 1 }, async () => {
    for (const deliveryId of await unprocessedDeliveries(60)) await enqueueCallbackProcessing(deliveryId);
    return pollPendingContracts({ olderThanSeconds: Math.max(1, interval / 2) });
  });

  // One poll per interval across all instances: "stately" queue plus a singleton key per time slot.
  const tick = () =>
    void instance.send(QUEUES.pendingPoll, {}, { singletonKey: "pending-poll", singletonSeconds: interval }).catch((error: unknown) => logUnexpected(error, { where: "pending-poll tick" }));
  globalForWorkers.proposalDeskPollTimer = setInterval(tick, interval * 1000);
  globalForWorkers.proposalDeskPollTimer.unref();
  tick();

  // The periodic sync (one job per provider and record type), the document queue and link expiry.
  await registerEngineJobs(instance, { syncIntervalMinutes: env().SYNC_INTERVAL_MINUTES });
}
