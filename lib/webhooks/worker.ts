/**
 * pg-boss carries webhook deliveries. A dispatch job claims the due deliveries and queues one
 * delivery job each; workers on any instance send them. The retry schedule lives on the delivery
 * row (./deliver.ts), so it survives restarts and shows in the log.
 *
 * What starts a dispatch, never a timer of our own:
 * - a new or replayed delivery: its transaction NOTIFYs WEBHOOKS_CHANNEL (delivered on commit),
 *   and the listener here queues a dispatch at once (one a second at most, the next slot taken);
 * - a retry due within the minute: the delivery job queues a dispatch for that moment;
 * - pg-boss's scheduler, every minute, for everything else (later retries, a missed wake-up).
 */
import type PgBoss from "pg-boss";
import { z } from "zod";
import { logUnexpected } from "../errors";
import { deleteExpiredIdempotencyKeys } from "../api/idempotency";
import { ensureQueue, onBossStop } from "../jobs/boss";
import { listen } from "../jobs/listen";
import { claimDueDeliveries, deleteOldDeliveries, deliverWebhook } from "./deliver";
import { WEBHOOKS_CHANNEL } from "./events";

export const WEBHOOK_QUEUES = { dispatch: "webhook-dispatch", deliver: "webhook-deliver", retention: "api-retention" } as const;

/** A dispatch now (throttled to one a second; one asked for within that second runs in the next). */
function dispatchNow(instance: PgBoss): Promise<string | null> {
  return instance.send(WEBHOOK_QUEUES.dispatch, {}, { singletonKey: "now", singletonSeconds: 1, singletonNextSlot: true });
}

/** `organizationId` (for tests): deliver only that organization's events. */
export async function startWebhookWorkers(instance: PgBoss, options: { organizationId?: string } = {}): Promise<void> {
  // Standard policy (not stately): a dispatch queued for a retry in a few seconds must not hold back one for now.
  await ensureQueue(instance, WEBHOOK_QUEUES.dispatch, { policy: "standard", retryLimit: 0, expireInSeconds: 60 });
  await ensureQueue(instance, WEBHOOK_QUEUES.deliver, { retryLimit: 0, expireInSeconds: 60 });
  await ensureQueue(instance, WEBHOOK_QUEUES.retention, { policy: "stately", retryLimit: 0, expireInSeconds: 600 });

  await instance.work(WEBHOOK_QUEUES.dispatch, { batchSize: 1, pollingIntervalSeconds: 1 }, async () => {
    let queued = 0;
    // Drain what is due, a hundred at a time.
    for (;;) {
      const ids = await claimDueDeliveries(100, new Date(), options.organizationId ?? null);
      if (ids.length) await instance.insert(ids.map((deliveryId) => ({ name: WEBHOOK_QUEUES.deliver, data: { deliveryId } })));
      queued += ids.length;
      if (ids.length < 100) return { queued };
    }
  });
  await instance.work<{ deliveryId: string }>(WEBHOOK_QUEUES.deliver, { batchSize: 4, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    // A job that throws is not retried by pg-boss: the claim expires and a later dispatch picks the
    // delivery up again, on the row's own schedule.
    await Promise.all(
      jobs.map(async (job) => {
        try {
          await deliverWebhook(z.object({ deliveryId: z.string() }).parse(job.data).deliveryId, {
            // A retry sooner than the scheduler's next minute gets a dispatch of its own at that moment.
            onRetry: async (at) => {
              if (at.getTime() - Date.now() < 60_000) await instance.send(WEBHOOK_QUEUES.dispatch, {}, { startAfter: at });
            },
          });
        } catch (error) {
          logUnexpected(error, { where: "webhook-deliver", jobId: job.id });
        }
      }),
    );
  });

  // Hourly: idempotency keys past their 24 hours, delivery log entries past their 30 days.
  await instance.work(WEBHOOK_QUEUES.retention, { batchSize: 1, pollingIntervalSeconds: 30 }, async () => ({ idempotencyKeys: await deleteExpiredIdempotencyKeys(), deliveries: await deleteOldDeliveries() }));

  await instance.schedule(WEBHOOK_QUEUES.dispatch, "* * * * *", {});
  await instance.schedule(WEBHOOK_QUEUES.retention, "23 * * * *", {});

  const listener = listen(WEBHOOKS_CHANNEL, () => void dispatchNow(instance).catch((error: unknown) => logUnexpected(error, { where: "webhook wake-up" })));
  onBossStop(() => listener.stop());
  // What was committed while no worker listened goes out now rather than at the next minute.
  await dispatchNow(instance);
}
