/**
 * pg-boss carries webhook deliveries: a tick (one per two seconds across all instances) claims
 * the due deliveries and queues one job each; workers on any instance send them. The retry
 * schedule lives on the delivery row (./deliver.ts), so it survives restarts and shows in the log.
 */
import type PgBoss from "pg-boss";
import { z } from "zod";
import { logUnexpected } from "../errors";
import { deleteExpiredIdempotencyKeys } from "../api/idempotency";
import { claimDueDeliveries, deleteOldDeliveries, deliverWebhook } from "./deliver";

export const WEBHOOK_QUEUES = { dispatch: "webhook-dispatch", deliver: "webhook-deliver", retention: "api-retention" } as const;
const TICK_SECONDS = 2;
const RETENTION_SECONDS = 3600;

const globalForWebhooks = globalThis as unknown as { proposalDeskWebhookTimer?: NodeJS.Timeout; proposalDeskRetentionTimer?: NodeJS.Timeout };

/** `organizationId` (for tests): deliver only that organization's events. */
export async function startWebhookWorkers(instance: PgBoss, options: { organizationId?: string } = {}): Promise<void> {
  await instance.createQueue(WEBHOOK_QUEUES.dispatch, { name: WEBHOOK_QUEUES.dispatch, policy: "stately", retryLimit: 0, expireInSeconds: 60 });
  await instance.createQueue(WEBHOOK_QUEUES.deliver, { name: WEBHOOK_QUEUES.deliver, retryLimit: 0, expireInSeconds: 60 });
  await instance.createQueue(WEBHOOK_QUEUES.retention, { name: WEBHOOK_QUEUES.retention, policy: "stately", retryLimit: 0, expireInSeconds: 600 });

  await instance.work(WEBHOOK_QUEUES.dispatch, { batchSize: 1, pollingIntervalSeconds: 1 }, async () => {
    const ids = await claimDueDeliveries(100, new Date(), options.organizationId ?? null);
    if (ids.length) await instance.insert(ids.map((deliveryId) => ({ name: WEBHOOK_QUEUES.deliver, data: { deliveryId } })));
    return { queued: ids.length };
  });
  await instance.work<{ deliveryId: string }>(WEBHOOK_QUEUES.deliver, { batchSize: 4, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    // A job that throws is not retried by pg-boss: the claim expires and the next tick picks the
    // delivery up again, on the row's own schedule.
    await Promise.all(jobs.map((job) => deliverWebhook(z.object({ deliveryId: z.string() }).parse(job.data).deliveryId).catch((error: unknown) => logUnexpected(error, { where: "webhook-deliver", jobId: job.id }))));
  });

  const tick = () =>
    void instance.send(WEBHOOK_QUEUES.dispatch, {}, { singletonKey: "webhook-dispatch", singletonSeconds: TICK_SECONDS }).catch((error: unknown) => logUnexpected(error, { where: "webhook-dispatch tick" }));
  clearInterval(globalForWebhooks.proposalDeskWebhookTimer);
  globalForWebhooks.proposalDeskWebhookTimer = setInterval(tick, TICK_SECONDS * 1000);
  globalForWebhooks.proposalDeskWebhookTimer.unref();
  tick();

  // Hourly: idempotency keys past their 24 hours, delivery log entries past their 30 days.
  await instance.work(WEBHOOK_QUEUES.retention, { batchSize: 1, pollingIntervalSeconds: 30 }, async () => ({ idempotencyKeys: await deleteExpiredIdempotencyKeys(), deliveries: await deleteOldDeliveries() }));
  const retentionTick = () =>
    void instance.send(WEBHOOK_QUEUES.retention, {}, { singletonKey: "api-retention", singletonSeconds: RETENTION_SECONDS }).catch((error: unknown) => logUnexpected(error, { where: "api-retention tick" }));
  clearInterval(globalForWebhooks.proposalDeskRetentionTimer);
  globalForWebhooks.proposalDeskRetentionTimer = setInterval(retentionTick, RETENTION_SECONDS * 1000);
  globalForWebhooks.proposalDeskRetentionTimer.unref();
  retentionTick();
}

export function stopWebhookTimers(): void {
  clearInterval(globalForWebhooks.proposalDeskWebhookTimer);
  clearInterval(globalForWebhooks.proposalDeskRetentionTimer);
}
