/**
 * Reads shared by the five record types. Answers are built by PostgreSQL as JSON text (json_agg),
 * so 50,000 ids or 500 records go from the database to the socket without a parse/serialise round.
 */
import type { RecordType } from "../../lib/finum";
import type { Queryable } from "../db/pool";

const TABLES: Record<RecordType, { table: string; perConsumer: boolean }> = {
  contract: { table: "contracts", perConsumer: true },
  client: { table: "clients", perConsumer: true },
  product: { table: "products", perConsumer: false },
  user: { table: "users", perConsumer: true },
  file: { table: "files", perConsumer: true },
};

/** The record as sent on the wire: the stored jsonb with id and updatedAt from their columns. */
export const RECORD_SQL = "(record || jsonb_build_object('id', id, 'updatedAt', finum_ts(updated_at)))";

function scope(type: RecordType, firstParam: number): { where: string; params: (consumerId: string) => unknown[] } {
  return TABLES[type].perConsumer
    ? { where: `consumer_id = $${firstParam}`, params: (consumerId) => [consumerId] }
    : { where: "true", params: () => [] };
}

/** JSON array text of ids changed at or after `since`, oldest change first. */
export async function idListUpdatedJson(db: Queryable, type: RecordType, consumerId: string, since: Date): Promise<string> {
  const { table } = TABLES[type];
  const { where, params } = scope(type, 2);
  const { rows } = await db.query(
    `select coalesce(json_agg(id order by updated_at, id), '[]')::text as json from ${table} where updated_at >= $1 and ${where}`,
    [since, ...params(consumerId)],
  );
  return rows[0].json as string;
}

/** JSON array text of the records with these ids; unknown ids are omitted. */
export async function listByIdsJson(db: Queryable, type: RecordType, consumerId: string, ids: string[]): Promise<string> {
  const { table } = TABLES[type];
  const { where, params } = scope(type, 2);
  const { rows } = await db.query(
    `select coalesce(json_agg(${RECORD_SQL} order by updated_at, id), '[]')::text as json from ${table} where id = any($1::text[]) and ${where}`,
    [ids, ...params(consumerId)],
  );
  return rows[0].json as string;
}

export async function contractsOfHolderJson(db: Queryable, consumerId: string, holderId: string): Promise<string> {
  const { rows } = await db.query(
    `select coalesce(json_agg(${RECORD_SQL} order by updated_at, id), '[]')::text as json from contracts where consumer_id = $1 and holder_id = $2`,
    [consumerId, holderId],
  );
  return rows[0].json as string;
}

/** The next updated_at of a record: now (ms precision), but always after the previous value. */
export const NEXT_UPDATED_AT_SQL = "greatest(date_trunc('milliseconds', clock_timestamp()), updated_at + interval '1 millisecond')";
export const NOW_MS_SQL = "date_trunc('milliseconds', clock_timestamp())";
