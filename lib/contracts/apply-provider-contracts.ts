/**
 * The one way provider contract data enters the portal: callbacks, the pending poll, the sync,
 * Refresh, the holder refresh and the answers to our own writes all come through here, a chunk of
 * records at a time (at most one id-list chunk, ≤ 500).
 *
 * Per chunk, in one transaction and a handful of statements: the rows are locked in id order (a
 * callback and a sync touching the same contract wait for each other instead of both winning),
 * every record newer than what we hold (the provider's `updatedAt`) is written through
 * transition-contract.ts (which keeps each proposal version for the diff), new contracts are
 * inserted with their timeline and audit rows, status changes get theirs, approvals of a
 * superseded proposal are voided,
 * documents get the version of the record that names them, and files still to download are
 * queued. A chunk that fails is split until the failing record is alone; that one goes to the
 * review queue with its reason and the others are applied.
 */
import { db, type Tx } from "../db";
import type { EventSource } from "../generated/prisma/client";
import type { ContractRead } from "../finum/read";
import { writeStatusRows, announceStatusChanges, type StatusChange } from "./record-change";
import { currentContext } from "../log/context";
import { bulkTransaction } from "../sync/bulk-transaction";
import { insertProviderContracts, replacedContracts, writeProviderStates, type ProviderContractInsert, type ProviderStateUpdate } from "./transition-contract";
import { decideTurn, type ApprovalState } from "./turn";
import { emitTurnChanges } from "../webhooks/events";
import { storedText } from "../i18n/stored-message";
import { VOID_REASON_NEWER_VERSION } from "../approvals/void-stale-approvals";
// The JSON text of a record's part as the writers send it (serialized once, not parsed back).
import { jsonText } from "../sync/json-rows";

/** Who made a provider-side change, as a message (shown in each reader's language). */
const PROVIDER_ACTOR = storedText("status.actors.provider");

export interface ApplyContext {
  providerId: string;
  organizationId: string;
  source: EventSource;
  actorId?: string | null;
  actorLabel?: string | null;
  /** When the read started: any change the provider made before this moment is in what we read. */
  readStartedAt?: Date;
}

/** Where a new contract (not held yet) goes: resolved by lib/sync/resolve-new-contracts.ts. */
export interface NewContractPlacement {
  clientId: string;
  productId: string;
  advisorId: string;
}

export interface ApplyReport {
  /** Contracts whose stored state changed. */
  applied: string[];
  unchanged: number;
  imported: string[];
  /** Records that could not be applied (each in the review queue with its reason). */
  failed: Array<{ remoteId: string; reason: string }>;
  statusChanges: Array<{ contractId: string; from: number | null; to: number }>;
  /** Contracts with provider files still to download. */
  filesPending: string[];
  /** remote id → our contract id, for every record of the chunk we hold now. */
  contractIds: Map<string, string>;
}

interface LockedRow {
  id: string;
  remoteId: string;
  organizationId: string;
  advisorId: string;
  status: number;
  version: number;
  approvalState: ApprovalState;
  turn: string;
  proposalVersion: number;
  proposalFileId: string | null;
  remoteUpdatedAt: Date | null;
  lastReadAt: Date | null;
  statusNote: string | null;
  contractNumber: string | null;
  premium: string | null;
  hasSuccessor: boolean;
}

const emptyReport = (): ApplyReport => ({ applied: [], unchanged: 0, imported: [], failed: [], statusChanges: [], filesPending: [], contractIds: new Map() });

/** The newest read of each contract in the chunk (a list can name one id twice). */
function newestPerId(records: readonly ContractRead[]): ContractRead[] {
  const newest = new Map<string, ContractRead>();
  for (const record of records) {
    const held = newest.get(record.id);
    if (!held || held.updatedAt < record.updatedAt) newest.set(record.id, record);
  }
  return [...newest.values()];
}

