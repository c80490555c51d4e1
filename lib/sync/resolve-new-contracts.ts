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
import { db, Prisma } from "../db";
import { storedText } from "../i18n/stored-message";
import { displayNameOf } from "../clients/schema";
import type { FinumClient } from "../finum/client";
import type { ClientRead, ContractRead } from "../finum/read";
import { applyProduct } from "../products/refresh-products";
import type { NewContractPlacement } from "../contracts/apply-provider-contracts";
import { recordReadWarnings } from "./read-warnings";

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
  const held = await db().contract.findMany({ where: { providerId: context.providerId, remoteId: { in: records.map((r) => r.id) } }, select: { remoteId: true } });
  const heldIds = new Set(held.map((row) => row.remoteId));
  const fresh = records.filter((record) => !heldIds.has(record.id));
  if (fresh.length === 0) return resolution;

  const products = await productsFor(context, fresh);
  const holders = await holdersFor(context, fresh);
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
  const known = async () => db().product.findMany({ where: { providerId: context.providerId, remoteId: { in: wanted } }, select: { id: true, remoteId: true } });
  let rows = await known();
  const missing = wanted.filter((id) => !rows.some((row) => row.remoteId === id));
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
  const existing = await db().providerClientLink.findMany({
    where: { providerId: context.providerId, remoteId: { in: holderIds } },
    select: { remoteId: true, client: { select: { id: true, ownerId: true } } },
  });
  for (const link of existing) if (link.client) out.set(link.remoteId, { clientId: link.client.id, advisorId: link.client.ownerId });
  const unknown = holderIds.filter((id) => !out.has(id));
  if (unknown.length === 0) return out;

  // The provider's client records: read once, kept on an unlinked ProviderClientLink so a later
  // match (or an admin's decision) needs no second read.
  const read = await context.client.list("client", unknown);
  await recordReadWarnings(context.providerId, read);
  const clientRecords = new Map(read.records.map((record) => [record.id, record]));
  const organization = await db().organization.findUniqueOrThrow({ where: { id: context.organizationId }, select: { unknownHolderPolicy: true } });
  const matches = await matchClients(context.organizationId, context.providerId, [...clientRecords.values()]);
  const fallbackAdvisor = await defaultAdvisor(context.organizationId);
  const advisorsByHolder = await advisorsFromProviderUsers(context, records);

  const links: Array<{ holderId: string; clientId: string | null; record: ClientRead }> = [];
  const creates: Array<{ holderId: string; clientId: string; advisorId: string; record: ClientRead }> = [];
  for (const holderId of unknown) {
    const record = clientRecords.get(holderId);
    if (!record) {
      await toReview(context, holderId, storedText("sync.review.reasons.noHolderRecord"), {}, null);
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
      await toReview(context, holderId, storedText("sync.review.reasons.notAClient", { name: nameOf(record) }), record.raw, (await suggestClient(context.organizationId, record))?.id ?? null);
      out.set(holderId, undefined);
    }
  }
  if (creates.length > 0) await db().client.createMany({ data: creates.map((c) => clientColumnsFrom(context.organizationId, c.advisorId, c.record, c.clientId)) });
  await linkAll(context.providerId, links);
  return out;
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
  const rows = await db().$queryRaw<Array<{ holder: string; id: string; ownerId: string }>>`
    SELECT r.holder, c."id", c."ownerId"
    FROM unnest(${records.map((r) => r.id)}::text[], ${records.map((r) => r.firstName?.toLowerCase() ?? null)}::text[],
                ${records.map((r) => r.lastName?.toLowerCase() ?? null)}::text[], ${records.map((r) => r.birthDate)}::text[],
                ${records.map((r) => r.companyName?.toLowerCase() ?? null)}::text[]) AS r(holder, first, last, birth, company)
    JOIN "Client" c ON c."organizationId" = ${organizationId}
     AND ((r.company IS NOT NULL AND r.last IS NULL AND lower(c."companyName") = r.company)
       OR (r.last IS NOT NULL AND lower(c."lastName") = r.last AND lower(c."firstName") = r.first AND c."birthDate" = r.birth::date))
    WHERE NOT EXISTS (SELECT 1 FROM "ProviderClientLink" l WHERE l."clientId" = c."id" AND l."providerId" = ${providerId} AND l."remoteId" <> r.holder)`;
  const byHolder = new Map<string, Array<{ id: string; ownerId: string }>>();
  for (const row of rows) byHolder.set(row.holder, [...(byHolder.get(row.holder) ?? []), { id: row.id, ownerId: row.ownerId }]);
  for (const [holder, candidates] of byHolder) if (candidates.length === 1) out.set(holder, candidates[0]!);
  const holdersPerClient = new Map<string, number>();
  for (const match of out.values()) holdersPerClient.set(match.id, (holdersPerClient.get(match.id) ?? 0) + 1);
  for (const [holder, match] of out) if (holdersPerClient.get(match.id)! > 1) out.delete(holder);
  return out;
}

