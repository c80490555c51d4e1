/**
 * Where a contract's history is written down: timeline rows (status changes and approval or
 * proposal events), their audit rows, the advisor's notifications and the live events, in the
 * caller's transaction (the same one that made the change). Batched: a sync chunk of 500 status
 * changes is a handful of statements, not 2,000.
 */
import type { Tx } from "../db";
import type { EventSource } from "../generated/prisma/client";
import { publishEvent } from "../events/publish";
import { currentContext } from "../log/context";
import { statusLabelMsg } from "./status";
import { emitContractStatusEvents } from "../webhooks/events";
import { storeMessage } from "../i18n/stored-message";
import { msg } from "../i18n/message";

// Changes the advisor did not make themselves reach their notification bell.
const NOTIFY_SOURCES: ReadonlySet<EventSource> = new Set(["CALLBACK", "POLL", "SYNC", "CUSTOMER"]);

export interface ContractRef {
  id: string;
  organizationId: string;
  advisorId: string;
}

export interface StatusChange {
  contract: ContractRef;
  from: number | null;
  to: number;
  source: EventSource;
  actorId?: string | null;
  actorLabel?: string | null;
  note?: string | null;
  at?: Date;
}

/** A timeline entry that is not a status change: approval links, decisions, revised proposals. */
export interface ContractHappening {
  contract: ContractRef;
  kind: `approval.${"sent" | "resent" | "voided" | "approved" | "declined" | "expired"}` | `proposal.${"revised" | "duplicated"}`;
  /** The contract's status at the time. */
  status: number;
  source: EventSource;
  actorId?: string | null;
  actorLabel?: string | null;
  note?: string | null;
  at?: Date;
}

export async function recordStatusChange(tx: Tx, change: StatusChange): Promise<void> {
  await recordStatusChanges(tx, [change]);
}

/** Many status changes at once (a sync chunk): one insert per table, one live event per advisor. */
export async function recordStatusChanges(tx: Tx, changes: readonly StatusChange[]): Promise<void> {
  if (changes.length === 0) return;
  await writeStatusRows(tx, changes);
  await announceStatusChanges(tx, changes);
}

/** The timeline and audit rows of status changes: one statement for the whole chunk. */
export async function writeStatusRows(tx: Tx, changes: readonly StatusChange[]): Promise<void> {
  if (changes.length === 0) return;
  const now = new Date();
  // Plain INSERT … SELECT FROM unnest: Prisma's createMany spends most of a sync chunk preparing
  // large inserts (bench/sync.ts), the database a tenth of it.
  const at = changes.map((change) => (change.at ?? now).toISOString());
  const requestId = currentContext()?.requestId ?? null;
  await tx.$executeRaw`
    WITH e AS (
      SELECT * FROM unnest(${changes.map((c) => c.contract.id)}::text[], ${changes.map((c) => c.contract.organizationId)}::text[], ${changes.map((c) => c.from)}::int[],
                           ${changes.map((c) => c.to)}::int[], ${changes.map((c) => c.source)}::text[], ${changes.map((c) => c.actorId ?? null)}::text[],
                           ${changes.map((c) => c.actorLabel ?? null)}::text[], ${changes.map((c) => c.note ?? null)}::text[], ${at}::text[])
        AS e(contract, org, from_status, to_status, source, actor, label, note, at)
    ), timeline AS (
      INSERT INTO "ContractEvent" ("id", "contractId", "kind", "fromStatus", "toStatus", "source", "actorId", "actorLabel", "note", "at")
      SELECT gen_random_uuid()::text, e.contract, 'status', e.from_status, e.to_status, e.source::"EventSource", e.actor, e.label, e.note, e.at::timestamp FROM e
    )
    INSERT INTO "AuditEvent" ("id", "organizationId", "actorId", "action", "entityType", "entityId", "requestId", "data", "at")
    SELECT gen_random_uuid()::text, e.org, e.actor, 'contract.status', 'Contract', e.contract, ${requestId}, jsonb_build_object('from', e.from_status, 'to', e.to_status, 'source', e.source), e.at::timestamp
    FROM e`;
}

/**
 * What follows a status change once its timeline and audit rows are written (writeStatusRows, or
 * the statement that inserted the contracts, see insertProviderContracts): the advisor's
 * notifications, the live events and the webhook outbox rows, a handful of statements per chunk.
 */
