/**
 * Where provider contracts we do not hold yet belong. A contract needs our client (its holder) and
 * our product. Holders are found by the provider link first, then by name and birth date among
 * the firm's clients (the provider's client record, read in one call per chunk); what is still
 * unknown follows the firm's setting: CREATE the client (owned by the advisor the provider's user
 * maps to, else the firm's default advisor, else its first admin) or REVIEW (one queue item per
 * holder, for an admin to match, create or ignore). Unknown products are loaded from the
 * provider. Nothing is dropped silently: what cannot be placed is in the review queue.
 */
import crypto from "node:crypto";
import { db, Prisma, type Tx } from "../db";
import { storedText } from "../i18n/stored-message";
import { displayNameOf } from "../clients/schema";
import type { FinumClient } from "../finum/client";
import { readClient, type ClientRead, type ContractRead } from "../finum/read";
import { applyProduct } from "../products/refresh-products";
import type { NewContractPlacement } from "../contracts/apply-provider-contracts";
import { recordReadWarnings } from "./read-warnings";
import { bulkQuery, bulkTransaction } from "./bulk-transaction";
import { jsonRows, jsonText } from "./json-rows";

export interface Resolution {
  placements: Map<string, NewContractPlacement>;
  /** Holders sent to the review queue (firm setting REVIEW), and contracts without a usable product. */
  review: number;
}

interface Context {
  providerId: string;
  organizationId: string;
  client: FinumClient;
}

export async function resolveNewContracts(context: Context, records: readonly ContractRead[]): Promise<Resolution> {
  const resolution: Resolution = { placements: new Map(), review: 0 };
  if (records.length === 0) return resolution;
  const held = await bulkQuery<{ remoteId: string }>`
    SELECT "remoteId" FROM "Contract" WHERE "providerId" = ${context.providerId} AND "remoteId" = ANY(${records.map((r) => r.id)}::text[])`;
  const heldIds = new Set(held.map((row) => row.remoteId));
  const fresh = records.filter((record) => !heldIds.has(record.id));
  if (fresh.length === 0) return resolution;

  const [products, holders] = await Promise.all([productsFor(context, fresh), holdersFor(context, fresh)]);
  const reviewRows: Prisma.SyncReviewItemCreateManyInput[] = [];
  for (const record of fresh) {
    const productId = record.productId ? products.get(record.productId) : undefined;
    const holder = record.holderId ? holders.get(record.holderId) : undefined;
    if (holder && productId) {
      resolution.placements.set(record.id, { clientId: holder.clientId, productId, advisorId: holder.advisorId });
    } else if (holder && !productId) {
      reviewRows.push({
        organizationId: context.organizationId,
        providerId: context.providerId,
        recordType: "contract",
        remoteId: record.id,
        reason: "UNKNOWN_PRODUCT",
        message: record.productId ? storedText("sync.review.reasons.productUnknown", { productId: record.productId }) : storedText("sync.review.reasons.noProduct"),
        raw: record.raw as Prisma.InputJsonValue,
      });
    }
  }
  if (reviewRows.length > 0) await db().syncReviewItem.createMany({ data: reviewRows, skipDuplicates: true });
  resolution.review = reviewRows.length + [...holders.values()].filter((h) => h === undefined).length;
  return resolution;
}

