/**
 * An admin's decision on an item of the sync review queue (resolve-new-contracts.ts and the apply
 * path put them there):
 * - UNKNOWN_HOLDER: "match" links the provider's holder to an existing client (the suggested one or
 *   one the admin picks), "create" makes the client from the provider's record for a chosen
 *   advisor; either way the holder's contracts are then read from the provider and applied through
 *   the one apply path, so they appear in that advisor's pipeline.
 * - APPLY_FAILED / UNKNOWN_PRODUCT: "retry" reads the contract again and applies it.
 * - any reason: "ignore" hides it from the queue.
 * Every decision is audited. Provider reads happen outside the transaction that records the
 * decision; the decision itself is a compare-and-set on the OPEN state, so two admins cannot both win.
 */
import { z } from "zod";
import { db, type Tx } from "../db";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit";
import { msg, type Msg } from "../i18n/message";
import { translate } from "../i18n/translate";
import { parseStoredMessage, storeMessages } from "../i18n/stored-message";
import { translateAll } from "../i18n/stored-text";
import type { SessionUser } from "../auth/session";
import { MAX_IDS_PER_LIST_CALL } from "../finum/common";
import { chunk } from "../finum/client";
import { readClient, type ClientRead, type ContractRead } from "../finum/read";
import { providerClientFor } from "../providers/provider-client";
import { applyProviderContracts } from "../contracts/apply-provider-contracts";
import { clientColumnsFrom, resolveNewContracts } from "./resolve-new-contracts";
import { refreshContract } from "./refresh-contract";
import { recordReadWarnings } from "./read-warnings";

type Admin = Pick<SessionUser, "id" | "organizationId" | "role">;

export const reviewDecisionSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("match"), clientId: z.string().min(1).max(100) }),
  z.object({ action: z.literal("create"), advisorId: z.string().min(1).max(100) }),
  z.object({ action: z.literal("ignore") }),
  z.object({ action: z.literal("retry") }),
]);
export type ReviewDecision = z.infer<typeof reviewDecisionSchema>;

export interface ReviewOutcome {
  state: "RESOLVED" | "IGNORED" | "OPEN";
  clientId?: string;
  /** Contracts now in the portal because of this decision (new or updated). */
  contracts: number;
  /** Contracts of this holder that still could not be placed (back in the queue with their reason). */
  stillInReview: number;
  /** What happened, as sentences for the reader's language; `message` is the same in English (logs, tests). */
  messages: Msg[];
  message: string;
}

const ACTIONS_BY_REASON: Record<string, ReadonlyArray<ReviewDecision["action"]>> = {
  UNKNOWN_HOLDER: ["match", "create", "ignore"],
  UNKNOWN_PRODUCT: ["retry", "ignore"],
  APPLY_FAILED: ["retry", "ignore"],
};

/** What an admin may do with an item of this reason (the page shows these buttons). */
export function actionsFor(reason: string): ReadonlyArray<ReviewDecision["action"]> {
  return ACTIONS_BY_REASON[reason] ?? ["ignore"];
}

export async function resolveReviewItem(admin: Admin, itemId: string, input: unknown): Promise<ReviewOutcome> {
  if (admin.role !== "ADMIN") throw new AppError("FORBIDDEN", "sync.errors.reviewAdminOnly");
  const parsed = reviewDecisionSchema.safeParse(input);
  if (!parsed.success) throw new AppError("BAD_REQUEST", "sync.errors.decisionUnknown");
  const decision = parsed.data;
  const item = await db().syncReviewItem.findFirst({ where: { id: itemId, organizationId: admin.organizationId } });
  if (!item) throw notFound("sync.errors.reviewItemNotFound");
  if (item.state !== "OPEN") throw new AppError("CONFLICT", "sync.errors.alreadyDealt");
  if (!actionsFor(item.reason).includes(decision.action)) throw new AppError("BAD_REQUEST", "sync.errors.actionNotApplicable");

  switch (decision.action) {
    case "ignore":
      await close(admin, item.id, "IGNORED", { action: "ignore" });
      return outcome({ state: "IGNORED", contracts: 0, stillInReview: 0 }, [msg("sync.review.outcome.ignored")]);
    case "match":
      return matchHolder(admin, item, decision.clientId);
    case "create":
      return createHolder(admin, item, decision.advisorId);
    case "retry":
      return retryContract(admin, item);
  }
}

