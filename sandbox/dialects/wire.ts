/**
 * The outgoing side of a dialect: records, id lists, error bodies, the auth-status body and
 * callback bodies as this provider writes them. The store keeps FINUM.md's shape; only here
 * does a dialect change what goes on the wire. `standard` passes everything through untouched.
 */
import type { CallbackBody, RecordType } from "../../lib/finum";
import { errorBody } from "../../lib/finum";
import type { HttpError } from "../http/errors";
import { fieldForWire } from "./products";
import type { Dialect, ErrorFormat } from "./table";

type Json = Record<string, unknown>;

export function formatTimestamp(dialect: Dialect, iso: string): string {
  switch (dialect.timestamps) {
    case "ms-z":
      return iso;
    case "seconds-z":
      return iso.replace(/\.\d+Z$/, "Z");
    case "ms-offset":
      return iso.replace(/Z$/, "+00:00");
  }
}

/** A short all-digit id (no leading zero, safe as a JSON number) of a type the dialect sends as numbers. */
function idValue(dialect: Dialect, type: RecordType, id: unknown): unknown {
  if (typeof id === "string" && dialect.numericIdTypes.includes(type) && /^[1-9]\d{0,14}$/.test(id)) return Number(id);
  return id;
}

const FILE_REFERENCES = ["proposalFileId", "policyFileId"] as const;
const TOP_LEVEL_FILE_FIELDS = ["proposalFileId", "proposalVersion", "policyFileId"] as const;

function contractForWire(dialect: Dialect, record: Json): Json {
  const out: Json = { ...record };
  const data = { ...((record.data as Json | undefined) ?? {}) };
  for (const name of FILE_REFERENCES) if (name in data) data[name] = idValue(dialect, "file", data[name]);
  const premium = record.premium as { amount: number } | null | undefined;
  if (premium && typeof premium === "object") {
    if (dialect.premium === "number") out.premium = premium.amount;
    if (dialect.premium === "numeric-string") out.premium = premium.amount.toFixed(2);
  }
  if (dialect.proposalFile === "top-level") {
    for (const name of TOP_LEVEL_FILE_FIELDS) {
      if (name in data) {
        out[name] = data[name];
        delete data[name];
      }
    }
  }
  out.data = data;
  return out;
}

function recordForWire(dialect: Dialect, type: RecordType, record: Json): Json {
  let out: Json = type === "contract" ? contractForWire(dialect, record) : { ...record };
  if (type === "file" && dialect.fileContentTypeField !== "contentType" && "contentType" in out) {
    out[dialect.fileContentTypeField] = out.contentType;
    delete out.contentType;
  }
  if (type === "product" && Array.isArray(out.fields)) {
    out.fields = (out.fields as Json[]).map((field) => fieldForWire(dialect, String(out.line ?? ""), field));
  }
  for (const [flat, { into, key }] of Object.entries(dialect.nestedExtensions)) {
    if (!(flat in out)) continue;
    const nested = { ...((out[into] as Json | undefined) ?? {}), [key]: out[flat] };
    delete out[flat];
    out[into] = nested;
  }
  if (dialect.omitNulls) out = Object.fromEntries(Object.entries(out).filter(([, value]) => value !== null));
  out = { ...out, ...(dialect.extraFields[type] ?? {}) };
  out.id = idValue(dialect, type, out.id);
  if (typeof out.updatedAt === "string") out.updatedAt = formatTimestamp(dialect, out.updatedAt);
  return out;
}

const passesThrough = (dialect: Dialect) => dialect.name === "standard";

/** One record (a write's answer) as this dialect sends it. */
export function wireRecord(dialect: Dialect, type: RecordType, record: unknown): unknown {
  if (passesThrough(dialect) || !record || typeof record !== "object") return record;
  return recordForWire(dialect, type, record as Json);
}

/** A JSON array of records (built by PostgreSQL) as this dialect sends it. */
export function wireRecordsJson(dialect: Dialect, type: RecordType, json: string): string {
  if (passesThrough(dialect)) return json;
  return JSON.stringify((JSON.parse(json) as Json[]).map((record) => recordForWire(dialect, type, record)));
}

