/**
 * Takes in a contract that exists at the provider but not here (made in the provider's own
 * tools, or before this portal): for a client we know there and a product we have loaded,
 * owned by the client's advisor. Its history starts with "Found at the provider".
 */
import crypto from "node:crypto";
import { db, Prisma } from "../db";
import type { ContractRecord } from "../finum/records";
import { proposalInfo } from "./apply-provider-contract";
import { recordStatusChange } from "./record-change";

export async function importProviderContract(input: { providerId: string; record: ContractRecord; actorId?: string | null }): Promise<{ id: string } | null> {
  const { providerId, record } = input;
  const [link, product] = await Promise.all([
    db().providerClientLink.findUnique({ where: { providerId_remoteId: { providerId, remoteId: record.holderId } }, select: { client: { select: { id: true, ownerId: true, organizationId: true } } } }),
    db().product.findUnique({ where: { providerId_remoteId: { providerId, remoteId: record.productId } }, select: { id: true } }),
  ]);
  if (!link?.client || !product) return null; // a holder or product we do not know: nothing to attach it to
  const client = link.client;
  return db()
    .$transaction(async (tx) => {
      const created = await tx.contract.create({
        data: {
          organizationId: client.organizationId,
          providerId,
          clientId: client.id,
          productId: product.id,
          advisorId: client.ownerId,
          remoteId: record.id,
          status: record.status,
          statusNote: record.statusNote ?? null,
          data: (record.data ?? {}) as Prisma.InputJsonValue,
          raw: record as Prisma.InputJsonValue,
          remoteUpdatedAt: new Date(record.updatedAt),
          lastReadAt: new Date(),
          contractNumber: record.contractNumber ?? null,
          premium: record.premium ? record.premium.amount.toFixed(2) : null,
          currency: record.premium?.currency ?? null,
          proposalVersion: proposalInfo(record).proposalVersion ?? 0,
          callbackToken: crypto.randomBytes(32).toString("base64url"),
        },
        select: { id: true, organizationId: true, advisorId: true },
      });
      await recordStatusChange(tx, { contract: created, from: null, to: record.status, source: "SYNC", actorId: input.actorId ?? null, actorLabel: "Provider", note: "Found at the provider" });
      return { id: created.id };
    })
    .catch((error: unknown) => {
      // Taken in by a concurrent sync a moment ago.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return null;
      throw error;
    });
}
