/**
 * The one writer of `Contract.status` (a test proves no other file writes it), and of whose turn
 * it is. Three ways in, all compare-and-set, all in the caller's transaction with the timeline,
 * audit and live event of the change:
 * - transitionContract: the portal's own moves (send 120, resubmit 120, order 230, withdraw 430),
 *   checked against the transition table;
 * - writeProviderStates / insertProviderContracts: what a provider says, applied a chunk at a time
 *   by lib/contracts/apply-provider-contracts.ts (the provider is the truth; never backwards);
 * - refreshTurns: the approval state changed (link sent, decided, voided, expired) or a newer
 *   draft replaced the contract; the status stays, whose turn follows.
 */
import crypto from "node:crypto";
import { Prisma, type Tx } from "../db";
import { AppError } from "../errors";
import type { EventSource } from "../generated/prisma/client";
import { emitTurnChanges } from "../webhooks/events";
import { recordStatusChange, type ContractRef } from "./record-change";
import { canAdvisorMove } from "./status";
import { msg } from "../i18n/message";
import { approvalStateOf, decideTurn, type ApprovalState, type TurnDecision } from "./turn";
import { jsonRows } from "../sync/json-rows";

export interface Move {
  contract: ContractRef;
  from: number;
  to: number;
  source: EventSource;
  actorId?: string | null;
  actorLabel?: string | null;
  note?: string | null;
  /** Written with the status: the provider's id on the first send, the data on a resubmit. */
  set?: { remoteId?: string; data?: Prisma.InputJsonValue; statusNote?: string | null };
}

/**
 * One of the portal's own moves. False when the contract is no longer in `from` (someone else
 * moved it first): the caller then applies what the provider answered, which is the truth.
 */
export async function transitionContract(tx: Tx, move: Move): Promise<boolean> {
  if (!canAdvisorMove(move.from, move.to)) {
    throw new AppError("CONFLICT", msg("contracts.errors.cannotMove", { from: move.from, to: move.to }));
  }
  const { count } = await tx.contract.updateMany({
    where: { id: move.contract.id, status: move.from },
    data: { status: move.to, statusNote: move.set?.statusNote ?? null, statusChangedAt: new Date(), version: { increment: 1 }, ...(move.set?.remoteId ? { remoteId: move.set.remoteId } : {}), ...(move.set?.data !== undefined ? { data: move.set.data } : {}) },
  });
  if (count !== 1) return false;
  await recordStatusChange(tx, { contract: move.contract, from: move.from, to: move.to, source: move.source, actorId: move.actorId, actorLabel: move.actorLabel, note: move.note });
  await refreshTurns(tx, [move.contract.id]);
  return true;
}

/**
 * Which of these contracts a newer draft replaced (a draft "duplicated from" it). One probe of the
 * partial index on duplicatedFromId per id: as one "= ANY(…)" look, the planner could not prove the
 * column set and, with statistics taken before a sync's rows arrived, scanned every contract for
 * each chunk (13 to 20 ms a chunk of 500 at 20,000 contracts; 0.2 ms probed).
 */
