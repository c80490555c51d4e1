import { db } from "../db";
import { notFound } from "../errors";
import { contractScope, clientScope } from "../auth/scope";
import type { SessionUser } from "../auth/session";

type Viewer = Pick<SessionUser, "id" | "organizationId" | "role">;

export async function listClientContracts(viewer: Viewer, clientId: string) {
  const client = await db().client.findFirst({ where: { id: clientId, ...clientScope(viewer) }, select: { id: true } });
  if (!client) throw notFound("clients.errors.notFound");
  const rows = await db().contract.findMany({
    where: { clientId, ...contractScope(viewer) },
    orderBy: { statusChangedAt: "desc" },
    select: { id: true, status: true, statusChangedAt: true, contractNumber: true, premium: true, currency: true, product: { select: { name: true } }, provider: { select: { name: true } } },
  });
  return rows.map((row) => ({ ...row, premium: row.premium?.toString() ?? null }));
}

/** A stored document's bytes, if the viewer may see its contract. */
export async function getDocumentForViewer(viewer: Viewer, documentId: string) {
  const document = await db().document.findFirst({
    where: { id: documentId, contract: contractScope(viewer) },
    select: { id: true, name: true, mime: true, size: true, sha256: true, bytes: true },
  });
  if (!document) throw notFound("contracts.errors.documentNotFound");
  return document;
}

/**
 * What a new draft copied from this contract starts with ("try another product or provider"):
 * the client and the product data as the form's text values. Scoped like every read.
 */
export async function getDuplicateSource(viewer: Viewer, contractId: string) {
  const contract = await db().contract.findFirst({
    where: { id: contractId, ...contractScope(viewer) },
    select: { id: true, clientId: true, productId: true, data: true, product: { select: { name: true } }, provider: { select: { name: true } } },
  });
  if (!contract) return null;
  const data = contract.data && typeof contract.data === "object" && !Array.isArray(contract.data) ? (contract.data as Record<string, unknown>) : {};
  const values = Object.fromEntries(
    Object.entries(data)
      .filter(([key, value]) => !key.startsWith("_") && value !== null && value !== undefined && typeof value !== "object")
      .map(([key, value]) => [key, String(value)]),
  );
  return { fromId: contract.id, clientId: contract.clientId, productId: contract.productId, label: `${contract.product?.name ?? "Proposal"} · ${contract.provider.name}`, data: values };
}

export type DuplicateSource = NonNullable<Awaited<ReturnType<typeof getDuplicateSource>>>;
