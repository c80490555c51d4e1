/**
 * Loads a provider's product catalogue: `product-id-list-updated?since` then `product-list`, and
 * applies each record with an upsert keyed by (provider, remote id) that never moves a product
 * backwards (FINUM.md, "Sync"). Safe to run twice, or concurrently.
 */
import { db, Prisma } from "../db";
import { AppError } from "../errors";
import type { ProductRead } from "../finum/read";
import { providerClientFor } from "../providers/provider-client";
import { syncRecordType } from "../sync/sync-record-type";

export interface RefreshProductsResult {
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
}

export async function refreshProducts(providerId: string, organizationId: string): Promise<RefreshProductsResult> {
  const client = await providerClientFor(providerId, organizationId);
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const result = await syncRecordType(client, providerId, "product", async (records) => {
    for (const record of records) counts[await applyProduct(providerId, record)]++;
    return { applied: counts.created + counts.updated, skipped: 0, failed: 0 };
  });
  if ("busy" in result) throw new AppError("CONFLICT", "proposals.errors.productsLoading");
  return { fetched: result.fetched, ...counts };
}

/** Compare-and-set on the provider's updatedAt: an older or equal record changes nothing. */
export async function applyProduct(providerId: string, record: ProductRead): Promise<"created" | "updated" | "unchanged"> {
  const remoteUpdatedAt = record.updatedAt;
  const columns = {
    name: record.name,
    line: record.line,
    description: record.description,
    currency: record.currency,
    fields: record.fields as Prisma.InputJsonValue,
    raw: record.raw as Prisma.InputJsonValue,
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
