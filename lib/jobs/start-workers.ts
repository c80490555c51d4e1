/**
 * The job workers: run inside the app process (instrumentation.ts) unless JOBS_ENABLED=false,
 * or alone with `npm run worker`. Periodic work is scheduled with pg-boss's own scheduler (cron
 * rows in PostgreSQL, sent once per slot whatever the number of instances), never setInterval.
 */
import { z } from "zod";
import { env } from "../env";
import { leadingAndTrailing, listen, type Listener } from "./listen";
import { withContext } from "../log/context";
import { logger } from "../log/logger";
import { refreshContract } from "../sync/refresh-contract";
import { pollPendingContracts } from "../sync/poll-pending";
import { processCallbackDeliveries, unprocessedDeliveries } from "../callbacks/process-delivery";
import { registerEngineJobs } from "./engine-jobs";
import { boss, JOBS_CHANNEL, onBossStop, QUEUES } from "./boss";
import { runRetention } from "./retention";
import { startWebhookWorkers } from "../webhooks/worker";
import { startMailWorker } from "../mail/mail-queue";
import { inSpan } from "../ops/telemetry";
import { startDossierWorkers } from "../dossier/worker";

const refreshJobSchema = z.object({ contractId: z.string().min(1), source: z.enum(["CALLBACK", "POLL", "SYNC"]) });
export type RefreshJob = z.infer<typeof refreshJobSchema>;

export async function enqueueContractRefresh(job: RefreshJob, options: { singletonKey?: string } = {}): Promise<string | null> {
  return (await boss()).send(QUEUES.contractRefresh, refreshJobSchema.parse(job), options.singletonKey ? { singletonKey: options.singletonKey } : {});
}

/** Queues the processing of one stored callback delivery (at most once at a time per delivery). */
export async function enqueueCallbackProcessing(deliveryId: string): Promise<string | null> {
  const id = await (await boss()).send(QUEUES.callbackProcess, { deliveryId }, { singletonKey: deliveryId });
  await wakeWorkers().catch(() => undefined); // the workers' poll finds it anyway
  return id;
}

async function wakeWorkers(): Promise<void> {
  const instance = await boss();
  await instance.getDb().executeSql(`SELECT pg_notify('${JOBS_CHANNEL}', '${QUEUES.callbackProcess}')`, []);
}

// A worker takes up to CALLBACK_BATCH waiting callbacks at once and processes them together: their
// contracts are re-read in one provider call per provider and applied as one chunk, so a burst
// costs a few reads rather than one per callback, and the busier it is the more one read covers.
const CALLBACK_BATCH = 100;
// The poll is only the fallback: a NOTIFY from the callback's own INSERT wakes the worker at once.
const CALLBACK_POLL_SECONDS = 2;
const CALLBACK_WAKE_MS = 500;

/** Cron for "every n seconds", in whole minutes (pg-boss's scheduler works per minute). */
export function everyMinutesCron(seconds: number): string {
  const minutes = Math.max(1, Math.round(seconds / 60));
  return minutes === 1 ? "* * * * *" : minutes >= 60 ? `0 */${Math.min(23, Math.round(minutes / 60))} * * *` : `*/${minutes} * * * *`;
}

interface Workers {
  listener?: Listener;
  stopped?: boolean;
}
const globalForWorkers = globalThis as unknown as { proposalDeskWorkers?: Workers };