type Item = NonNullable<Awaited<ReturnType<ReturnType<typeof db>["syncReviewItem"]["findFirst"]>>>;

/** The compare-and-set that records the decision; `extra` runs in the same transaction. */
async function close(admin: Admin, itemId: string, state: "RESOLVED" | "IGNORED", data: Record<string, string | number | null>, extra?: (tx: Tx) => Promise<void>): Promise<void> {
  await db().$transaction(async (tx) => {
    const { count } = await tx.syncReviewItem.updateMany({ where: { id: itemId, state: "OPEN" }, data: { state, resolvedById: admin.id, resolvedAt: new Date() } });
    if (count === 0) throw new AppError("CONFLICT", "sync.errors.alreadyDealt");
    await extra?.(tx);
    await recordAudit({ organizationId: admin.organizationId, actorId: admin.id, action: `sync-review.${String(data.action)}`, entityType: "SyncReviewItem", entityId: itemId, data }, tx);
  });
}

async function matchHolder(admin: Admin, item: Item, clientId: string): Promise<ReviewOutcome> {
  const client = await db().client.findFirst({ where: { id: clientId, organizationId: admin.organizationId }, select: { id: true, displayName: true } });
  if (!client) throw new AppError("VALIDATION", "sync.errors.chooseClient", { fieldErrors: { clientId: ["sync.errors.chooseClient"] } });
  const other = await db().providerClientLink.findFirst({ where: { clientId: client.id, providerId: item.providerId, NOT: { remoteId: item.remoteId } }, select: { remoteId: true } });
  if (other) throw new AppError("CONFLICT", msg("sync.errors.alreadyLinked", { name: client.displayName, remoteId: other.remoteId }));
  await close(admin, item.id, "RESOLVED", { action: "match", clientId: client.id, holderId: item.remoteId }, (tx) => linkHolder(tx, item, client.id));
  const taken = await takeInContractsOfHolder(item.providerId, item.organizationId, item.remoteId, admin.id);
  return outcome({ state: "RESOLVED", clientId: client.id, ...taken }, [msg("sync.review.outcome.linked", { name: client.displayName }), ...summary(taken)]);
}

async function createHolder(admin: Admin, item: Item, advisorId: string): Promise<ReviewOutcome> {
  const advisor = await db().user.findFirst({ where: { id: advisorId, organizationId: admin.organizationId, disabled: false }, select: { id: true, name: true } });
  if (!advisor) throw new AppError("VALIDATION", "sync.errors.chooseUser", { fieldErrors: { advisorId: ["sync.errors.chooseUser"] } });
  const record = await holderRecord(item);
  const columns = clientColumnsFrom(admin.organizationId, advisor.id, record);
  await close(admin, item.id, "RESOLVED", { action: "create", clientId: columns.id ?? null, advisorId: advisor.id, holderId: item.remoteId }, async (tx) => {
    await tx.client.create({ data: columns });
    await recordAudit({ organizationId: admin.organizationId, actorId: admin.id, action: "client.create", entityType: "Client", entityId: columns.id, data: { source: "sync-review", providerId: item.providerId, holderId: item.remoteId } }, tx);
    await linkHolder(tx, item, columns.id!);
  });
  const taken = await takeInContractsOfHolder(item.providerId, item.organizationId, item.remoteId, admin.id);
  return outcome({ state: "RESOLVED", clientId: columns.id, ...taken }, [msg("sync.review.outcome.created", { name: columns.displayName, advisor: advisor.name }), ...summary(taken)]);
}