/**
 * Applies a chunk. `placements` says where contracts we do not hold yet belong; records without
 * one are only applied if we hold them. Pass `tx` to apply inside a caller's transaction (the
 * answer to our own write); then a failure is the caller's to handle.
 */
export async function applyProviderContracts(
  context: ApplyContext,
  records: readonly ContractRead[],
  options: { tx?: Tx; placements?: ReadonlyMap<string, NewContractPlacement> } = {},
): Promise<ApplyReport> {
  const chunk = newestPerId(records);
  if (chunk.length === 0) return emptyReport();
  if (options.tx) return applyChunk(options.tx, context, chunk, options.placements);
  return applyIsolated(context, chunk, options.placements);
}

async function applyIsolated(context: ApplyContext, chunk: ContractRead[], placements?: ReadonlyMap<string, NewContractPlacement>): Promise<ApplyReport> {
  try {
    // On a plain pg connection: a chunk's 1.5 MB of parameters cost Prisma more CPU than the writes cost the database.
    return await bulkTransaction((tx) => applyChunk(tx, context, chunk, placements), { timeoutMs: 60_000 });
  } catch (error) {
    if (chunk.length === 1) {
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      await sendToReview(context, chunk[0]!, reason);
      return { ...emptyReport(), failed: [{ remoteId: chunk[0]!.id, reason }] };
    }
    // Split until the record that fails is alone; the others are applied.
    const middle = Math.ceil(chunk.length / 2);
    const [left, right] = [await applyIsolated(context, chunk.slice(0, middle), placements), await applyIsolated(context, chunk.slice(middle), placements)];
    return mergeReports(left, right);
  }
}

function mergeReports(a: ApplyReport, b: ApplyReport): ApplyReport {
  return {
    applied: [...a.applied, ...b.applied],
    unchanged: a.unchanged + b.unchanged,
    imported: [...a.imported, ...b.imported],
    failed: [...a.failed, ...b.failed],
    statusChanges: [...a.statusChanges, ...b.statusChanges],
    filesPending: [...a.filesPending, ...b.filesPending],
    contractIds: new Map([...a.contractIds, ...b.contractIds]),
  };
}

async function sendToReview(context: ApplyContext, record: ContractRead, message: string): Promise<void> {
  await db().syncReviewItem.upsert({
    where: { providerId_recordType_remoteId_reason: { providerId: context.providerId, recordType: "contract", remoteId: record.id, reason: "APPLY_FAILED" } },
    create: { organizationId: context.organizationId, providerId: context.providerId, recordType: "contract", remoteId: record.id, reason: "APPLY_FAILED", message, raw: jsonValue(record.raw) },
    update: { message, raw: jsonValue(record.raw), state: "OPEN", resolvedAt: null, resolvedById: null },
  });
}

/** PostgreSQL's text and jsonb refuse NUL characters; a provider that sends one must not block the record. */
const clean = (text: string | null) => (text === null ? null : text.replace(/\u0000/g, ""));
const jsonValue = (value: Record<string, unknown>) => JSON.parse(jsonText(value)) as object;