export async function startWorkers(): Promise<void> {
  if (globalForWorkers.proposalDeskWorkers) return;
  const workers: Workers = {};
  globalForWorkers.proposalDeskWorkers = workers;
  onBossStop(stopWorkers);
  const instance = await boss();
  const config = env();
  await startWebhookWorkers(instance);
  await startMailWorker(instance);
  await startDossierWorkers(instance);
  await (await import("../reminders/worker")).startReminderWorker(instance);
  await (await import("../notifications/dispatch")).startNotificationWorker(instance);

  await instance.work<RefreshJob>(QUEUES.contractRefresh, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    if (!job) return;
    const { contractId, source } = refreshJobSchema.parse(job.data);
    return withContext({ requestId: job.id, correlationId: contractId }, () => inSpan(`job ${QUEUES.contractRefresh}`, { "job.id": job.id, "contract.id": contractId }, () => refreshContract(contractId, source)));
  });
  const deliveryJob = z.object({ deliveryId: z.string() });
  const callbackWorker = await instance.work<{ deliveryId: string }>(QUEUES.callbackProcess, { batchSize: CALLBACK_BATCH, pollingIntervalSeconds: CALLBACK_POLL_SECONDS }, async (jobs) => {
    // A job that fails is failed alone (pg-boss retries it with backoff); the rest complete. A full
    // batch means more are waiting: fetch again at once.
    const jobOf = new Map<string, string>();
    for (const job of jobs) {
      const data = deliveryJob.safeParse(job.data);
      if (data.success) jobOf.set(data.data.deliveryId, job.id);
      else await instance.fail(QUEUES.callbackProcess, job.id, { message: "Not a callback delivery job" });
    }
    const outcomes = await withContext({ requestId: jobs[0]!.id, correlationId: jobs[0]!.id }, () =>
      inSpan(`job ${QUEUES.callbackProcess}`, { "job.id": jobs[0]!.id, "job.batch_size": jobs.length }, () => processCallbackDeliveries([...jobOf.keys()])),
    );
    for (const [deliveryId, outcome] of outcomes) {
      if (!outcome.ok) await instance.fail(QUEUES.callbackProcess, jobOf.get(deliveryId)!, { message: outcome.error instanceof Error ? outcome.error.message : String(outcome.error) });
    }
    if (jobs.length === CALLBACK_BATCH) instance.notifyWorker(callbackWorker);
  });
  // Wakes the callback worker on a NOTIFY from a stored callback: at once when it has been quiet,
  // else at most once per CALLBACK_WAKE_MS, so that under a burst a batch collects what came in
  // meanwhile (one provider read for many callbacks) instead of the worker fetching every few.
  workers.listener = listen(JOBS_CHANNEL, leadingAndTrailing(() => instance.notifyWorker(callbackWorker), CALLBACK_WAKE_MS));

  await instance.work(QUEUES.pendingPoll, { batchSize: 1, pollingIntervalSeconds: 5 }, async () =>
    withContext({ correlationId: "pending-poll" }, async () => {
      for (const deliveryId of await unprocessedDeliveries(60)) await enqueueCallbackProcessing(deliveryId);
      return pollPendingContracts({ olderThanSeconds: Math.max(1, config.PENDING_POLL_INTERVAL_SECONDS / 2) });
    }),
  );
  await instance.work(QUEUES.retention, { batchSize: 1, pollingIntervalSeconds: 30 }, async () =>
    withContext({ correlationId: "retention" }, async () => {
      const removed = await runRetention();
      logger().info({ removed }, "Retention: old log rows removed");
      return removed;
    }),
  );

  // pg-boss's scheduler: one job per slot across every instance (its cron rows live in PostgreSQL).
  await instance.schedule(QUEUES.pendingPoll, everyMinutesCron(config.PENDING_POLL_INTERVAL_SECONDS), {});
  await instance.schedule(QUEUES.retention, "17 * * * *", {});
  // Right after a start, the poll runs once rather than waiting for the first slot.
  await instance.send(QUEUES.pendingPoll, {}, { singletonKey: "pending-poll", singletonSeconds: 30 });

  // The periodic sync (one job per provider and record type), the document queue and link expiry.
  await registerEngineJobs(instance, { syncIntervalMinutes: config.SYNC_INTERVAL_MINUTES });
}

/** Whether this process runs the job workers (for /api/ready). */
export function workersRunning(): boolean {
  return Boolean(globalForWorkers.proposalDeskWorkers && !globalForWorkers.proposalDeskWorkers.stopped);
}

/** Stops the wake-up listener (called by stopBoss, which stops pg-boss itself). */
async function stopWorkers(): Promise<void> {
  const workers = globalForWorkers.proposalDeskWorkers;
  if (!workers) return;
  workers.stopped = true;
  globalForWorkers.proposalDeskWorkers = undefined;
  await workers.listener?.stop();
}
