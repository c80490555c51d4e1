/**
 * The jobs of issue 14's dossier and data-subject parts, on pg-boss's scheduler: the scan that
 * stores the evidence dossier of contracts that reached 320 (every minute, cheap when there is
 * nothing to do), and the privacy retention run (daily).
 */
import type PgBoss from "pg-boss";
import { z } from "zod";
import { withContext } from "../log/context";
import { logger } from "../log/logger";
import { storeDueDossiers } from "./dossier";
import { runPrivacyRetention } from "../privacy/retention";

const BATCH = 50;
const DRAIN_MS = 5 * 60_000;

export const DOSSIER_QUEUES = { store: "dossier-store", retention: "privacy-retention" } as const;

export async function startDossierWorkers(instance: PgBoss): Promise<void> {
  await instance.createQueue(DOSSIER_QUEUES.store, { name: DOSSIER_QUEUES.store, policy: "stately", retryLimit: 1, expireInSeconds: 600 });
  await instance.createQueue(DOSSIER_QUEUES.retention, { name: DOSSIER_QUEUES.retention, policy: "stately", retryLimit: 2, retryDelay: 600, expireInSeconds: 1800 });
  await instance.work<{ organizationId?: string }>(DOSSIER_QUEUES.store, { batchSize: 1, pollingIntervalSeconds: 10 }, async ([job]) =>
    withContext({ requestId: job?.id, correlationId: "dossier-store" }, async () => {
      // The scheduled scan covers every firm; a job may name one (tests, a firm's own catch-up).
      const organizationId = z.object({ organizationId: z.string().min(1).optional() }).catch({}).parse(job?.data ?? {}).organizationId;
      // Works through a backlog in batches (newest first) for up to DRAIN_MS, then leaves the rest to the next scan.
      const total = { stored: 0, failed: 0 };
      const until = Date.now() + DRAIN_MS;
      for (;;) {
        const batch = await storeDueDossiers({ limit: BATCH, organizationId });
        total.stored += batch.stored;
        total.failed += batch.failed;
        if (batch.due < BATCH || batch.stored === 0 || Date.now() > until) break;
      }
      if (total.stored || total.failed) logger().info(total, "Evidence dossiers stored");
      return total;
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
