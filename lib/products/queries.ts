/** Products of the viewer's organization's providers, with their fields parsed from the stored JSON. */
import { z } from "zod";
import { db } from "../db";
import { notFound } from "../errors";
import type { SessionUser } from "../auth/session";
import { productFieldSchema, type ProductField } from "../finum/records";
import { extensionFields } from "../finum/common";

type Viewer = Pick<SessionUser, "organizationId">;

const select = {
  id: true,
  providerId: true,
  remoteId: true,
  name: true,
  line: true,
  description: true,
  currency: true,
  fields: true,
  active: true,
  raw: true,
  remoteUpdatedAt: true,
  updatedAt: true,
  provider: { select: { name: true } },
} as const;

type Row = { fields: unknown; raw: unknown; provider: { name: string } } & Record<string, unknown>;

/** A field the provider describes in a way we cannot read is left out rather than breaking the page. */
function parseFields(value: unknown): ProductField[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    const parsed = productFieldSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

function toProduct<T extends Row>(row: T) {
  const { fields, raw, provider, ...rest } = row;
  const record = z.record(z.string(), z.unknown()).safeParse(raw);
  return { ...rest, providerName: provider.name, fields: parseFields(fields), extensions: record.success ? extensionFields(record.data) : {} };
}

export async function listProducts(viewer: Viewer, providerId: string) {
  const rows = await db().product.findMany({
    where: { providerId, provider: { organizationId: viewer.organizationId } },
    orderBy: [{ line: "asc" }, { name: "asc" }],
    select,
  });
  return rows.map(toProduct);
}

export async function getProduct(viewer: Viewer, productId: string) {
  const row = await db().product.findFirst({ where: { id: productId, provider: { organizationId: viewer.organizationId } }, select });
  if (!row) throw notFound("proposals.errors.productNotFound");
  return toProduct(row);
}

export type ProductView = Awaited<ReturnType<typeof getProduct>>;
