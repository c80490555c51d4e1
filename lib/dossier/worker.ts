/**
 * The jobs of issue 14's dossier and data-subject parts, on pg-boss's scheduler: the scan that
 * stores the evidence dossier of contracts that reached 320 (every minute, cheap when there is
 * nothing to do), and the privacy retention run (daily).
 */
import type PgBoss from "pg-boss";
import { withContext } from "../log/context";
import { logger } from "../log/logger";
import { storeDueDossiers } from "./dossier";
import { runPrivacyRetention } from "../privacy/retention";

export const DOSSIER_QUEUES = { store: "dossier-store", retention: "privacy-retention" } as const;

export async function startDossierWorkers(instance: PgBoss): Promise<void> {
  await instance.createQueue(DOSSIER_QUEUES.store, { name: DOSSIER_QUEUES.store, policy: "stately", retryLimit: 1, expireInSeconds: 600 });
  await instance.createQueue(DOSSIER_QUEUES.retention, { name: DOSSIER_QUEUES.retention, policy: "stately", retryLimit: 2, retryDelay: 600, expireInSeconds: 1800 });
  await instance.work(DOSSIER_QUEUES.store, { batchSize: 1, pollingIntervalSeconds: 10 }, async ([job]) =>
    withContext({ requestId: job?.id, correlationId: "dossier-store" }, async () => {
      const result = await storeDueDossiers();
      if (result.stored || result.failed) logger().info(result, "Evidence dossiers stored");
      return result;
    }),
  );
  await instance.work(DOSSIER_QUEUES.retention, { batchSize: 1, pollingIntervalSeconds: 60 }, async ([job]) =>
    withContext({ requestId: job?.id, correlationId: "privacy-retention" }, async () => {
      const result = await runPrivacyRetention();
      logger().info(result, "Privacy retention run");
      return result;
    }),
  );
  await instance.schedule(DOSSIER_QUEUES.store, "* * * * *", {});
  await instance.schedule(DOSSIER_QUEUES.retention, "41 2 * * *", {});
}
