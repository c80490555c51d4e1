/**
 * Re-reads one contract from its provider and applies it: the one function behind the
 * "Refresh" button, the pending poll, callback processing and the periodic sync.
 */
import { db } from "../db";
import type { EventSource } from "../generated/prisma/client";
import { applyProviderContract, type ApplyResult } from "../contracts/apply-provider-contract";
import { syncContractDocuments } from "../documents/sync-contract-documents";
import { voidStaleApprovals } from "../approvals/void-stale-approvals";
import { providerClientFor } from "../providers/provider-client";

export type RefreshResult = ({ outcome: "applied" | "unchanged" } & ApplyResult & { documents: number }) | { outcome: "draft" | "missing" };

export async function refreshContract(contractId: string, source: EventSource, actor: { id?: string | null; label?: string | null } = {}): Promise<RefreshResult> {
  const contract = await db().contract.findUniqueOrThrow({ where: { id: contractId }, select: { id: true, organizationId: true, providerId: true, remoteId: true } });
  if (!contract.remoteId) return { outcome: "draft" };
  const client = await providerClientFor(contract.providerId, contract.organizationId);
  // When the read started: any change the provider made before this moment is in what we read.
  const readStartedAt = new Date();
  const [record] = await client.list("contract", [contract.remoteId]);
  if (!record) {
    // The provider no longer lists it: keep what we have, note when we looked.
    await db().contract.update({ where: { id: contract.id }, data: { lastReadAt: readStartedAt } });
    return { outcome: "missing" };
  }
  // Documents first: by the time the new status shows, its proposal or policy is there to open.
  const documents = await syncContractDocuments(client, contract.id, record);
  const result = await db().$transaction(async (tx) => {
    const applied = await applyProviderContract(contract.id, record, source, { tx, actorId: actor.id, actorLabel: actor.label, readStartedAt });
    if (applied.proposalVersionChanged) {
      const current = await tx.contract.findUniqueOrThrow({ where: { id: contract.id }, select: { proposalVersion: true } });
      await voidStaleApprovals(tx, contract.id, current.proposalVersion);
    }
    return applied;
  });
  return { outcome: result.applied ? "applied" : "unchanged", ...result, documents };
}