export async function announceStatusChanges(tx: Tx, changes: readonly StatusChange[], alsoChanged: ReadonlyArray<ContractRef & { status: number }> = []): Promise<void> {
  if (changes.length === 0 && alsoChanged.length === 0) return;
  const notify = changes.filter((change) => NOTIFY_SOURCES.has(change.source) && change.actorId !== change.contract.advisorId && change.from !== null);
  if (notify.length > 0) {
    const names = await tx.$queryRaw<Array<{ id: string; client: string | null; product: string | null }>>`
      SELECT c."id", cl."displayName" AS "client", p."name" AS "product"
      FROM "Contract" c JOIN "Client" cl ON cl."id" = c."clientId" LEFT JOIN "Product" p ON p."id" = c."productId"
      WHERE c."id" = ANY(${notify.map((change) => change.contract.id)}::text[])`;
    const byId = new Map(names.map((row) => [row.id, row]));
    const rows = notify.map((change) => {
      const row = byId.get(change.contract.id);
      return {
        userId: change.contract.advisorId,
        contractId: change.contract.id,
        // A message, read in the advisor's language by the bell (nested: the status name).
        title: storeMessage({
          key: row?.product ? "status.notification.titleWithProduct" : "status.notification.title",
          values: { status: statusLabelMsg(change.to), client: row?.client ?? msg("status.notification.someClient"), ...(row?.product ? { product: row.product } : {}) },
        }),
        body: change.note ?? null,
      };
    });
    const created = await tx.$queryRaw<Array<{ id: string; userId: string }>>`
      INSERT INTO "Notification" ("id", "userId", "contractId", "kind", "title", "body", "createdAt")
      SELECT gen_random_uuid()::text, n.user_id, n.contract, 'contract.status', n.title, n.body, ${new Date().toISOString()}::timestamp
      FROM unnest(${rows.map((r) => r.userId)}::text[], ${rows.map((r) => r.contractId)}::text[], ${rows.map((r) => r.title)}::text[], ${rows.map((r) => r.body)}::text[])
        WITH ORDINALITY AS n(user_id, contract, title, body, ord)
      ORDER BY n.ord
      RETURNING "id", "userId"`;
    const organizationOf = new Map(notify.map((change) => [change.contract.advisorId, change.contract.organizationId]));
    const lastPerUser = new Map(created.map((row) => [row.userId, row.id]));
    for (const [userId, notificationId] of lastPerUser) {
      await publishEvent(tx, { type: "notification.created", organizationId: organizationOf.get(userId)!, userId, notificationId });
    }
  }
  // Contracts that changed without a status change (a new premium, a new version) are told in the same live events.
  await publishContractChanges(tx, [...changes.map((change) => ({ ...change.contract, status: change.to })), ...alsoChanged]);
  await emitContractStatusEvents(tx, changes);
}

export async function recordHappening(tx: Tx, happening: ContractHappening): Promise<void> {
  const { contract } = happening;
  await tx.contractEvent.create({
    data: {
      contractId: contract.id,
      kind: happening.kind,
      fromStatus: happening.status,
      toStatus: happening.status,
      source: happening.source,
      actorId: happening.actorId ?? null,
      actorLabel: happening.actorLabel ?? null,
      note: happening.note ?? null,
      at: happening.at ?? new Date(),
    },
  });
  await tx.auditEvent.create({
    data: { organizationId: contract.organizationId, actorId: happening.actorId ?? null, action: `contract.${happening.kind}`, entityType: "Contract", entityId: contract.id, data: { source: happening.source } },
  });
  await publishContractChanges(tx, [{ ...contract, status: happening.status }]);
}

// A NOTIFY payload is limited to 8,000 bytes: a few contracts are named, a sync chunk is one event per advisor.
const NAMED_EVENTS = 20;

/** Live events for changed contracts, sent on commit: one per contract for a few, one per advisor for a chunk. */
export async function publishContractChanges(tx: Tx, contracts: ReadonlyArray<ContractRef & { status: number }>): Promise<void> {
  const unique = [...new Map(contracts.map((c) => [c.id, c])).values()];
  if (unique.length <= NAMED_EVENTS) {
    for (const c of unique) await publishEvent(tx, { type: "contract.updated", organizationId: c.organizationId, advisorId: c.advisorId, contractId: c.id, status: c.status });
    return;
  }
  const groups = new Map<string, { organizationId: string; advisorId: string; count: number }>();
  for (const c of unique) {
    const key = `${c.organizationId}:${c.advisorId}`;
    const group = groups.get(key) ?? { organizationId: c.organizationId, advisorId: c.advisorId, count: 0 };
    group.count++;
    groups.set(key, group);
  }
  for (const group of groups.values()) await publishEvent(tx, { type: "contracts.updated", ...group });
}
