import { db } from "../db";
import { extensionFields } from "../finum/common";
import { notFound } from "../errors";
import { clientScope } from "../auth/scope";
import type { SessionUser } from "../auth/session";
import type { Prisma } from "../generated/prisma/client";

type Viewer = Pick<SessionUser, "id" | "organizationId" | "role">;

export const CLIENT_PAGE_SIZE = 25;

export interface ClientListQuery {
  q?: string;
  /** Opaque cursor from a previous page: the last row's id. */
  after?: string;
  pageSize?: number;
}

/** Recognizes 1980-04-02 and 02.04.1980 as a birth date search. */
function asBirthDate(q: string): Date | null {
  const iso = q.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  const de = q.match(/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : de ? [de[3], de[2]!.padStart(2, "0"), de[1]!.padStart(2, "0")] : [];
  if (!y) return null;
  const date = new Date(`${y}-${m}-${d}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}

export async function listClients(viewer: Viewer, query: ClientListQuery = {}) {
  const pageSize = Math.min(Math.max(query.pageSize ?? CLIENT_PAGE_SIZE, 1), 100);
  const q = query.q?.trim().slice(0, 100);
  const where: Prisma.ClientWhereInput = { ...clientScope(viewer) };
  if (q) {
    const birthDate = asBirthDate(q);
    where.OR = birthDate ? [{ birthDate }] : [{ searchText: { contains: q.toLowerCase() } }];
  }
  const rows = await db().client.findMany({
    where,
    orderBy: [{ displayName: "asc" }, { id: "asc" }],
    take: pageSize + 1,
    ...(query.after ? { cursor: { id: query.after }, skip: 1 } : {}),
    select: { id: true, kind: true, displayName: true, email: true, birthDate: true, city: true, owner: { select: { name: true } }, _count: { select: { contracts: true } } },
  });
  const hasMore = rows.length > pageSize;
  const items = rows.slice(0, pageSize);
  return { items, nextCursor: hasMore ? items[items.length - 1]!.id : null };
}

export async function getClient(viewer: Viewer, clientId: string) {
  const client = await db().client.findFirst({
    where: { id: clientId, ...clientScope(viewer) },
    include: {
      owner: { select: { id: true, name: true } },
      providerLinks: { select: { remoteId: true, raw: true, remoteUpdatedAt: true, provider: { select: { name: true } } }, orderBy: { createdAt: "asc" } },
    },
  });
  if (!client) throw notFound("clients.errors.notFound");
  const { providerLinks, ...rest } = client;
  // What each provider keeps about the client beyond ours: its `_` fields (FINUM.md), shown as sent.
  const providerViews = providerLinks.map((link) => ({
    provider: link.provider.name,
    remoteId: link.remoteId,
    updatedAt: link.remoteUpdatedAt,
    fields: Object.entries(extensionFields((link.raw ?? {}) as Record<string, unknown>)).map(([name, value]) => ({ name, value: typeof value === "string" ? value : JSON.stringify(value) })),
  }));
  return { ...rest, providerViews };
}

export async function countClients(viewer: Viewer): Promise<number> {
  return db().client.count({ where: clientScope(viewer) });
}
