/**
 * Re-reads contracts whose turn is the provider's (120, 230, 240, and a provider's own codes on the
 * way such as 250), so statuses advance even when no callback ever arrives: refreshContracts reads
 * up to 500 of a provider's contracts in one `contract-list` call and applies them as one chunk.
 */
import { db } from "../db";
import { logUnexpected } from "../errors";
import { refreshContracts } from "./refresh-contract";

export async function pollPendingContracts(options: { olderThanSeconds: number; limit?: number; providerId?: string }): Promise<{ checked: number; changed: number; failed: number }> {
  const cutoff = new Date(Date.now() - options.olderThanSeconds * 1000);
  const due = await db().contract.findMany({
    where: {
      turn: "PROVIDER",
      remoteId: { not: null },
      provider: { enabled: true },
      ...(options.providerId ? { providerId: options.providerId } : {}),
      OR: [{ lastReadAt: null }, { lastReadAt: { lt: cutoff } }],
    },
    orderBy: [{ lastReadAt: { sort: "asc", nulls: "first" } }],
    take: options.limit ?? 2000,
    select: { id: true },
  });
  const { results } = await refreshContracts(due.map((contract) => contract.id), "POLL");
  let changed = 0;
  let failed = 0;
  const logged = new Set<unknown>();
  for (const [contractId, result] of results) {
    if ("statusChanged" in result && result.statusChanged) changed += 1;
    if (result.outcome === "failed" || result.outcome === "error") failed += 1;
    if (result.outcome === "error" && !logged.has(result.error)) {
      logged.add(result.error); // one line per provider that could not be read
      logUnexpected(result.error, { where: "pending-poll", contractId });
    }
  }
  return { checked: due.length, changed, failed };
}
