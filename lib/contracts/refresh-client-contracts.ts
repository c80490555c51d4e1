/**
 * "Refresh from provider" on a client: every provider that knows the client lists the client's
 * contracts (contract-list?holder-id). Contracts we know are applied like any other read;
 * ones made elsewhere (for a product we know) are taken in (importProviderContract).
 */
import { db } from "../db";
import { notFound } from "../errors";
import { clientScope } from "../auth/scope";
import type { SessionUser } from "../auth/session";
import { providerClientFor } from "../providers/provider-client";
import { syncContractDocuments } from "../documents/sync-contract-documents";
import { toAppError } from "../providers/map-provider-error";
import { applyProviderContract } from "./apply-provider-contract";
import { importProviderContract } from "./import-provider-contract";

type Viewer = Pick<SessionUser, "id" | "organizationId" | "role" | "name">;

export async function refreshClientContracts(viewer: Viewer, clientId: string): Promise<{ updated: number; imported: number; providers: number }> {
  const client = await db().client.findFirst({ where: { id: clientId, ...clientScope(viewer) }, select: { id: true, ownerId: true, providerLinks: { where: { provider: { enabled: true } }, select: { providerId: true, remoteId: true } } } });
  if (!client) throw notFound("This client");
  let updated = 0;
  let imported = 0;
  try {
    for (const link of client.providerLinks) {
      const finum = await providerClientFor(link.providerId, viewer.organizationId);
      for (const record of await finum.contractsOfHolder(link.remoteId)) {
        const known = await db().contract.findUnique({ where: { providerId_remoteId: { providerId: link.providerId, remoteId: record.id } }, select: { id: true, organizationId: true } });
        if (known) {
          if (known.organizationId !== viewer.organizationId) continue;
          await syncContractDocuments(finum, known.id, record);
          if ((await applyProviderContract(known.id, record, "SYNC", { actorId: viewer.id, actorLabel: `Provider (refreshed by ${viewer.name})` })).applied) updated++;
          continue;
        }
        const contract = await importProviderContract({ providerId: link.providerId, record, actorId: viewer.id });
        if (!contract) continue; // a product we have not loaded: refresh the provider's products first
        await syncContractDocuments(finum, contract.id, record);
        imported++;
      }
    }
  } catch (error) {
    throw toAppError(error);
  }
  return { updated, imported, providers: client.providerLinks.length };
}