async function applyChunk(tx: Tx, context: ApplyContext, chunk: ContractRead[], placements?: ReadonlyMap<string, NewContractPlacement>): Promise<ApplyReport> {
  const readAt = context.readStartedAt ?? new Date();
  const report = emptyReport();
  const remoteIds = chunk.map((record) => record.id);
  // NO KEY UPDATE: appliers of the same contract (callbacks, sync, poll) and the engine's updates
  // still take turns, but rows that merely reference the contract (a callback being stored, an
  // event, a document) are not held up until this transaction commits: their foreign-key check
  // takes KEY SHARE, which only FOR UPDATE blocks, and the contract's id never changes here.
  const locked = await tx.$queryRaw<LockedRow[]>`
    SELECT c."id", c."remoteId", c."organizationId", c."advisorId", c."status", c."version", c."approvalState"::text AS "approvalState", c."turn"::text AS "turn",
           c."proposalVersion", c."proposalFileId", c."remoteUpdatedAt", c."lastReadAt", c."statusNote", c."contractNumber", c."premium"::text AS "premium"
    FROM "Contract" c
    WHERE c."providerId" = ${context.providerId} AND c."remoteId" = ANY(${remoteIds}::text[])
    ORDER BY c."id"
    FOR NO KEY UPDATE OF c`;
  // Which of them a newer draft replaced.
  const successors = await replacedContracts(tx, locked.map((row) => row.id));
  for (const row of locked) row.hasSuccessor = successors.has(row.id);
  const held = new Map(locked.map((row) => [row.remoteId, row]));

  const updates: ProviderStateUpdate[] = [];
  const untouched: string[] = [];
  // When we last looked is kept where it is used: the pending poll (contracts waiting on the
  // provider) and callbacks (a read after one arrived answers it). A sync re-reading a contract
  // that waits on nobody and has not changed writes nothing: each such write was a whole new row
  // version with an entry in each of the contract's indexes, thousands per delta pull (its overlap).
  const looked: string[] = [];
  const versionChanges: Array<{ row: LockedRow; version: number }> = [];
  const statusChanges: StatusChange[] = [];
  for (const record of chunk) {
    const row = held.get(record.id);
    if (!row) continue;
    report.contractIds.set(record.id, row.id);
    if (!isNewer(row, record, readAt)) {
      untouched.push(row.id);
      if (context.source !== "SYNC" || row.turn === "PROVIDER") looked.push(row.id);
      continue;
    }
    const proposalVersion = nextProposalVersion(row, record);
    const versionChanged = proposalVersion !== row.proposalVersion;
    // A newer proposal voids the approvals and links of the earlier one.
    const approvalState: ApprovalState = versionChanged ? (row.approvalState === "NONE" ? "NONE" : "VOID") : row.approvalState;
    const statusChanged = row.status !== record.status;
    updates.push({
      id: row.id,
      version: row.version,
      status: record.status,
      statusNote: clean(record.statusNote),
      statusChanged,
      data: jsonText(record.data),
      contractNumber: clean(record.contractNumber),
      premium: record.premium?.amount ?? null,
      currency: record.premium?.currency ?? null,
      proposalVersion,
      proposalFileId: record.proposalFileId,
      remoteUpdatedAt: record.updatedAt,
      raw: jsonText(record.raw),
      approvalState,
      decision: decideTurn({ status: record.status, approvalState, hasSuccessor: row.hasSuccessor }),
      keepProposalVersion: versionChanged || statusChanged,
    });
    if (versionChanged) versionChanges.push({ row, version: proposalVersion });
    if (statusChanged) statusChanges.push(statusChangeOf(context, row, row.status, record));
  }

  const written = await writeProviderStates(tx, updates, readAt);
  if (written.size !== updates.length) throw new Error("A contract changed while it was locked; the chunk is retried.");
  if (looked.length > 0) {
    await tx.$executeRaw`UPDATE "Contract" SET "lastReadAt" = ${readAt.toISOString()}::timestamp WHERE "id" = ANY(${looked}::text[]) AND ("lastReadAt" IS NULL OR "lastReadAt" < ${readAt.toISOString()}::timestamp)`;
  }
  report.unchanged = untouched.length;
  report.applied = updates.map((update) => update.id);

  // Contracts we do not hold yet, where the caller knows where they belong.
  const inserts: ProviderContractInsert[] = [];
  for (const record of chunk) {
    const placement = held.has(record.id) ? undefined : placements?.get(record.id);
    if (!placement) continue;
    inserts.push({
      organizationId: context.organizationId,
      providerId: context.providerId,
      ...placement,
      remoteId: record.id,
      status: record.status,
      statusNote: clean(record.statusNote),
      data: jsonText(record.data),
      contractNumber: clean(record.contractNumber),
      premium: record.premium?.amount ?? null,
      currency: record.premium?.currency ?? null,
      proposalVersion: record.proposalVersion ?? (record.proposalFileId ? 1 : 0),
      proposalFileId: record.proposalFileId,
      remoteUpdatedAt: record.updatedAt,
      raw: jsonText(record.raw),
    });
  }
  // With their timeline, audit rows and first proposal version, in the same statement.
  const foundAtProvider = storedText("status.notes.foundAtProvider");
  const created = await insertProviderContracts(tx, inserts, readAt, {
    source: context.source,
    actorId: context.actorId ?? null,
    actorLabel: PROVIDER_ACTOR,
    note: foundAtProvider,
    requestId: currentContext()?.requestId ?? null,
  });
  const insertByRemote = new Map(inserts.map((insert) => [insert.remoteId, insert]));
  const importChanges: StatusChange[] = [];
  for (const row of created) {
    const insert = insertByRemote.get(row.remoteId)!;
    report.contractIds.set(row.remoteId, row.id);
    report.imported.push(row.id);
    importChanges.push({
      contract: { id: row.id, organizationId: insert.organizationId, advisorId: insert.advisorId },
      from: null,
      to: insert.status,
      source: context.source,
      actorId: context.actorId ?? null,
      actorLabel: PROVIDER_ACTOR,
      note: foundAtProvider,
    });
  }

  await writeStatusRows(tx, statusChanges);
  report.statusChanges = [...statusChanges, ...importChanges].map((change) => ({ contractId: change.contract.id, from: change.from, to: change.to }));
  await voidSupersededApprovals(tx, context, versionChanges);
  // The proposal version each contract holds now (given by the provider, or counted by us).
  const versions = new Map<string, number>(updates.map((u) => [u.id, u.proposalVersion]));
  for (const row of locked) if (!versions.has(row.id)) versions.set(row.id, row.proposalVersion);
  for (const row of created) versions.set(row.id, insertByRemote.get(row.remoteId)!.proposalVersion);
  report.filesPending = await noteWantedFiles(tx, context.providerId, chunk, report.contractIds, versions);

  // Notifications, webhook events and one live event per advisor (or a few named contracts) for
  // the chunk: status changes, imports, and changes that were not status changes (a new premium, a new version).
  const lockedById = new Map(locked.map((row) => [row.id, row]));
  await announceStatusChanges(
    tx,
    [...statusChanges, ...importChanges],
    updates.filter((update) => !update.statusChanged).map((update) => ({ ...lockedById.get(update.id)!, status: update.status })),
  );
  await emitTurnChanges(
    tx,
    updates.map((update) => ({ contractId: update.id, organizationId: context.organizationId, from: lockedById.get(update.id)?.turn ?? null, to: update.decision.turn })),
  );
  return report;
}

