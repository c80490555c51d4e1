/** Contract rows: the record jsonb plus the columns the API filters on and the flow needs. */
import type { Queryable } from "../db/pool";
import { NEXT_UPDATED_AT_SQL, NOW_MS_SQL, RECORD_SQL } from "./records";

export interface ContractRow {
  id: string;
  consumerId: string;
  holderId: string;
  productId: string;
  status: number;
  /** Bumped whenever the flow moves; a delayed step for an older value is stale. */
  flowSeq: number;
  /** The record without id and updatedAt. */
  record: Record<string, unknown>;
}

function toRow(row: Record<string, unknown>): ContractRow {
  return {
    id: row.id as string,
    consumerId: row.consumer_id as string,
    holderId: row.holder_id as string,
    productId: row.product_id as string,
    status: row.status as number,
    flowSeq: row.flow_seq as number,
    record: row.record as Record<string, unknown>,
  };
}

export async function lockContract(db: Queryable, id: string, consumerId?: string): Promise<ContractRow | undefined> {
  const { rows } = await db.query(
    `select id, consumer_id, holder_id, product_id, status, flow_seq, record from contracts
     where id = $1 and ($2::text is null or consumer_id = $2) for update`,
    [id, consumerId ?? null],
  );
  return rows[0] ? toRow(rows[0]) : undefined;
}

/** Inserts a contract; returns its wire record. */
export async function insertContract(db: Queryable, row: ContractRow): Promise<Record<string, unknown>> {
  const { rows } = await db.query(
    `insert into contracts (id, consumer_id, holder_id, product_id, status, flow_seq, record, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, ${NOW_MS_SQL}) returning ${RECORD_SQL} as record`,
    [row.id, row.consumerId, row.holderId, row.productId, row.status, row.flowSeq, JSON.stringify({ ...row.record, status: row.status })],
  );
  return rows[0].record as Record<string, unknown>;
}

/** Writes the new state of a contract; returns its wire record (with the new updatedAt). */
export async function updateContract(db: Queryable, row: ContractRow): Promise<Record<string, unknown>> {
  const { rows } = await db.query(
    `update contracts set status = $2, flow_seq = $3, record = $4, updated_at = ${NEXT_UPDATED_AT_SQL}
     where id = $1 returning ${RECORD_SQL} as record`,
    [row.id, row.status, row.flowSeq, JSON.stringify({ ...row.record, status: row.status })],
  );
  return rows[0].record as Record<string, unknown>;
}

export async function recordEvent(db: Queryable, contractId: string, from: number | null, to: number, actor: "consumer" | "provider" | "admin", note?: string | null) {
  await db.query("insert into contract_events (contract_id, from_status, to_status, actor, note) values ($1, $2, $3, $4, $5)", [
    contractId,
    from,
    to,
    actor,
    note ?? null,
  ]);
}

/** propose: 130/420 (or 110); activate: 320 (or the dialect's status before it); after-active: the dialect's status after 320. */
export type StepKind = "propose" | "activate" | "after-active";

export async function scheduleStep(db: Queryable, contractId: string, kind: StepKind, flowSeq: number, delayMs: number): Promise<Date> {
  const { rows } = await db.query(
    `insert into scheduled_steps (contract_id, kind, flow_seq, due_at) values ($1, $2, $3, clock_timestamp() + $4 * interval '1 millisecond') returning due_at`,
    [contractId, kind, flowSeq, delayMs],
  );
  return rows[0].due_at as Date;
}
