/**
 * Re-reads one contract from its provider and applies it through the one apply path: the function
 * behind the "Refresh" button and callback processing. Documents the new state names are fetched
 * right after (the advisor is looking), after the status is already on screen.
 */
import { db } from "../db";
import type { EventSource } from "../generated/prisma/client";
import { applyProviderContracts } from "../contracts/apply-provider-contracts";
import { fetchPendingFiles } from "../documents/fetch-provider-files";
import { providerClientFor } from "../providers/provider-client";
import { recordReadWarnings } from "./read-warnings";

export type RefreshResult =
  | { outcome: "applied" | "unchanged"; statusChanged: boolean; from: number; to: number; documents: number }
  | { outcome: "draft" | "missing" | "failed"; reason?: string };

export async function refreshContract(contractId: string, source: EventSource, actor: { id?: string | null; label?: string | null } = {}): Promise<RefreshResult> {
  const contract = await db().contract.findUniqueOrThrow({ where: { id: contractId }, select: { id: true, organizationId: true, providerId: true, remoteId: true, status: true } });
  if (!contract.remoteId) return { outcome: "draft" };
  const client = await providerClientFor(contract.providerId, contract.organizationId);
  const readStartedAt = new Date();
  const read = await client.list("contract", [contract.remoteId]);
  await recordReadWarnings(contract.providerId, read);
  const record = read.records.find((r) => r.id === contract.remoteId);
  if (!record) {
    // The provider no longer lists it (or sent it unusable): keep what we have, note when we looked.
    await db().contract.update({ where: { id: contract.id }, data: { lastReadAt: readStartedAt } });
    const skipped = read.skipped.find((s) => s.id === contract.remoteId);
    return skipped ? { outcome: "failed", reason: skipped.reason } : { outcome: "missing" };
  }
  const report = await applyProviderContracts(
    { providerId: contract.providerId, organizationId: contract.organizationId, source, actorId: actor.id, actorLabel: actor.label, readStartedAt },
    [record],
  );
  if (report.failed.length > 0) return { outcome: "failed", reason: report.failed[0]!.reason };
  const documents = report.filesPending.length > 0 ? (await fetchPendingFiles({ contractIds: report.filesPending })).stored : 0;
  const change = report.statusChanges[0];
  return { outcome: report.applied.length > 0 ? "applied" : "unchanged", statusChanged: Boolean(change), from: change?.from ?? contract.status, to: change?.to ?? contract.status, documents };
}