/**
 * Never backwards: a record applies when the provider stamped it later than what we hold. Some
 * providers stamp whole seconds only, so two changes can share a stamp: then the read that started
 * later wins, if it says something different.
 */
function isNewer(row: LockedRow, record: ContractRead, readAt: Date): boolean {
  if (!row.remoteUpdatedAt || row.remoteUpdatedAt < record.updatedAt) return true;
  if (row.remoteUpdatedAt > record.updatedAt) return false;
  if (row.lastReadAt && row.lastReadAt >= readAt) return false;
  return (
    row.status !== record.status ||
    (row.statusNote ?? null) !== clean(record.statusNote) ||
    (row.contractNumber ?? null) !== clean(record.contractNumber) ||
    (row.premium === null ? null : Number(row.premium).toFixed(2)) !== (record.premium?.amount ?? null) ||
    (record.proposalFileId !== null && record.proposalFileId !== row.proposalFileId)
  );
}

/** The version a provider gives, or, from one that gives none, one more whenever the proposal file changes. */
function nextProposalVersion(row: LockedRow, record: ContractRead): number {
  if (record.proposalVersion !== null) return record.proposalVersion;
  if (record.proposalFileId && record.proposalFileId !== row.proposalFileId) return row.proposalVersion + 1;
  return row.proposalVersion;
}

