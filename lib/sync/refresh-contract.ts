/**
 * Re-reads contracts from their providers and applies them through the one apply path: behind the
 * "Refresh" button, callback processing (a worker's whole batch at once) and the pending poll. Up
 * to 500 contracts of a provider go in one `contract-list` call and are applied as one chunk.
 * Documents the new state names are fetched right after, once the status is already on screen.
 */
import { db } from "../db";
import type { EventSource } from "../generated/prisma/client";
import { applyProviderContracts } from "../contracts/apply-provider-contracts";
import { fetchPendingFiles } from "../documents/fetch-provider-files";
import { MAX_IDS_PER_LIST_CALL } from "../finum/common";
import { chunk } from "../finum/client";
import { storeMessage } from "../i18n/stored-message";
import { providerClientFor } from "../providers/provider-client";
import { recordReadWarnings } from "./read-warnings";

type Read = { outcome: "applied" | "unchanged"; statusChanged: boolean; from: number; to: number };
/**
 * `reason` of a failed read, as a stored text (lib/i18n/stored-message.ts): the provider sent the
 * record unusable (the reader's reason as a stored message, shown in the reader's language), or
 * applying it failed (the error's own words, plain).
 */
type NotRead = { outcome: "draft" | "missing" | "failed"; reason?: string };
export type RefreshResult = (Read & { documents: number }) | NotRead;
/** One contract's result in a batch; "error": its provider could not be read (the error, to retry). */
export type ContractRefresh = Read | NotRead | { outcome: "error"; error: unknown };

interface Actor {
  id?: string | null;
  label?: string | null;
}

export async function refreshContract(contractId: string, source: EventSource, actor: Actor = {}): Promise<RefreshResult> {
  const { results, documents } = await refreshContracts([contractId], source, actor);
  const result = results.get(contractId);
  if (!result) throw new Error(`Contract ${contractId} does not exist`);
  if (result.outcome === "error") throw result.error;
  return "statusChanged" in result ? { ...result, documents } : result;
}

/**
 * Re-reads the given contracts: per provider and firm, one `contract-list` call per 500. A provider
 * that fails fails only its own contracts (outcome "error"); the others are applied.
 */
export async function refreshContracts(contractIds: readonly string[], source: EventSource, actor: Actor = {}): Promise<{ results: Map<string, ContractRefresh>; documents: number }> {
  const contracts = await db().$queryRaw<Array<{ id: string; organizationId: string; providerId: string; remoteId: string | null; status: number }>>`
    SELECT "id", "organizationId", "providerId", "remoteId", "status" FROM "Contract" WHERE "id" = ANY(${[...new Set(contractIds)]}::text[])`;
  const results = new Map<string, ContractRefresh>();
  const groups = new Map<string, Array<(typeof contracts)[number] & { remoteId: string }>>();
  for (const contract of contracts) {
    if (!contract.remoteId) results.set(contract.id, { outcome: "draft" });
    else {
      const key = `${contract.providerId} ${contract.organizationId}`;
      groups.set(key, [...(groups.get(key) ?? []), { ...contract, remoteId: contract.remoteId }]);
    }
  }
  let documents = 0;
  for (const group of groups.values()) {
    const { providerId, organizationId } = group[0]!;
    try {
      const client = await providerClientFor(providerId, organizationId);
      for (const part of chunk(group, MAX_IDS_PER_LIST_CALL)) {
        const readStartedAt = new Date();
        const read = await client.list("contract", part.map((c) => c.remoteId));
        await recordReadWarnings(providerId, read);
        const asked = new Set(part.map((c) => c.remoteId));
        const listed = read.records.filter((record) => asked.has(record.id));
        const report = await applyProviderContracts({ providerId, organizationId, source, actorId: actor.id, actorLabel: actor.label, readStartedAt }, listed);
        const listedIds = new Set(listed.map((record) => record.id));
        const failed = new Map(report.failed.map((f) => [f.remoteId, f.reason]));
        const skipped = new Map(read.skipped.map((s) => [s.id, storeMessage(s.reason)]));
        const changes = new Map(report.statusChanges.map((change) => [change.contractId, change]));
        const applied = new Set(report.applied);
        const missing: string[] = [];
        for (const contract of part) {
          const reason = failed.get(contract.remoteId) ?? (listedIds.has(contract.remoteId) ? undefined : skipped.get(contract.remoteId));
          if (reason !== undefined) results.set(contract.id, { outcome: "failed", reason });
          else if (!listedIds.has(contract.remoteId)) results.set(contract.id, { outcome: "missing" });
          else {
            const change = changes.get(contract.id);
            results.set(contract.id, { outcome: applied.has(contract.id) ? "applied" : "unchanged", statusChanged: Boolean(change), from: change?.from ?? contract.status, to: change?.to ?? contract.status });
          }
          // The provider no longer lists it (or sent it unusable): keep what we have, note when we looked.
          if (!listedIds.has(contract.remoteId)) missing.push(contract.id);
        }
        if (missing.length > 0) await db().contract.updateMany({ where: { id: { in: missing } }, data: { lastReadAt: readStartedAt } });
        if (report.filesPending.length > 0) documents += (await fetchPendingFiles({ contractIds: report.filesPending })).stored;
      }
    } catch (error) {
      for (const contract of group) if (!results.has(contract.id)) results.set(contract.id, { outcome: "error", error });
    }
  }
  return { results, documents };
}
