/**
 * Loads a provider's product catalogue: `product-id-list-updated?since` then `product-list`, and
 * applies each record with an upsert keyed by (provider, remote id) that never moves a product
 * backwards (FINUM.md, "Sync"). Safe to run twice, or concurrently.
 */
import { db, Prisma } from "../db";
import type { ProductRecord } from "../finum/records";
import { providerClientFor } from "../providers/provider-client";

/** The previous pull's start minus this overlap: a record written while we were pulling is not missed. */
const OVERLAP_MS = 5 * 60 * 1000;

export interface RefreshProductsResult {
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
}

export async function refreshProducts(providerId: string, organizationId: string): Promise<RefreshProductsResult> {
  const client = await providerClientFor(providerId, organizationId);
  const cursor = await db().syncCursor.findUnique({ where: { providerId_recordType: { providerId, recordType: "product" } }, select: { lastPullStartedAt: true } });
  const since = cursor?.lastPullStartedAt ? new Date(cursor.lastPullStartedAt.getTime() - OVERLAP_MS) : new Date(0);
  const startedAt = new Date();
  try {
    const ids = await client.idListUpdated("product", since);
    const records = await client.list("product", ids);
    const result: RefreshProductsResult = { fetched: records.length, created: 0, updated: 0, unchanged: 0 };
    for (const record of records) result[await applyProduct(providerId, record)]++;
    await db().syncCursor.upsert({
      where: { providerId_recordType: { providerId, recordType: "product" } },
      create: { providerId, recordType: "product", lastPullStartedAt: startedAt, lastSuccessAt: new Date(), lastCount: records.length, totalCount: records.length },
      update: { lastPullStartedAt: startedAt, lastSuccessAt: new Date(), lastCount: records.length, totalCount: { increment: records.length }, lastError: null },
    });
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db()
      .syncCursor.upsert({
        where: { providerId_recordType: { providerId, recordType: "product" } },
        create: { providerId, recordType: "product", lastError: message.slice(0, 1000) },
        update: { lastError: message.slice(0, 1000) },
      })
      .catch(() => undefined);
    throw error;
  }
}

/** Compare-and-set on the provider's updatedAt: an older or equal record changes nothing. */
async function applyProduct(providerId: string, record: ProductRecord): Promise<"created" | "updated" | "unchanged"> {
  const remoteUpdatedAt = new Date(record.updatedAt);
  const columns = {
    name: record.name,
    line: record.line ?? "other",
    description: record.description ?? null,
    currency: record.currency ?? null,
    fields: record.fields as Prisma.InputJsonValue,
    raw: record as Prisma.InputJsonValue,
    active: true,
    remoteUpdatedAt,
  };
  const { count } = await db().product.updateMany({
    where: { providerId, remoteId: record.id, OR: [{ remoteUpdatedAt: null }, { remoteUpdatedAt: { lt: remoteUpdatedAt } }] },
    data: columns,
  });
  if (count > 0) return "updated";
  try {
    await db().product.create({ data: { providerId, remoteId: record.id, ...columns } });
    return "created";
  } catch (error) {
    // It exists and is at least as new as this record.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return "unchanged";
    throw error;
  }
}