function statusChangeOf(context: ApplyContext, row: LockedRow, from: number, record: ContractRead): StatusChange {
  return {
    contract: { id: row.id, organizationId: row.organizationId, advisorId: row.advisorId },
    from,
    to: record.status,
    source: context.source,
    actorId: context.actorId ?? null,
    actorLabel: context.actorLabel ?? (context.source === "ADVISOR" ? null : PROVIDER_ACTOR),
    note: record.statusNote,
  };
}

async function voidSupersededApprovals(tx: Tx, context: ApplyContext, changes: Array<{ row: LockedRow; version: number }>): Promise<void> {
  if (changes.length === 0) return;
  const voided = await tx.$queryRaw<Array<{ contractId: string; proposalVersion: number }>>`
    UPDATE "ApprovalRequest" a SET "status" = 'VOID',
      -- A stored message (lib/i18n/stored-message.ts), shown in the reader's language, as voidStaleApprovals writes it.
      "voidReason" = json_build_object('key', ${VOID_REASON_NEWER_VERSION}::text, 'values', json_build_object('version', v.version::text))::text
    FROM unnest(${changes.map((c) => c.row.id)}::text[], ${changes.map((c) => c.version)}::int[]) AS v(contract, version)
    WHERE a."contractId" = v.contract AND a."proposalVersion" < v.version AND a."status" IN ('PENDING', 'APPROVED')
    RETURNING a."contractId", a."proposalVersion"`;
  const rows = new Map(changes.map((c) => [c.row.id, c]));
  const contracts = [...new Set(voided.map((v) => v.contractId))];
  if (contracts.length === 0) return;
  const at = new Date().toISOString();
  await tx.$executeRaw`
    INSERT INTO "ContractEvent" ("id", "contractId", "kind", "fromStatus", "toStatus", "source", "actorId", "actorLabel", "note", "at")
    SELECT gen_random_uuid()::text, v.contract, 'approval.voided', v.status, v.status, ${context.source}::"EventSource", NULL, ${PROVIDER_ACTOR}, v.note, ${at}::timestamp
    FROM unnest(${contracts}::text[], ${contracts.map((id) => rows.get(id)!.row.status)}::int[],
                ${contracts.map((id) => storedText("status.notes.versionReplaced", { version: rows.get(id)!.version }))}::text[]) AS v(contract, status, note)`;
}

/**
 * The proposal and policy files each record names: a document we already hold gets the version of
 * the record that names it (a later read corrects an earlier guess); one we do not hold is queued.
 */