/** Our product ids by the provider's, loading the ones we have not seen from the provider. */
async function productsFor(context: Context, records: readonly ContractRead[]): Promise<Map<string, string>> {
  const wanted = [...new Set(records.map((r) => r.productId).filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const known = async () =>
    bulkQuery<{ id: string; remoteId: string }>`SELECT "id", "remoteId" FROM "Product" WHERE "providerId" = ${context.providerId} AND "remoteId" = ANY(${wanted}::text[])`;
  let rows = await known();
  const knownIds = new Set(rows.map((row) => row.remoteId));
  const missing = wanted.filter((id) => !knownIds.has(id));
  if (missing.length > 0) {
    const read = await context.client.list("product", missing);
    await recordReadWarnings(context.providerId, read);
    for (const product of read.records) await applyProduct(context.providerId, product);
    rows = await known();
  }
  return new Map(rows.map((row) => [row.remoteId, row.id]));
}

interface Holder {
  clientId: string;
  advisorId: string;
}

/** Our client (and its advisor) for each holder id, where one is found or made; absent otherwise. */
async function holdersFor(context: Context, records: readonly ContractRead[]): Promise<Map<string, Holder | undefined>> {
  const holderIds = [...new Set(records.map((r) => r.holderId).filter((id): id is string => id !== null))];
  const out = new Map<string, Holder | undefined>();
  if (holderIds.length === 0) return out;
  // Linked holders, and the provider's record of the ones not linked yet as the client sync kept it.
  // The client's owner by a probe of its key (a scalar subquery): as a join, a first sync planned it
  // from statistics taken before the clients arrived and hashed every client for each chunk.
  const existing = await bulkQuery<{ remoteId: string; clientId: string | null; ownerId: string | null; raw: unknown }>`
    SELECT l."remoteId", l."clientId", (SELECT c."ownerId" FROM "Client" c WHERE c."id" = l."clientId") AS "ownerId",
           CASE WHEN l."clientId" IS NULL THEN l."raw" END AS "raw"
    FROM "ProviderClientLink" l
    WHERE l."providerId" = ${context.providerId} AND l."remoteId" = ANY(${holderIds}::text[])`;
  const kept = new Map<string, ClientRead>();
  for (const link of existing) {
    if (link.clientId && link.ownerId) {
      out.set(link.remoteId, { clientId: link.clientId, advisorId: link.ownerId });
      continue;
    }
    const stored = storedClientRecord(link.raw, link.remoteId);
    if (stored) kept.set(link.remoteId, stored);
  }
  const unknown = holderIds.filter((id) => !out.has(id));
  if (unknown.length === 0) return out;

  // The provider's client records: those the client sync kept on an unlinked ProviderClientLink are
  // not read again; the others are read in one call (and kept the same way, so that a later match
  // or an admin's decision needs no second read).
  const clientRecords = new Map(kept);
  const toRead = unknown.filter((id) => !kept.has(id));
  if (toRead.length > 0) {
    const read = await context.client.list("client", toRead);
    await recordReadWarnings(context.providerId, read);
    for (const record of read.records) clientRecords.set(record.id, record);
  }
  const [organization, matches, advisorsByHolder] = await Promise.all([
    // On the bulk connection, as the chunk's other lookups: a Prisma call per chunk cost more to prepare than to run.
    bulkQuery<{ unknownHolderPolicy: string; defaultAdvisorId: string | null }>`
      SELECT "unknownHolderPolicy", "defaultAdvisorId" FROM "Organization" WHERE "id" = ${context.organizationId}`.then((rows) => {
      if (!rows[0]) throw new Error(`Organization ${context.organizationId} not found`);
      return rows[0];
    }),
    matchClients(context.organizationId, context.providerId, [...clientRecords.values()]),
    advisorsFromProviderUsers(context, records),
  ]);
  const fallbackAdvisor = organization.defaultAdvisorId ?? (await firstAdmin(context.organizationId));

  const links: Array<{ holderId: string; clientId: string | null; record: ClientRead }> = [];
  const creates: Array<{ holderId: string; clientId: string; advisorId: string; record: ClientRead }> = [];
  const reviews: Array<{ holderId: string; message: string; record: ClientRead | null }> = [];
  for (const holderId of unknown) {
    const record = clientRecords.get(holderId);
    if (!record) {
      reviews.push({ holderId, message: storedText("sync.review.reasons.noHolderRecord"), record: null });
      out.set(holderId, undefined);
      continue;
    }
    const match = matches.get(holderId);
    const advisorId = advisorsByHolder.get(holderId) ?? fallbackAdvisor;
    if (match) {
      links.push({ holderId, clientId: match.id, record });
      out.set(holderId, { clientId: match.id, advisorId: match.ownerId });
    } else if (organization.unknownHolderPolicy === "CREATE" && advisorId) {
      const clientId = crypto.randomUUID();
      creates.push({ holderId, clientId, advisorId, record });
      links.push({ holderId, clientId, record });
      out.set(holderId, { clientId, advisorId });
    } else {
      links.push({ holderId, clientId: null, record });
      reviews.push({ holderId, message: storedText("sync.review.reasons.notAClient", { name: nameOf(record) }), record });
      out.set(holderId, undefined);
    }
  }
  // Created clients, their links and the review items together: a crash leaves no client without its link.
  const suggestions = await suggestClients(context.organizationId, reviews.flatMap((review) => (review.record ? [review.record] : [])));
  await bulkTransaction(async (tx) => {
    await insertClients(tx, creates.map((c) => clientColumnsFrom(context.organizationId, c.advisorId, c.record, c.clientId)));
    await linkAll(tx, context.providerId, links, new Set(kept.keys()));
    await toReview(tx, context, reviews, suggestions);
  });
  return out;
}

/** A client record the client sync kept on its link, read again as the provider sent it; null if it cannot be. */
function storedClientRecord(raw: unknown, remoteId: string): ClientRead | null {
  if (raw === null || typeof raw !== "object" || Object.keys(raw).length === 0) return null;
  try {
    const { record } = readClient(raw);
    return record.id === remoteId ? record : null;
  } catch {
    return null;
  }
}

/** Clients made from provider records: one statement for the chunk (Prisma's createMany spends most of its time preparing). */
async function insertClients(tx: Tx, rows: Prisma.ClientCreateManyInput[]): Promise<void> {
  if (rows.length === 0) return;
  const now = new Date().toISOString();
  const col = <T>(pick: (row: Prisma.ClientCreateManyInput) => T) => rows.map(pick);
  await tx.$executeRaw`
    INSERT INTO "Client" ("id", "organizationId", "ownerId", "kind", "firstName", "lastName", "companyName", "displayName", "searchText", "email", "phone",
      "birthDate", "street", "postalCode", "city", "country", "extra", "createdAt", "updatedAt")
    SELECT c.id, c.org, c.owner, c.kind::"ClientKind", c.first, c.last, c.company, c.display, c.search, c.email, c.phone,
      c.birth::date, c.street, c.postal, c.city, COALESCE(c.country, 'DE'), c.extra::jsonb, ${now}::timestamp, ${now}::timestamp
    FROM unnest(${col((r) => r.id!)}::text[], ${col((r) => r.organizationId)}::text[], ${col((r) => r.ownerId)}::text[], ${col((r) => r.kind ?? "PERSON")}::text[],
                ${col((r) => r.firstName ?? null)}::text[], ${col((r) => r.lastName ?? null)}::text[], ${col((r) => r.companyName ?? null)}::text[],
                ${col((r) => r.displayName)}::text[], ${col((r) => r.searchText)}::text[], ${col((r) => r.email ?? null)}::text[], ${col((r) => r.phone ?? null)}::text[],
                ${col((r) => (r.birthDate instanceof Date ? r.birthDate.toISOString().slice(0, 10) : null))}::text[], ${col((r) => r.street ?? null)}::text[],
                ${col((r) => r.postalCode ?? null)}::text[], ${col((r) => r.city ?? null)}::text[], ${col((r) => r.country ?? null)}::text[],
                ${col((r) => JSON.stringify(r.extra ?? {}))}::text[])
      AS c(id, org, owner, kind, first, last, company, display, search, email, phone, birth, street, postal, city, country, extra)`;
}

const nameOf = (record: ClientRead) => (record.kind === "COMPANY" ? (record.companyName ?? record.id) : [record.firstName, record.lastName].filter(Boolean).join(" ") || record.id);

/**
 * Same first name, last name and birth date (companies: same name), case-insensitive; only an
 * unambiguous match counts. A client already linked to another holder at this provider is no
 * match (a client has one link per provider), nor is one that several holders of the chunk match.
 */
async function matchClients(organizationId: string, providerId: string, records: ClientRead[]): Promise<Map<string, { id: string; ownerId: string }>> {
  const out = new Map<string, { id: string; ownerId: string }>();
  if (records.length === 0) return out;
  // Each holder probes an index (people: last name and birth date; companies: the name), at most two
  // candidates each (two already make it ambiguous). The LIMIT keeps each lookup a probe: as a
  // join, a first sync planned it from statistics taken before the clients arrived and read every
  // client of the firm for each chunk, or for each company.
  const rows = await bulkQuery<{ holder: string; id: string; ownerId: string }>`
    WITH r AS (
      SELECT * FROM unnest(${records.map((r) => r.id)}::text[], ${records.map((r) => r.firstName?.toLowerCase() ?? null)}::text[],
                           ${records.map((r) => r.lastName?.toLowerCase() ?? null)}::text[], ${records.map((r) => r.birthDate)}::text[],
                           ${records.map((r) => r.companyName?.toLowerCase() ?? null)}::text[]) AS r(holder, first, last, birth, company)
    )
    SELECT r.holder, c."id", c."ownerId" FROM r CROSS JOIN LATERAL (
      SELECT c."id", c."ownerId" FROM "Client" c
      WHERE c."organizationId" = ${organizationId} AND c."lastName" IS NOT NULL AND lower(c."lastName") = r.last AND c."birthDate" = r.birth::date AND lower(c."firstName") = r.first
        AND NOT EXISTS (SELECT 1 FROM "ProviderClientLink" l WHERE l."clientId" = c."id" AND l."providerId" = ${providerId} AND l."remoteId" <> r.holder)
      LIMIT 2
    ) c
    WHERE r.last IS NOT NULL
    UNION ALL
    SELECT r.holder, c."id", c."ownerId" FROM r CROSS JOIN LATERAL (
      SELECT c."id", c."ownerId" FROM "Client" c
      WHERE c."organizationId" = ${organizationId} AND c."companyName" IS NOT NULL AND lower(c."companyName") = r.company
        AND NOT EXISTS (SELECT 1 FROM "ProviderClientLink" l WHERE l."clientId" = c."id" AND l."providerId" = ${providerId} AND l."remoteId" <> r.holder)
      LIMIT 2
    ) c
    WHERE r.company IS NOT NULL AND r.last IS NULL`;
  const byHolder = new Map<string, Array<{ id: string; ownerId: string }>>();
  for (const row of rows) byHolder.set(row.holder, [...(byHolder.get(row.holder) ?? []), { id: row.id, ownerId: row.ownerId }]);
  for (const [holder, candidates] of byHolder) if (candidates.length === 1) out.set(holder, candidates[0]!);
  const holdersPerClient = new Map<string, number>();
  for (const match of out.values()) holdersPerClient.set(match.id, (holdersPerClient.get(match.id) ?? 0) + 1);
  for (const [holder, match] of out) if (holdersPerClient.get(match.id)! > 1) out.delete(holder);
  return out;
}

/** A likely client for the admin to confirm, per holder: same last name (or company name). One query for the chunk. */
async function suggestClients(organizationId: string, records: ClientRead[]): Promise<Map<string, string>> {
  const named = records.map((record) => ({ holder: record.id, name: (record.lastName ?? record.companyName)?.toLowerCase() ?? null })).filter((r) => r.name !== null);
  if (named.length === 0) return new Map();
  // The first client (by id) of the same last name or company name: two index probes per holder.
  const rows = await bulkQuery<{ holder: string; id: string | null }>`
    SELECT r.holder, LEAST(
      (SELECT min(c."id") FROM "Client" c WHERE c."organizationId" = ${organizationId} AND c."lastName" IS NOT NULL AND lower(c."lastName") = r.name),
      (SELECT min(c."id") FROM "Client" c WHERE c."organizationId" = ${organizationId} AND c."companyName" IS NOT NULL AND lower(c."companyName") = r.name)) AS "id"
    FROM unnest(${named.map((r) => r.holder)}::text[], ${named.map((r) => r.name)}::text[]) AS r(holder, name)`;
  return new Map(rows.flatMap((row) => (row.id ? [[row.holder, row.id] as const] : [])));
}

/**
 * Provider links for many holders: an existing link keeps its client unless a new one is given.
 * A holder whose record came from its link (the client sync kept it there) only gets its client:
 * writing the same record back rewrote every link of a first sync a second time.
 */
async function linkAll(tx: Tx, providerId: string, links: Array<{ holderId: string; clientId: string | null; record: ClientRead }>, stored: ReadonlySet<string>): Promise<void> {
  const now = new Date().toISOString();
  const fresh = links.filter((l) => !stored.has(l.holderId));
  if (fresh.length > 0) {
    const rows = jsonRows(fresh, (l) => ({ remote: l.holderId, client: l.clientId, updated: l.record.updatedAt.toISOString() }), (l) => ({ raw: jsonText(l.record.raw) }));
    await tx.$executeRaw`
      INSERT INTO "ProviderClientLink" ("id", "providerId", "remoteId", "clientId", "raw", "remoteUpdatedAt", "createdAt", "updatedAt")
      SELECT gen_random_uuid()::text, ${providerId}, l.remote, l.client, l.raw, l.updated, ${now}::timestamp, ${now}::timestamp
      FROM jsonb_to_recordset(${rows}::jsonb) AS l(remote text, client text, raw jsonb, updated timestamp)
      ON CONFLICT ("providerId", "remoteId") DO UPDATE SET
        "clientId" = COALESCE(EXCLUDED."clientId", "ProviderClientLink"."clientId"), "raw" = EXCLUDED."raw",
        "remoteUpdatedAt" = EXCLUDED."remoteUpdatedAt", "updatedAt" = EXCLUDED."updatedAt"`;
  }
  const placed = links.filter((l) => stored.has(l.holderId) && l.clientId !== null);
  if (placed.length > 0) {
    await tx.$executeRaw`
      UPDATE "ProviderClientLink" l SET "clientId" = u.client, "updatedAt" = ${now}::timestamp
      FROM unnest(${placed.map((l) => l.holderId)}::text[], ${placed.map((l) => l.clientId)}::text[]) AS u(remote, client)
      WHERE l."providerId" = ${providerId} AND l."remoteId" = u.remote`;
  }
}

/** Holders for an admin to decide on: one review item each (kept up to date, its state kept), in one statement. */
async function toReview(tx: Tx, context: Context, reviews: Array<{ holderId: string; message: string; record: ClientRead | null }>, suggestions: Map<string, string>): Promise<void> {
  if (reviews.length === 0) return;
  const now = new Date().toISOString();
  await tx.$executeRaw`
    INSERT INTO "SyncReviewItem" ("id", "organizationId", "providerId", "recordType", "remoteId", "reason", "message", "raw", "suggestedClientId", "createdAt", "updatedAt")
    SELECT gen_random_uuid()::text, ${context.organizationId}, ${context.providerId}, 'client', r.holder, 'UNKNOWN_HOLDER', r.message, r.raw::jsonb, r.suggested, ${now}::timestamp, ${now}::timestamp
    FROM unnest(${reviews.map((r) => r.holderId)}::text[], ${reviews.map((r) => r.message)}::text[],
                ${reviews.map((r) => jsonText(r.record?.raw ?? {}))}::text[], ${reviews.map((r) => suggestions.get(r.holderId) ?? null)}::text[])
      AS r(holder, message, raw, suggested)
    ON CONFLICT ("providerId", "recordType", "remoteId", "reason") DO UPDATE SET
      "message" = EXCLUDED."message", "raw" = EXCLUDED."raw", "suggestedClientId" = EXCLUDED."suggestedClientId", "updatedAt" = EXCLUDED."updatedAt"`;
}

/** A client made from the provider's record, as the advisor would have typed it. */
export function clientColumnsFrom(organizationId: string, ownerId: string, record: ClientRead, id: string = crypto.randomUUID()): Prisma.ClientCreateManyInput {
  const company = record.kind === "COMPANY";
  const firstName = company ? null : (record.firstName ?? "");
  const lastName = company ? null : (record.lastName ?? record.id);
  const companyName = company ? (record.companyName ?? record.id) : null;
  return {
    id,
    organizationId,
    ownerId,
    kind: record.kind,
    firstName,
    lastName,
    companyName,
    displayName: displayNameOf({ kind: record.kind, firstName: firstName ?? undefined, lastName: lastName ?? undefined, companyName: companyName ?? undefined } as Parameters<typeof displayNameOf>[0]),
    searchText: [record.firstName, record.lastName, record.companyName, record.email].filter(Boolean).join(" ").toLowerCase(),
    email: record.email,
    phone: record.phone,
    birthDate: record.birthDate ? new Date(`${record.birthDate}T00:00:00Z`) : null,
    street: record.street,
    postalCode: record.postalCode,
    city: record.city,
    ...(record.country && /^[A-Z]{2}$/i.test(record.country) ? { country: record.country.toUpperCase() } : {}),
    extra: { source: "provider-sync" },
  };
}

/** The firm's first admin: who owns created clients when the firm has no default advisor. */
async function firstAdmin(organizationId: string): Promise<string | null> {
  const admin = await db().user.findFirst({ where: { organizationId, role: "ADMIN", disabled: false }, orderBy: { createdAt: "asc" }, select: { id: true } });
  return admin?.id ?? null;
}

const USER_FIELDS = ["userId", "advisorId", "agentId", "brokerUserId", "ownerId"] as const;

/** A contract may name the provider's user (the advisor's login there): mapped to ours by email. */
async function advisorsFromProviderUsers(context: Context, records: readonly ContractRead[]): Promise<Map<string, string>> {
  const byHolder = new Map<string, string>();
  const userOf = new Map<string, string>();
  for (const record of records) {
    const field = USER_FIELDS.find((name) => typeof record.raw[name] === "string");
    if (field && record.holderId) userOf.set(record.holderId, record.raw[field] as string);
  }
  if (userOf.size === 0) return byHolder;
  const providerUsers = await db().providerUser.findMany({ where: { providerId: context.providerId, remoteId: { in: [...new Set(userOf.values())] } }, select: { remoteId: true, raw: true } });
  const emails = new Map(providerUsers.map((u) => [u.remoteId, typeof (u.raw as Record<string, unknown>).email === "string" ? ((u.raw as Record<string, unknown>).email as string).toLowerCase() : null]));
  const users = await db().user.findMany({
    where: { organizationId: context.organizationId, disabled: false, email: { in: [...emails.values()].filter((e): e is string => e !== null), mode: "insensitive" } },
    select: { id: true, email: true },
  });
  const userByEmail = new Map(users.map((u) => [u.email.toLowerCase(), u.id]));
  for (const [holder, remoteUser] of userOf) {
    const email = emails.get(remoteUser);
    const id = email ? userByEmail.get(email) : undefined;
    if (id) byHolder.set(holder, id);
  }
  return byHolder;
}
