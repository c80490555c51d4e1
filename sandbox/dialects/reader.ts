/**
 * The incoming side of a dialect: how this provider reads a write's body before the shared
 * request schemas check it. Consumers always send FINUM.md's standard request shape; a dialect
 * may accept more (numeric ids) or ignore things (the consumer's `_` fields), as a real one would.
 */
import type { Dialect } from "./table";

const ID_FIELDS = ["id", "holderId", "productId"] as const;

export function readWriteBody(dialect: Dialect, body: unknown): unknown {
  if (!body || typeof body !== "object" || Array.isArray(body)) return body;
  let out = { ...(body as Record<string, unknown>) };
  if (!dialect.reader.keepConsumerExtensions) out = Object.fromEntries(Object.entries(out).filter(([key]) => !key.startsWith("_")));
  if (dialect.reader.acceptNumericIds) {
    for (const field of ID_FIELDS) if (Number.isSafeInteger(out[field])) out[field] = String(out[field]);
  }
  return out;
}