async function retryContract(admin: Admin, item: Item): Promise<ReviewOutcome> {
  const held = await db().contract.findUnique({ where: { providerId_remoteId: { providerId: item.providerId, remoteId: item.remoteId } }, select: { id: true } });
  let failure: Msg | null = null;
  let contracts = 0;
  if (held) {
    const result = await refreshContract(held.id, "SYNC", { id: admin.id });
    // The reason is a stored message (the provider sent the record unusable) or an error's own words.
    if (result.outcome === "failed") failure = result.reason ? (parseStoredMessage(result.reason) ?? msg(result.reason)) : msg("sync.review.failure.notApplied");
    else if (result.outcome === "missing") failure = msg("sync.review.failure.missing");
    else contracts = 1;
  } else {
    // Not held yet (it failed on import, or its product was unknown): read and place it as the sync would.
    const provider = await providerClientFor(item.providerId, item.organizationId);
    const readStartedAt = new Date();
    const read = await provider.list("contract", [item.remoteId]);
    await recordReadWarnings(item.providerId, read);
    const outcome = await applyNew(item.providerId, item.organizationId, provider, read.records, readStartedAt, admin.id);
    contracts = outcome.contracts;
    if (read.records.length === 0) failure = read.skipped[0]?.reason ?? msg("sync.review.failure.missing");
    else if (outcome.contracts === 0) failure = msg("sync.review.failure.stillUnplaced");
  }
  if (failure) {
    await db().syncReviewItem.update({ where: { id: item.id }, data: { message: storeMessages([failure]).slice(0, 2000) } });
    await recordAudit({ organizationId: admin.organizationId, actorId: admin.id, action: "sync-review.retry", entityType: "SyncReviewItem", entityId: item.id, data: { outcome: "failed", reason: translate("en", failure).slice(0, 500) } });
    return outcome({ state: "OPEN", contracts: 0, stillInReview: 1 }, [msg("sync.review.outcome.stillFailing"), failure]);
  }
  // The apply path may have re-opened or resolved the item itself; closing an OPEN one is what is left.
  await close(admin, item.id, "RESOLVED", { action: "retry" }).catch((error: unknown) => {
    if (!(error instanceof AppError && error.code === "CONFLICT")) throw error;
  });
  return outcome({ state: "RESOLVED", contracts, stillInReview: 0 }, [msg("sync.review.outcome.applied")]);
}

/** The holder's client record: read again from the provider, else what the queue kept. */
async function holderRecord(item: Item): Promise<ClientRead> {
  const provider = await providerClientFor(item.providerId, item.organizationId);
  const read = await provider.list("client", [item.remoteId]);
  const fresh = read.records.find((record) => record.id === item.remoteId);
  if (fresh) return fresh;
  try {
    return readClient(item.raw).record;
  } catch {
    throw new AppError("CONFLICT", "sync.errors.noHolderRecord");
  }
}

/** The provider link of the holder now points at our client (kept if the sync made one already). */
async function linkHolder(tx: Tx, item: Item, clientId: string): Promise<void> {
  await tx.providerClientLink.upsert({
    where: { providerId_remoteId: { providerId: item.providerId, remoteId: item.remoteId } },
    create: { providerId: item.providerId, remoteId: item.remoteId, clientId, raw: item.raw ?? {} },
    update: { clientId },
  });
}

/** Every contract of the holder, from the provider, placed and applied a chunk at a time. */
async function takeInContractsOfHolder(providerId: string, organizationId: string, holderId: string, actorId: string): Promise<{ contracts: number; stillInReview: number }> {
  const provider = await providerClientFor(providerId, organizationId);
  const readStartedAt = new Date();
  const read = await provider.contractsOfHolder(holderId);
  await recordReadWarnings(providerId, read);
  let contracts = 0;
  let stillInReview = 0;
  for (const part of chunk(read.records, MAX_IDS_PER_LIST_CALL)) {
    const outcome = await applyNew(providerId, organizationId, provider, part, readStartedAt, actorId);
    contracts += outcome.contracts;
    stillInReview += outcome.review;
  }
  return { contracts, stillInReview };
}

async function applyNew(
  providerId: string,
  organizationId: string,
  provider: Awaited<ReturnType<typeof providerClientFor>>,
  records: ContractRead[],
  readStartedAt: Date,
  actorId: string,
): Promise<{ contracts: number; review: number }> {
  if (records.length === 0) return { contracts: 0, review: 0 };
  const { placements, review } = await resolveNewContracts({ providerId, organizationId, client: provider }, records);
  const report = await applyProviderContracts({ providerId, organizationId, source: "SYNC", actorId, readStartedAt }, records, { placements });
  return { contracts: report.contractIds.size, review: review + report.failed.length };
}

const summary = (taken: { contracts: number; stillInReview: number }): Msg[] => [
  taken.stillInReview > 0 ? msg("sync.review.outcome.summaryPending", { count: taken.contracts, pending: taken.stillInReview }) : msg("sync.review.outcome.summary", { count: taken.contracts }),
];

/** An outcome with its sentences, and the same in English. */
function outcome(result: Omit<ReviewOutcome, "messages" | "message">, messages: Msg[]): ReviewOutcome {
  return { ...result, messages, message: translateAll("en", messages) };
}
