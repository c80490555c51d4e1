import type { Queryable } from "../db/pool";
import type { IdStyle } from "../dialects/table";
import { newId } from "../ids";
import { NOW_MS_SQL, RECORD_SQL } from "./records";

export interface StoredClient {
  id: string;
  record: Record<string, unknown>;
}

export async function insertClient(db: Queryable, consumerId: string, record: Record<string, unknown>, idStyle: IdStyle = "opaque"): Promise<Record<string, unknown>> {
  const { rows } = await db.query(
    `insert into clients (id, consumer_id, record, updated_at) values ($1, $2, $3, ${NOW_MS_SQL}) returning ${RECORD_SQL} as record`,
    [newId("cl", idStyle), consumerId, JSON.stringify(record)],
  );
  return rows[0].record as Record<string, unknown>;
}

export async function getClient(db: Queryable, consumerId: string, id: string): Promise<Record<string, unknown> | undefined> {
  const { rows } = await db.query(`select ${RECORD_SQL} as record from clients where consumer_id = $1 and id = $2`, [consumerId, id]);
  return rows[0]?.record as Record<string, unknown> | undefined;
}

export function clientDisplayName(client: Record<string, unknown>): string {
  if (client.type === "company") return String(client.companyName ?? "Company");
  return [client.firstName, client.lastName].filter((part) => typeof part === "string" && part).join(" ") || "Client";
}
