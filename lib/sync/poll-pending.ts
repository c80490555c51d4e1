/**
 * Re-reads contracts that wait on the provider (120, 230, 240), so statuses advance even when
 * no callback ever arrives. Goes through refreshContract, like every other way of reading.
 */
import { db } from "../db";
import { logUnexpected } from "../errors";
import { WAITING_ON_PROVIDER } from "../contracts/status";
import { refreshContract } from "./refresh-contract";

export async function pollPendingContracts(options: { olderThanSeconds: number; limit?: number; concurrency?: number }): Promise<{ checked: number; changed: number; failed: number }> {
  const cutoff = new Date(Date.now() - options.olderThanSeconds * 1000);
  const due = await db().contract.findMany({
    where: {
      status: { in: [...WAITING_ON_PROVIDER] },
      remoteId: { not: null },
      provider: { enabled: true },
      OR: [{ lastReadAt: null }, { lastReadAt: { lt: cutoff } }],
    },
    orderBy: [{ lastReadAt: { sort: "asc", nulls: "first" } }],
    take: options.limit ?? 200,
    select: { id: true },
  });
  let changed = 0;
  let failed = 0;
  const queue = [...due];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      try {
        const result = await refreshContract(next.id, "POLL");
        if ("statusChanged" in result && result.statusChanged) changed++;
      } catch (error) {
        failed++;
        logUnexpected(error, { where: "pending-poll", contractId: next.id });
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  return { checked: due.length, changed, failed };
}
