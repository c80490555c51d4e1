/**
 * "Refresh from provider" on a client: every provider that knows the client lists the client's
 * contracts (contract-list?holder-id), applied through the one apply path. Contracts made
 * elsewhere (in the provider's own tools) for a product we know are taken in, owned by the
 * client's advisor.
 */
import { db } from "../db";
import { notFound } from "../errors";
import { clientScope } from "../auth/scope";
import type { SessionUser } from "../auth/session";
import { providerClientFor } from "../providers/provider-client";
import { fetchPendingFiles } from "../documents/fetch-provider-files";
import { toAppError } from "../providers/map-provider-error";
import { recordReadWarnings } from "../sync/read-warnings";
import { applyProviderContracts, type NewContractPlacement } from "./apply-provider-contracts";

type Viewer = Pick<SessionUser, "id" | "organizationId" | "role" | "name">;

export async function refreshClientContracts(viewer: Viewer, clientId: string): Promise<{ updated: number; imported: number; providers: number }> {
  const client = await db().client.findFirst({ where: { id: clientId, ...clientScope(viewer) }, select: { id: true, ownerId: true, providerLinks: { where: { provider: { enabled: true } }, select: { providerId: true, remoteId: true } } } });
  if (!client) throw notFound("clients.errors.notFound");
  let updated = 0;
  let imported = 0;
  try {
    for (const link of client.providerLinks) {
      const finum = await providerClientFor(link.providerId, viewer.organizationId);
      const readStartedAt = new Date();
      const read = await finum.contractsOfHolder(link.remoteId);
      await recordReadWarnings(link.providerId, read);
      // Only the client's own contracts: a provider answering with others' is not trusted with them.
      const records = read.records.filter((record) => record.holderId === null || record.holderId === link.remoteId);
      const products = await db().product.findMany({
        where: { providerId: link.providerId, remoteId: { in: records.map((r) => r.productId).filter((id): id is string => id !== null) } },
        select: { id: true, remoteId: true },
      });
      const productIds = new Map(products.map((p) => [p.remoteId, p.id]));
      const placements = new Map<string, NewContractPlacement>();
      for (const record of records) {
        const productId = record.productId ? productIds.get(record.productId) : undefined;
        // A product we have not loaded: refresh the provider's products first.
        if (productId) placements.set(record.id, { clientId: client.id, productId, advisorId: client.ownerId });
      }
      const report = await applyProviderContracts(
        { providerId: link.providerId, organizationId: viewer.organizationId, source: "SYNC", actorId: viewer.id, actorLabel: `Provider (refreshed by ${viewer.name})`, readStartedAt },
        records,
        { placements },
      );
      updated += report.applied.length;
      imported += report.imported.length;
      if (report.filesPending.length > 0) await fetchPendingFiles({ contractIds: report.filesPending });
    }
  } catch (error) {
    throw toAppError(error);
  }
  return { updated, imported, providers: client.providerLinks.length };
}
