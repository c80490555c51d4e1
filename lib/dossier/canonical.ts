/**
 * The canonical JSON of an evidence record: object keys sorted (by UTF-16 code unit, recursively),
 * no whitespace, `undefined` dropped, dates as ISO 8601 strings in UTC. Its UTF-8 bytes are what
 * the dossier's SHA-256 covers, so anyone holding the JSON file can recompute it with any tool
 * (`sha256sum dossier-evidence.json`).
 */
import crypto from "node:crypto";

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

function normalise(value: unknown): Json | undefined {
  if (value === undefined || typeof value === "function") return undefined;
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (Array.isArray(value)) return value.map((item) => normalise(item) ?? null);
  // Prisma's Decimal and anything else with its own string form.
  if (typeof value === "object" && !isPlainObject(value) && typeof (value as { toString?: unknown }).toString === "function") return String(value);
  const out: { [key: string]: Json } = {};
  for (const key of Object.keys(value as object).sort()) {
    const item = normalise((value as Record<string, unknown>)[key]);
    if (item !== undefined) out[key] = item;
  }
  return out;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The canonical text: parse(canonicalJson(x)) has sorted keys at every level, so re-serialising it gives the same bytes. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value) ?? null);
}

export function sha256Hex(data: string | Uint8Array): string {
  return crypto.createHash("sha256").update(data).digest("hex");
}
