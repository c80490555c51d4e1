/**
 * Re-reads contracts whose turn is the provider's (120, 230, 240, and a provider's own codes on the
 * way such as 250), so statuses advance even when no
 * callback ever arrives: per provider, up to 500 contracts in one `contract-list` call, applied as
 * one chunk through the one apply path.
 */
import { db } from "../db";
import { logUnexpected } from "../errors";
import { MAX_IDS_PER_LIST_CALL } from "../finum/common";
import { chunk } from "../finum/client";
import { applyProviderContracts } from "../contracts/apply-provider-contracts";
import { fetchPendingFiles } from "../documents/fetch-provider-files";
import { providerClientFor } from "../providers/provider-client";
import { recordReadWarnings } from "./read-warnings";

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
    select: { id: true, remoteId: true, providerId: true, organizationId: true },
  });
  const byProvider = new Map<string, typeof due>();
  for (const contract of due) byProvider.set(contract.providerId, [...(byProvider.get(contract.providerId) ?? []), contract]);
  let changed = 0;
  let failed = 0;
  for (const [providerId, contracts] of byProvider) {
    const { organizationId } = contracts[0]!;
    try {
      const client = await providerClientFor(providerId, organizationId);
      for (const part of chunk(contracts, MAX_IDS_PER_LIST_CALL)) {
        const readStartedAt = new Date();
        const read = await client.list("contract", part.map((c) => c.remoteId!));
        await recordReadWarnings(providerId, read);
        const report = await applyProviderContracts({ providerId, organizationId, source: "POLL", readStartedAt }, read.records);
        changed += report.statusChanges.length;
        failed += report.failed.length;
        // Contracts the provider did not list: looked at all the same.
        const listed = new Set(read.records.map((r) => r.id));
        const missing = part.filter((c) => !listed.has(c.remoteId!)).map((c) => c.id);
        if (missing.length > 0) await db().contract.updateMany({ where: { id: { in: missing } }, data: { lastReadAt: readStartedAt } });
        if (report.filesPending.length > 0) await fetchPendingFiles({ contractIds: report.filesPending });
      }
    } catch (error) {
      failed += contracts.length;
      logUnexpected(error, { where: "pending-poll", providerId });
    }
  }
  return { checked: due.length, changed, failed };
}