/** A likely client for the admin to confirm: same last name (or company name). */
async function suggestClient(organizationId: string, record: ClientRead) {
  const name = record.lastName ?? record.companyName;
  if (!name) return null;
  return db().client.findFirst({
    where: { organizationId, OR: [{ lastName: { equals: name, mode: "insensitive" } }, { companyName: { equals: name, mode: "insensitive" } }] },
    select: { id: true },
  });
}

/** Provider links for many holders in one statement: an existing link keeps its client unless a new one is given. */
async function linkAll(providerId: string, links: Array<{ holderId: string; clientId: string | null; record: ClientRead }>): Promise<void> {
  if (links.length === 0) return;
  const now = new Date().toISOString();
  await db().$executeRaw`
    INSERT INTO "ProviderClientLink" ("id", "providerId", "remoteId", "clientId", "raw", "remoteUpdatedAt", "createdAt", "updatedAt")
    SELECT gen_random_uuid()::text, ${providerId}, l.remote, l.client, l.raw::jsonb, l.updated::timestamp, ${now}::timestamp, ${now}::timestamp
    FROM unnest(${links.map((l) => l.holderId)}::text[], ${links.map((l) => l.clientId)}::text[], ${links.map((l) => JSON.stringify(l.record.raw).replace(/\\u0000/g, ""))}::text[],
                ${links.map((l) => l.record.updatedAt.toISOString())}::text[]) AS l(remote, client, raw, updated)
    ON CONFLICT ("providerId", "remoteId") DO UPDATE SET
      "clientId" = COALESCE(EXCLUDED."clientId", "ProviderClientLink"."clientId"), "raw" = EXCLUDED."raw",
      "remoteUpdatedAt" = EXCLUDED."remoteUpdatedAt", "updatedAt" = EXCLUDED."updatedAt"`;
}

async function toReview(context: Context, holderId: string, message: string, raw: Record<string, unknown>, suggestedClientId: string | null): Promise<void> {
  await db().syncReviewItem.upsert({
    where: { providerId_recordType_remoteId_reason: { providerId: context.providerId, recordType: "client", remoteId: holderId, reason: "UNKNOWN_HOLDER" } },
    create: { organizationId: context.organizationId, providerId: context.providerId, recordType: "client", remoteId: holderId, reason: "UNKNOWN_HOLDER", message, raw: raw as Prisma.InputJsonValue, suggestedClientId },
    update: { message, raw: raw as Prisma.InputJsonValue, suggestedClientId },
  });
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

/** The firm's default advisor for provider contracts, else its first admin. */
async function defaultAdvisor(organizationId: string): Promise<string | null> {
  const organization = await db().organization.findUniqueOrThrow({ where: { id: organizationId }, select: { defaultAdvisorId: true } });
  if (organization.defaultAdvisorId) return organization.defaultAdvisorId;
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
