/**
 * The reminder job on pg-boss: scheduled every ten minutes by pg-boss's scheduler (one job per slot
 * whatever the number of instances; "stately" so two runs never overlap). Started by one line in
 * lib/jobs/start-workers.ts.
 */
import type PgBoss from "pg-boss";
import { withContext } from "../log/context";
import { logger } from "../log/logger";
import { runReminders } from "./send-reminders";

export const REMINDER_QUEUE = "office-reminders";

export async function startReminderWorker(instance: PgBoss): Promise<void> {
  await instance.createQueue(REMINDER_QUEUE, { name: REMINDER_QUEUE, policy: "stately", retryLimit: 2, retryDelay: 60, expireInSeconds: 600 });
  await instance.work(REMINDER_QUEUE, { batchSize: 1, pollingIntervalSeconds: 30 }, async () =>
    withContext({ correlationId: "office-reminders" }, async () => {
      const queued = await runReminders();
      if (queued.customer + queued.advisor > 0) logger().info({ queued }, "Reminders queued");
      return queued;
    }),
  );
  await instance.schedule(REMINDER_QUEUE, "*/10 * * * *", {});
}