export async function replacedContracts(tx: Tx, contractIds: readonly string[]): Promise<Set<string>> {
  if (contractIds.length === 0) return new Set();
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT r."id" FROM unnest(${[...new Set(contractIds)]}::text[]) AS r("id")
    WHERE (SELECT 1 FROM "Contract" s WHERE s."duplicatedFromId" = r."id" LIMIT 1) IS NOT NULL`;
  return new Set(rows.map((row) => row.id));
}

/**
 * Recomputes approval state and whose turn for these contracts from their approvals and
 * successors, and writes what changed. Returns the ids whose turn or next step changed.
 */
export async function refreshTurns(tx: Tx, contractIds: readonly string[], now: Date = new Date()): Promise<string[]> {
  if (contractIds.length === 0) return [];
  const [rows, replaced] = await Promise.all([
    tx.contract.findMany({
      where: { id: { in: [...contractIds] } },
      select: {
        id: true,
        status: true,
        proposalVersion: true,
        organizationId: true,
        turn: true,
        approvalState: true,
        nextStep: true,
        needsAttention: true,
        approvals: { select: { status: true, proposalVersion: true, expiresAt: true, createdAt: true } },
      },
    }),
    replacedContracts(tx, contractIds),
  ]);
  const changed: string[] = [];
  const turnChanges: Array<{ contractId: string; organizationId: string; from: string; to: string }> = [];
  for (const row of rows) {
    const approvalState = approvalStateOf(row.approvals, row.proposalVersion, now);
    const decision = decideTurn({ status: row.status, approvalState, hasSuccessor: replaced.has(row.id) });
    if (row.approvalState === approvalState && row.turn === decision.turn && row.nextStep === decision.nextStep && row.needsAttention === decision.needsAttention) continue;
    await tx.contract.update({ where: { id: row.id }, data: { approvalState, ...decision } });
    changed.push(row.id);
    turnChanges.push({ contractId: row.id, organizationId: row.organizationId, from: row.turn, to: decision.turn });
  }
  await emitTurnChanges(tx, turnChanges);
  return changed;
}

/** What a provider read changes on a contract we hold, decided by the apply path. */
export interface ProviderStateUpdate {
  id: string;
  /** The row version read under lock: the write is a compare-and-set on it. */
  version: number;
  status: number;
  statusNote: string | null;
  statusChanged: boolean;
  /** JSON text, serialized once by the apply path. */
  data: string;
  contractNumber: string | null;
  premium: string | null;
  currency: string | null;
  proposalVersion: number;
  proposalFileId: string | null;
  remoteUpdatedAt: Date;
  /** JSON text. */
  raw: string;
  approvalState: ApprovalState;
  decision: TurnDecision;
  /**
   * Keep this proposal version for the diff (once per contract and version): when the version or
   * the status moves. A note or a premium changing within a version leaves the kept one alone.
   */
  keepProposalVersion: boolean;
}

/**
 * One statement for a chunk of provider updates, which also keeps the proposal versions it was
 * asked to for the diff (ProposalVersion, once per contract and version). Returns the ids written.
 */
export async function writeProviderStates(tx: Tx, updates: readonly ProviderStateUpdate[], readAt: Date): Promise<Set<string>> {
  if (updates.length === 0) return new Set();
  const now = new Date().toISOString();
  const rows = jsonRows(
    updates,
    (u) => ({
      id: u.id, version: u.version, status: u.status, note: u.statusNote, changed: u.statusChanged, number: u.contractNumber, premium: u.premium, currency: u.currency,
      pversion: u.proposalVersion, pfile: u.proposalFileId, remote: u.remoteUpdatedAt.toISOString(), astate: u.approvalState,
      turn: u.decision.turn, step: u.decision.nextStep, attention: u.decision.needsAttention, keep: u.keepProposalVersion,
    }),
    (u) => ({ data: u.data, raw: u.raw }),
  );
  const written = await tx.$queryRaw<{ id: string }[]>`
    WITH written AS (
      UPDATE "Contract" AS c SET
        "status" = u.status,
        "statusNote" = u.note,
        "statusChangedAt" = CASE WHEN u.changed THEN ${now}::timestamp ELSE c."statusChangedAt" END,
        "data" = u.data,
        "contractNumber" = u.number,
        "premium" = u.premium,
        "currency" = u.currency,
        "proposalVersion" = u.pversion,
        "proposalFileId" = COALESCE(u.pfile, c."proposalFileId"),
        "remoteUpdatedAt" = u.remote,
        "lastReadAt" = GREATEST(COALESCE(c."lastReadAt", ${readAt.toISOString()}::timestamp), ${readAt.toISOString()}::timestamp),
        "raw" = u.raw,
        "approvalState" = u.astate,
        "turn" = u.turn,
        "nextStep" = u.step,
        "needsAttention" = u.attention,
        "version" = c."version" + 1,
        "updatedAt" = ${now}::timestamp
      FROM jsonb_to_recordset(${rows}::jsonb) AS u(id text, version int, status int, note text, changed boolean, data jsonb, number text, premium numeric,
        currency text, pversion int, pfile text, remote timestamp, raw jsonb, astate "ApprovalState", turn "Turn", step text, attention boolean, keep boolean)
      WHERE c."id" = u.id AND c."version" = u.version
      RETURNING c."id", c."proposalVersion", u.keep, CASE WHEN u.keep THEN c."data" END AS "data", c."premium", c."currency", u.pfile
    ), kept AS (
      INSERT INTO "ProposalVersion" ("id", "contractId", "version", "data", "premium", "currency", "fileId", "at")
      SELECT gen_random_uuid()::text, w."id", w."proposalVersion", w."data", w."premium", w."currency", w.pfile, ${now}::timestamp
      FROM written w WHERE w.keep AND w."proposalVersion" > 0
      ON CONFLICT ("contractId", "version") DO NOTHING
    )
    SELECT "id" FROM written`;
  return new Set(written.map((row) => row.id));
}

/** A provider contract we did not hold, attached to a client and product we know. */
export interface ProviderContractInsert {
  organizationId: string;
  providerId: string;
  clientId: string;
  productId: string;
  advisorId: string;
  remoteId: string;
  status: number;
  statusNote: string | null;
  /** JSON text, serialized once by the apply path. */
  data: string;
  contractNumber: string | null;
  premium: string | null;
  currency: string | null;
  proposalVersion: number;
  proposalFileId: string | null;
  remoteUpdatedAt: Date;
  /** JSON text. */
  raw: string;
}

/** How the timeline and the audit trail tell of an imported contract. */
export interface ImportHistory {
  source: EventSource;
  actorId: string | null;
  actorLabel: string | null;
  note: string | null;
  requestId: string | null;
}

/**
 * One statement for a chunk of imports, with their history: the contracts, their timeline rows
 * ("found at the provider"), audit rows and first proposal versions. A contract another read took
 * in a moment ago is left alone (and gets no history from this one). The live events, webhook
 * events and notifications are the caller's (announceStatusChanges).
 */
export async function insertProviderContracts(tx: Tx, inserts: readonly ProviderContractInsert[], readAt: Date, history: ImportHistory): Promise<Array<{ id: string; remoteId: string }>> {
  if (inserts.length === 0) return [];
  const now = new Date().toISOString();
  // Each contract's callback token: 32 random bytes, drawn for the chunk at once.
  const entropy = crypto.randomBytes(32 * inserts.length);
  const rows = jsonRows(
    inserts,
    (u, i) => {
      const decision = decideTurn({ status: u.status, approvalState: "NONE" });
      return {
        id: crypto.randomUUID(), org: u.organizationId, provider: u.providerId, client: u.clientId, product: u.productId, advisor: u.advisorId, remote: u.remoteId,
        status: u.status, note: u.statusNote, number: u.contractNumber, premium: u.premium, currency: u.currency, pversion: u.proposalVersion, pfile: u.proposalFileId,
        updated: u.remoteUpdatedAt.toISOString(), token: entropy.subarray(32 * i, 32 * i + 32).toString("base64url"),
        turn: decision.turn, step: decision.nextStep, attention: decision.needsAttention,
      };
    },
    (u) => ({ data: u.data, raw: u.raw }),
  );
  return tx.$queryRaw<Array<{ id: string; remoteId: string }>>`
    WITH created AS (
      INSERT INTO "Contract" ("id", "organizationId", "providerId", "clientId", "productId", "advisorId", "remoteId", "status", "statusNote",
        "statusChangedAt", "data", "contractNumber", "premium", "currency", "proposalVersion", "proposalFileId", "remoteUpdatedAt", "lastReadAt",
        "raw", "callbackToken", "turn", "approvalState", "nextStep", "needsAttention", "createdAt", "updatedAt")
      SELECT u.id, u.org, u.provider, u.client, u.product, u.advisor, u.remote, u.status, u.note,
        ${now}::timestamp, u.data, u.number, u.premium, u.currency, u.pversion, u.pfile, u.updated, ${readAt.toISOString()}::timestamp,
        u.raw, u.token, u.turn, 'NONE'::"ApprovalState", u.step, u.attention, ${now}::timestamp, ${now}::timestamp
      FROM jsonb_to_recordset(${rows}::jsonb) AS u(id text, org text, provider text, client text, product text, advisor text, remote text, status int, note text,
        data jsonb, number text, premium numeric, currency text, pversion int, pfile text, updated timestamp, raw jsonb, token text, turn "Turn", step text, attention boolean)
      ON CONFLICT ("providerId", "remoteId") DO NOTHING
      RETURNING "id", "remoteId", "organizationId", "status", "proposalVersion", "data", "premium", "currency", "proposalFileId"
    ), timeline AS (
      INSERT INTO "ContractEvent" ("id", "contractId", "kind", "fromStatus", "toStatus", "source", "actorId", "actorLabel", "note", "at")
      SELECT gen_random_uuid()::text, c."id", 'status', NULL, c."status", ${history.source}::"EventSource", ${history.actorId}, ${history.actorLabel}, ${history.note}, ${now}::timestamp
      FROM created c
    ), audit AS (
      INSERT INTO "AuditEvent" ("id", "organizationId", "actorId", "action", "entityType", "entityId", "requestId", "data", "at")
      SELECT gen_random_uuid()::text, c."organizationId", ${history.actorId}, 'contract.status', 'Contract', c."id", ${history.requestId},
             jsonb_build_object('from', NULL::int, 'to', c."status", 'source', ${history.source}::text), ${now}::timestamp
      FROM created c
    ), kept AS (
      INSERT INTO "ProposalVersion" ("id", "contractId", "version", "data", "premium", "currency", "fileId", "at")
      SELECT gen_random_uuid()::text, c."id", c."proposalVersion", c."data", c."premium", c."currency", c."proposalFileId", ${now}::timestamp
      -- No ON CONFLICT: the contracts were created by this statement, so none has a version yet
      -- (and a speculative insert costs a probe and a confirmation per row).
      FROM created c WHERE c."proposalVersion" > 0
    )
    SELECT "id", "remoteId" FROM created`;
}
