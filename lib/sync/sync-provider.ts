/**
 * The periodic sync of one provider, every record type (FINUM.md, "Sync"): what keeps the portal
 * right when callbacks are late, repeated, out of order or lost, and what notices changes no poll
 * waits for (a contract terminated years after it went active). Every apply is an upsert keyed by
 * provider and remote id that never moves a record backwards; contracts go through the same
 * applyProviderContract as every other read.
 */
import { db, Prisma } from "../db";
import type { FinumClient } from "../finum/client";
import type { ClientRecord, ContractRecord, FileRecord, UserRecord } from "../finum/records";
import type { RecordType } from "../finum/common";
import { providerClientFor } from "../providers/provider-client";
import { applyProduct } from "../products/refresh-products";
import { applyProviderContract } from "../contracts/apply-provider-contract";
import { importProviderContract } from "../contracts/import-provider-contract";
import { documentKindOf, storeProviderFile, syncContractDocuments } from "../documents/sync-contract-documents";
import { pullRecordType } from "./pull-record-type";

type Outcome = "applied" | "unchanged" | "imported" | "skipped" | "created" | "updated";
export type SyncReport = Record<RecordType, { fetched: number } & Partial<Record<Outcome, number>>>;

/** Order matters: products and clients first, so that contracts can be attached to them; files last. */
export async function syncProvider(providerId: string, organizationId: string): Promise<SyncReport> {
  const client = await providerClientFor(providerId, organizationId);
  return {
    product: await pullRecordType(client, providerId, "product", (record) => applyProduct(providerId, record)),
    user: await pullRecordType(client, providerId, "user", (record) => applyUser(providerId, record)),
    client: await pullRecordType(client, providerId, "client", (record) => applyClient(providerId, record)),
    contract: await pullRecordType(client, providerId, "contract", (record) => applyContract(client, providerId, record)),
    file: await pullRecordType(client, providerId, "file", (record) => applyFile(client, providerId, record)),
  };
}

async function applyContract(client: FinumClient, providerId: string, record: ContractRecord): Promise<Outcome> {
  const known = await db().contract.findUnique({ where: { providerId_remoteId: { providerId, remoteId: record.id } }, select: { id: true } });
  if (!known) return (await importProviderContract({ providerId, record })) ? "imported" : "skipped";
  await syncContractDocuments(client, known.id, record);
  return (await applyProviderContract(known.id, record, "SYNC")).applied ? "applied" : "unchanged";
}

/** The provider's view of a client we registered there: kept (with its `_` fields) beside ours. */
async function applyClient(providerId: string, record: ClientRecord): Promise<Outcome> {
  const remoteUpdatedAt = new Date(record.updatedAt);
  const { count } = await db().providerClientLink.updateMany({
    where: { providerId, remoteId: record.id, OR: [{ remoteUpdatedAt: null }, { remoteUpdatedAt: { lt: remoteUpdatedAt } }] },
    data: { raw: record as Prisma.InputJsonValue, remoteUpdatedAt },
  });
  return count > 0 ? "applied" : "skipped";
}

async function applyUser(providerId: string, record: UserRecord): Promise<Outcome> {
  const remoteUpdatedAt = new Date(record.updatedAt);
  const { count } = await db().providerUser.updateMany({
    where: { providerId, remoteId: record.id, OR: [{ remoteUpdatedAt: null }, { remoteUpdatedAt: { lt: remoteUpdatedAt } }] },
    data: { raw: record as Prisma.InputJsonValue, remoteUpdatedAt },
  });
  if (count > 0) return "updated";
  try {
    await db().providerUser.create({ data: { providerId, remoteId: record.id, raw: record as Prisma.InputJsonValue, remoteUpdatedAt } });
    return "created";
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return "unchanged";
    throw error;
  }
}

/** A file of a contract we hold, which we do not have yet. */
async function applyFile(client: FinumClient, providerId: string, record: FileRecord): Promise<Outcome> {
  if (!record.contractId) return "skipped";
  const contract = await db().contract.findUnique({ where: { providerId_remoteId: { providerId, remoteId: record.contractId } }, select: { id: true, proposalVersion: true, raw: true } });
  if (!contract) return "skipped";
  if (await db().document.findUnique({ where: { contractId_remoteFileId: { contractId: contract.id, remoteFileId: record.id } }, select: { id: true } })) return "unchanged";
  const kind = documentKindOf(record.kind);
  const data = ((contract.raw ?? {}) as { data?: Record<string, unknown> }).data ?? {};
  const proposalVersion = kind === "PROPOSAL" && data.proposalFileId === record.id ? contract.proposalVersion : null;
  return (await storeProviderFile(client, contract.id, record.id, kind, proposalVersion, record)) ? "created" : "unchanged";
}

/** Every enabled provider, one after the other; one provider's failure does not stop the others. */
export async function syncAllProviders(log: (error: unknown, providerId: string) => void): Promise<number> {
  const providers = await db().provider.findMany({ where: { enabled: true }, select: { id: true, organizationId: true } });
  for (const provider of providers) await syncProvider(provider.id, provider.organizationId).catch((error: unknown) => log(error, provider.id));
  return providers.length;
}