/** A JSON array of ids as this dialect sends it (short digit ids as numbers where it does so). */
export function wireIdListJson(dialect: Dialect, type: RecordType, json: string): string {
  if (passesThrough(dialect) || !dialect.numericIdTypes.includes(type)) return json;
  return JSON.stringify((JSON.parse(json) as string[]).map((id) => idValue(dialect, type, id)));
}

export interface WireBody {
  status: number;
  contentType?: string;
  body: string;
  headers: Record<string, string>;
}

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Content Too Large",
  414: "URI Too Long",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
};

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);

/** `data.sumInsured` → `#/data/sumInsured` (RFC 6901 JSON Pointer in a URI fragment). */
const pointer = (field: string) => "#/" + field.split(".").map((part) => part.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");

export function errorFormatFor(dialect: Dialect, status: number): ErrorFormat {
  return dialect.errors.byStatus?.[status] ?? dialect.errors.format;
}

/** An error answer (status, code, message, field details, headers) in this dialect's error format. */
export function wireError(dialect: Dialect, error: Pick<HttpError, "status" | "code" | "message" | "details" | "headers">): WireBody {
  const { status, code, message, details, headers } = error;
  const reason = REASONS[status] ?? "Error";
  switch (errorFormatFor(dialect, status)) {
    case "finum":
      return { status, contentType: "application/json; charset=utf-8", body: JSON.stringify(errorBody(code, message, details)), headers };
    case "problem-json":
      return {
        status,
        contentType: "application/problem+json",
        body: JSON.stringify({
          type: `/problems/${code.toLowerCase().replace(/_/g, "-")}`,
          title: reason,
          status,
          detail: message,
          ...(details && details.length > 0 ? { errors: details.map((detail) => ({ pointer: pointer(detail.field), detail: detail.message })) } : {}),
        }),
        headers,
      };
    case "text":
      return {
        status,
        contentType: "text/plain; charset=utf-8",
        body: [`${status} ${reason}: ${message}`, ...(details ?? []).map((detail) => `${detail.field}: ${detail.message}`)].join("\n") + "\n",
        headers,
      };
    case "html":
      return {
        status,
        contentType: "text/html; charset=utf-8",
        body: `<!DOCTYPE html><html><head><title>${status} ${reason}</title></head><body><h1>${reason}</h1><p>${escapeHtml(message)}</p><hr><address>core-gateway</address></body></html>`,
        headers,
      };
    case "empty":
      return { status, body: "", headers };
  }
}

export interface AuthStatusInfo {
  consumerId: string;
  audience: string;
  expiresAt: Date;
}

export function wireAuthStatus(dialect: Dialect, info: AuthStatusInfo): WireBody {
  switch (dialect.authStatus) {
    case "finum":
      return {
        status: 200,
        contentType: "application/json; charset=utf-8",
        body: JSON.stringify({ ok: true, consumerId: info.consumerId, audience: info.audience, expiresAt: info.expiresAt.toISOString() }),
        headers: {},
      };
    case "text-ok":
      return { status: 200, contentType: "text/plain; charset=utf-8", body: "OK", headers: {} };
    case "introspection":
      return {
        status: 200,
        contentType: "application/json; charset=utf-8",
        body: JSON.stringify({ active: true, sub: info.consumerId, aud: info.audience, exp: Math.floor(info.expiresAt.getTime() / 1000) }),
        headers: {},
      };
  }
}

/** The callback body of one status change; `body` is FINUM.md's, possibly already altered by a fault. */
export function wireCallbackBody(dialect: Dialect, body: CallbackBody, context: { statusNote?: unknown; contractNumber?: unknown; sentAt: Date }): Json {
  const base: Json = { ...body, updatedAt: formatTimestamp(dialect, body.updatedAt) };
  switch (dialect.callbackBody) {
    case "finum":
      return base;
    case "event":
      return { event: "contract.status_changed", ...base, statusNote: context.statusNote ?? null, sentAt: formatTimestamp(dialect, context.sentAt.toISOString()) };
    case "cloud-event":
      return {
        specversion: "1.0",
        type: "com.example.contract.status",
        source: "/v1/contract",
        time: formatTimestamp(dialect, context.sentAt.toISOString()),
        ...base,
        data: { contractNumber: context.contractNumber ?? null, statusNote: context.statusNote ?? null },
      };
  }
}