async function noteWantedFiles(tx: Tx, providerId: string, chunk: ContractRead[], contractIds: Map<string, string>, versions: Map<string, number>): Promise<string[]> {
  const wanted: Array<{ contractId: string; fileId: string; kind: "PROPOSAL" | "POLICY" | "OTHER"; version: number | null }> = [];
  for (const record of chunk) {
    const contractId = contractIds.get(record.id);
    if (!contractId) continue;
    for (const fileId of record.fileIds) {
      const kind = fileId === record.proposalFileId ? "PROPOSAL" : fileId === record.policyFileId ? "POLICY" : "OTHER";
      wanted.push({ contractId, fileId, kind, version: kind === "PROPOSAL" ? (record.proposalVersion ?? versions.get(contractId) ?? null) : null });
    }
  }
  if (wanted.length === 0) return [];
  const col = <T>(pick: (w: (typeof wanted)[number]) => T) => wanted.map(pick);
  // The record that names a file as its proposal or policy says what it is, whatever the file record said.
  await tx.$executeRaw`
    UPDATE "Document" d SET "kind" = w.kind::"DocumentKind", "proposalVersion" = CASE WHEN w.kind = 'PROPOSAL' THEN COALESCE(w.version, d."proposalVersion") ELSE d."proposalVersion" END
    FROM unnest(${col((w) => w.contractId)}::text[], ${col((w) => w.fileId)}::text[], ${col((w) => w.kind)}::text[], ${col((w) => w.version)}::int[]) AS w(contract, file, kind, version)
    WHERE d."contractId" = w.contract AND d."remoteFileId" = w.file AND w.kind <> 'OTHER'
      AND (d."kind"::text <> w.kind OR (w.kind = 'PROPOSAL' AND w.version IS NOT NULL AND d."proposalVersion" IS DISTINCT FROM w.version))`;
  // One row per file in the upsert: a file several records of the chunk name (a provider's shared
  // specimen) would make it touch a row twice, fail the chunk and split it down to single records.
  // The last naming contract wins, as it does across chunks (ON CONFLICT).
  // In file id order: two chunks written at once that name the same files lock them in the same order.
  const files = [...new Map(wanted.map((w) => [w.fileId, w])).values()].sort((a, b) => (a.fileId < b.fileId ? -1 : a.fileId > b.fileId ? 1 : 0));
  const fcol = <T>(pick: (w: (typeof wanted)[number]) => T) => files.map(pick);
  const now = new Date().toISOString();
  // A file row that would not change is left alone (a chunk of contracts read again names the same
  // files each time); the contracts with files still pending are reported either way.
  const pending = await tx.$queryRaw<Array<{ contractId: string }>>`
    WITH w AS (
      SELECT * FROM unnest(${fcol((w) => w.contractId)}::text[], ${fcol((w) => w.fileId)}::text[], ${fcol((w) => w.kind)}::text[], ${fcol((w) => w.version)}::int[]) AS w(contract, file, kind, version)
    ), upserted AS (
      INSERT INTO "ProviderFile" ("id", "providerId", "remoteId", "contractId", "kind", "proposalVersion", "fetchState", "updatedAt")
      SELECT gen_random_uuid()::text, ${providerId}, w.file, w.contract, w.kind::"DocumentKind", w.version,
             CASE WHEN EXISTS (SELECT 1 FROM "Document" d WHERE d."contractId" = w.contract AND d."remoteFileId" = w.file) THEN 'DONE' ELSE 'PENDING' END,
             ${now}::timestamp
      FROM w
      ON CONFLICT ("providerId", "remoteId") DO UPDATE SET
        "contractId" = EXCLUDED."contractId",
        "kind" = CASE WHEN EXCLUDED."kind" = 'OTHER' THEN "ProviderFile"."kind" ELSE EXCLUDED."kind" END,
        "proposalVersion" = COALESCE(EXCLUDED."proposalVersion", "ProviderFile"."proposalVersion"),
        "fetchState" = CASE WHEN "ProviderFile"."fetchState" IN ('NONE', 'FAILED') AND EXCLUDED."fetchState" = 'PENDING' THEN 'PENDING' ELSE "ProviderFile"."fetchState" END,
        "updatedAt" = ${now}::timestamp
      WHERE "ProviderFile"."contractId" IS DISTINCT FROM EXCLUDED."contractId"
         OR (EXCLUDED."kind" <> 'OTHER' AND "ProviderFile"."kind" <> EXCLUDED."kind")
         OR (EXCLUDED."proposalVersion" IS NOT NULL AND "ProviderFile"."proposalVersion" IS DISTINCT FROM EXCLUDED."proposalVersion")
         OR ("ProviderFile"."fetchState" IN ('NONE', 'FAILED') AND EXCLUDED."fetchState" = 'PENDING')
      RETURNING "contractId", "fetchState"
    )
    SELECT "contractId" FROM upserted WHERE "fetchState" = 'PENDING'
    UNION
    SELECT f."contractId" FROM "ProviderFile" f JOIN w ON f."providerId" = ${providerId} AND f."remoteId" = w.file AND f."contractId" = w.contract
    WHERE f."fetchState" = 'PENDING'`;
  return pending.map((row) => row.contractId);
}
