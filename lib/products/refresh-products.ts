/**
 * Loads a provider's product catalogue: `product-id-list-updated?since` then `product-list`, and
 * applies each record with an upsert keyed by (provider, remote id) that never moves a product
 * backwards (FINUM.md, "Sync"). Safe to run twice, or concurrently.
 */
import { db, Prisma } from "../db";
import type { ProductRecord } from "../finum/records";
import { providerClientFor } from "../providers/provider-client";
import { pullRecordType } from "../sync/pull-record-type";

export interface RefreshProductsResult {
  fetched: number;
  created: number;
  updated: number;
  unchanged: number;
}

export async function refreshProducts(providerId: string, organizationId: string): Promise<RefreshProductsResult> {
  const client = await providerClientFor(providerId, organizationId);
  const result = await pullRecordType(client, providerId, "product", (record) => applyProduct(providerId, record));
  return { fetched: result.fetched, created: result.created ?? 0, updated: result.updated ?? 0, unchanged: result.unchanged ?? 0 };
}

/** Compare-and-set on the provider's updatedAt: an older or equal record changes nothing. */
export async function applyProduct(providerId: string, record: ProductRecord): Promise<"created" | "updated" | "unchanged"> {
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
