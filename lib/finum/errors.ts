/** The error body of every non-2xx answer (FINUM.md, "Errors [ours]"). */
import { z } from "zod";

export const ERROR_CODES = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  414: "TOO_MANY_IDS",
  422: "VALIDATION_FAILED",
  429: "RATE_LIMITED",
  500: "INTERNAL_ERROR",
  503: "UNAVAILABLE",
} as const;

/** More specific codes used with 409. */
export const CONFLICT_CODES = {
  invalidTransition: "INVALID_STATUS_TRANSITION",
  idempotencyKeyReused: "IDEMPOTENCY_KEY_REUSED",
} as const;

export const errorDetailSchema = z.object({ field: z.string(), message: z.string() });

export const errorBodySchema = z
  .object({
    error: z.looseObject({
      code: z.string().regex(/^[A-Z][A-Z0-9_]*$/, "UPPER_SNAKE"),
      message: z.string(),
      details: z.array(errorDetailSchema).optional(),
    }),
  })
  .meta({ description: "Body of every non-2xx answer." });

export type ErrorDetail = z.infer<typeof errorDetailSchema>;
export type ErrorBody = z.infer<typeof errorBodySchema>;

export function errorBody(code: string, message: string, details?: ErrorDetail[]): ErrorBody {
  return { error: details && details.length > 0 ? { code, message, details } : { code, message } };
}

/** Zod issues as FINUM error details: `field` is the dotted path. */
export function issuesToDetails(issues: readonly { path: readonly PropertyKey[]; message: string }[], prefix = ""): ErrorDetail[] {
  return issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "(body)",
    message: issue.message,
  }));
}

/** What a provider's error answer says, whatever its shape: a readable message and field details. */
export interface ProviderErrorBody {
  /** FINUM's UPPER_SNAKE code when the body had one, otherwise HTTP_<status>. */
  code: string;
  /** One line of plain text, never markup, at most MAX_ERROR_MESSAGE characters. */
  message: string;
  details: ErrorDetail[];
}

const MAX_ERROR_MESSAGE = 300;
const MAX_ERROR_DETAILS = 50;

const STATUS_TEXT: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  413: "Request too large",
  414: "Request URL too long",
  422: "The request was not valid",
  429: "Too many requests",
  500: "Internal server error",
  502: "Bad gateway",
  503: "Service unavailable",
  504: "Gateway timeout",
};

/** One line: control characters and runs of whitespace become single spaces; long texts are cut. */
function oneLine(text: string): string {
  const flat = text.replace(/[\u0000-\u001f\u007f\s]+/g, " ").trim();
  return flat.length > MAX_ERROR_MESSAGE ? `${flat.slice(0, MAX_ERROR_MESSAGE - 1)}…` : flat;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** An HTML page as a short text: its title or first heading, else its visible text. Never markup. */
export function textOfHtml(html: string): string {
  const decode = (text: string) =>
    text
      .replace(/<[^>]*>/g, " ")
      .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (entity, name: string) => {
        if (name.startsWith("#x") || name.startsWith("#X")) return String.fromCodePoint(Number.parseInt(name.slice(2), 16) || 32);
        if (name.startsWith("#")) return String.fromCodePoint(Number(name.slice(1)) || 32);
        return ENTITIES[name.toLowerCase()] ?? entity;
      })
      .replace(/[<>]/g, " ");
  const withoutCode = html.replace(/<(script|style|head|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, (block, tag: string) => (tag.toLowerCase() === "head" ? (/<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(block)?.[0] ?? "") : " "));
  const heading = /<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(withoutCode)?.[1];
  const title = /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(withoutCode)?.[1];
  const body = withoutCode.replace(/<title\b[^>]*>[\s\S]*?<\/title>/gi, " ");
  for (const candidate of [heading, title, body]) {
    const text = candidate === undefined ? "" : oneLine(decode(candidate));
    if (text) return text;
  }
  return "";
}

/** `/data/coverage` (JSON Pointer), `#/data/coverage`, `data[coverage]` and `data.coverage` all name `data.coverage`. */
function fieldPath(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim().replace(/^#/, "");
  if (trimmed.startsWith("/")) return trimmed.slice(1).split("/").map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~")).join(".");
  return trimmed.replace(/\[(\w+)\]/g, ".$1").replace(/^\./, "");
}

const asString = (value: unknown): string | undefined => (typeof value === "string" && value.trim() ? value : typeof value === "number" ? String(value) : undefined);

/** One field detail from the many shapes providers use: {field|name|pointer|path|param, message|detail|reason|title}. */
function detailOf(item: unknown, fallbackField?: string): ErrorDetail | undefined {
  if (typeof item === "string") return fallbackField !== undefined ? { field: fallbackField, message: oneLine(item) } : undefined;
  if (!item || typeof item !== "object") return undefined;
  const record = item as Record<string, unknown>;
  const source = record.source && typeof record.source === "object" ? (record.source as Record<string, unknown>) : {};
  const field = fieldPath(record.field ?? record.name ?? record.pointer ?? record.path ?? record.param ?? record.property ?? source.pointer ?? source.parameter) ?? fallbackField;
  const message = asString(record.message ?? record.detail ?? record.reason ?? record.title ?? record.description);
  if (field === undefined || message === undefined) return undefined;
  return { field, message: oneLine(message) };
}

/** Details as a list (`[{field, message}]`) or a map (`{ field: ["message"] }` / `{ field: "message" }`). */
function detailsOf(value: unknown): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      const detail = detailOf(item);
      if (detail) out.push(detail);
    }
  } else if (value && typeof value === "object") {
    for (const [field, messages] of Object.entries(value as Record<string, unknown>)) {
      for (const message of Array.isArray(messages) ? messages : [messages]) {
        const detail = detailOf(message, fieldPath(field));
        if (detail) out.push(detail);
      }
    }
  }
  return out.slice(0, MAX_ERROR_DETAILS);
}

