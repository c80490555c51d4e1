/**
 * Keyset pages: `pageSize` and an opaque `pageToken` holding the last row's sort key. No
 * offsets, so rows inserted while a caller pages neither shift nor repeat the pages. A token
 * is bound to the query it came from (a fingerprint of the filters).
 */
import crypto from "node:crypto";
import { ApiProblem } from "./problem";
import { msg } from "../i18n/message";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 100;

export function pageSizeOf(params: URLSearchParams): number {
  const raw = params.get("pageSize");
  if (raw === null || raw === "") return DEFAULT_PAGE_SIZE;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw new ApiProblem(400, "INVALID_QUERY", msg("apiAdmin.problems.pageSize", { max: MAX_PAGE_SIZE }), { fieldErrors: { pageSize: [msg("apiAdmin.problems.fields.pageSize", { max: MAX_PAGE_SIZE })] } });
  }
  return value;
}

export function fingerprintOf(query: unknown): string {
  return crypto.createHash("sha256").update(JSON.stringify(query)).digest("base64url").slice(0, 12);
}

export function encodePageToken(values: Array<string | number>, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ v: values, f: fingerprint }), "utf8").toString("base64url");
}

const invalidToken = () => new ApiProblem(400, "INVALID_PAGE_TOKEN", "apiAdmin.problems.pageToken", { fieldErrors: { pageToken: ["apiAdmin.problems.fields.pageToken"] } });

/** The last row's sort key from a token, checked against the current query's fingerprint. */
export function decodePageToken(token: string | null, fingerprint: string, shape: Array<"date" | "string">): Array<Date | string> | null {
  if (token === null || token === "") return null;
  if (!/^[A-Za-z0-9_-]{1,1000}$/.test(token)) throw invalidToken();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw invalidToken();
  }
  const { v, f } = (parsed ?? {}) as { v?: unknown; f?: unknown };
  if (f !== fingerprint || !Array.isArray(v) || v.length !== shape.length) throw invalidToken();
  return shape.map((kind, index) => {
    const value = v[index];
    if (typeof value !== "string" || value.length > 200) throw invalidToken();
    if (kind === "string") return value;
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) throw invalidToken();
    return date;
  });
}

export interface Page<T> {
  data: T[];
  /** Pass as pageToken for the next page; null on the last page. */
  nextPageToken: string | null;
}

/** Cuts the extra row fetched to learn whether another page follows. */
export function pageOf<R, T>(rows: R[], pageSize: number, keyOf: (row: R) => Array<string | number>, fingerprint: string, map: (row: R) => T): Page<T> {
  const page = rows.slice(0, pageSize);
  const last = page[page.length - 1];
  return { data: page.map(map), nextPageToken: rows.length > pageSize && last ? encodePageToken(keyOf(last), fingerprint) : null };
}
