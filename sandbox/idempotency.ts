/**
 * Idempotency-Key on writes (FINUM.md, "Writes"): the key row is inserted in the transaction of
 * the write itself. A concurrent retry with the same key waits on the unique key until the first
 * commits, then gets the stored response; a failed write rolls back and leaves the key unused.
 */
import { createHash } from "node:crypto";
import { CONFLICT_CODES } from "../lib/finum";
import { inTransaction, type Db, type Tx } from "./db/pool";
import { badRequest, conflict } from "./http/errors";

export interface WriteResult {
  status: number;
  body: unknown;
  replayed?: boolean;
}

/** JSON with sorted keys: the same body in another key order is the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash("sha256").update(`${method} ${path}\n${canonicalJson(body)}`).digest("hex");
}

export async function idempotentWrite(
  db: Db,
  consumerId: string,
  key: string | undefined,
  hash: string,
  write: (tx: Tx) => Promise<WriteResult>,
): Promise<WriteResult> {
  if (key === undefined) return inTransaction(db, write);
  if (key.length < 1 || key.length > 200 || !/^[\x21-\x7e]+$/.test(key)) {
    throw badRequest("Idempotency-Key must be 1-200 visible ASCII characters", [{ field: "Idempotency-Key", message: "invalid" }]);
  }
  return inTransaction(db, async (tx) => {
    const inserted = await tx.query(
      `insert into idempotency_keys (consumer_id, key, request_hash, status_code, response) values ($1, $2, $3, 0, 'null')
       on conflict do nothing`,
      [consumerId, key, hash],
    );
    if (inserted.rowCount === 0) {
      const { rows } = await tx.query("select request_hash, status_code, response from idempotency_keys where consumer_id = $1 and key = $2", [consumerId, key]);
      const stored = rows[0];
      if (!stored || stored.request_hash !== hash) {
        throw conflict(CONFLICT_CODES.idempotencyKeyReused, "This Idempotency-Key was used with a different request");
      }
      return { status: stored.status_code as number, body: stored.response, replayed: true };
    }
    const result = await write(tx);
    await tx.query("update idempotency_keys set status_code = $3, response = $4 where consumer_id = $1 and key = $2", [
      consumerId,
      key,
      result.status,
      JSON.stringify(result.body),
    ]);
    return result;
  });
}