function fromJson(json: unknown): Omit<ProviderErrorBody, "code"> & { code?: string } | undefined {
  if (!json || typeof json !== "object" || Array.isArray(json)) return typeof json === "string" && json.trim() ? { message: oneLine(json), details: [] } : undefined;
  const body = json as Record<string, unknown>;
  // FINUM.md's shape, leniently: { error: { code, message, details } } or { error: "text" }.
  if (body.error && typeof body.error === "object" && !Array.isArray(body.error)) {
    const inner = body.error as Record<string, unknown>;
    const message = asString(inner.message) ?? asString(inner.detail) ?? asString(inner.title);
    const details = detailsOf(inner.details ?? inner.errors ?? inner.fields);
    if (message !== undefined || details.length) return { code: asString(inner.code), message: oneLine(message ?? ""), details };
  }
  // RFC 9457 problem details: title, detail, and field errors under `errors` or `invalid-params`.
  const details = detailsOf(body["invalid-params"] ?? body.invalidParams ?? body.errors ?? body.details ?? body.violations);
  const title = asString(body.title);
  const detail = asString(body.detail);
  const message = asString(body.message) ?? asString(body.error) ?? asString(body.error_description);
  const text = detail && title && !detail.includes(title) ? `${title}: ${detail}` : (detail ?? title ?? message);
  if (text !== undefined || details.length) return { code: asString(body.code), message: oneLine(text ?? ""), details };
  return undefined;
}

/**
 * Reads any provider error body: FINUM.md's `{error:{code,message,details}}`, RFC 9457 problem
 * details, other JSON, HTML (reduced to a short text), plain text or nothing. Always gives a message.
 */
export function readErrorBody(status: number, bytes: Uint8Array, contentType?: string | null): ProviderErrorBody {
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 64 * 1024)).replace(/^\uFEFF/, "");
  const fallbackCode = `HTTP_${status}`;
  const fallbackMessage = `${status} ${STATUS_TEXT[status] ?? (status >= 500 ? "Server error" : "Error")}`;
  let parsed: ReturnType<typeof fromJson>;
  const looksJson = /json/i.test(contentType ?? "") || /^\s*[[{"]/.test(text);
  if (looksJson) {
    try {
      parsed = fromJson(JSON.parse(text));
    } catch {
      parsed = undefined;
    }
  }
  if (parsed) {
    const code = parsed.code && /^[A-Za-z][A-Za-z0-9_.-]*$/.test(parsed.code) ? parsed.code.toUpperCase().replace(/[.-]/g, "_") : fallbackCode;
    const message = parsed.message || (parsed.details.length ? parsed.details.map((d) => `${d.field}: ${d.message}`).join("; ") : fallbackMessage);
    return { code, message: oneLine(message), details: parsed.details };
  }
  const isHtml = /html|xml/i.test(contentType ?? "") || /^\s*<(!doctype|html|head|body|\?xml|[a-z]+[\s>])/i.test(text);
  const plain = isHtml ? textOfHtml(text) : oneLine(text);
  return { code: fallbackCode, message: plain || fallbackMessage, details: [] };
}
