/**
 * The portal's client for one FiNUM provider (FINUM.md): bearer JWT, timeouts, retries, request and
 * correlation ids, every answer parsed with the shared wire schemas, one error mapping.
 * Framework-free on purpose (no Prisma, no Next): the caller passes `onCall` to record attempts.
 */
import crypto, { type KeyObject } from "node:crypto";
import { SignJWT } from "jose";
import { MAX_IDS_PER_LIST_CALL, type RecordType } from "./common";
import { errorBodySchema } from "./errors";
import type { CreateClientRequest, CreateContractRequest, PatchContractRequest } from "./requests";
import { readIdList, readRecord, readRecords, type ClientRead, type ContractRead, type ReadOf, type ReadOutcome } from "./read";
import { ProviderAuthError, ProviderError, ProviderRejectedError, ProviderResponseError, ProviderUnavailableError } from "./client-errors";

export * from "./client-errors";

/** One HTTP attempt, as recorded in the integration log. Never carries the token or the key. */
export interface ProviderCall {
  provider: string;
  operation: string;
  method: "GET" | "POST" | "PATCH";
  /** Path and query; long id lists are shortened. */
  path: string;
  status: number | null;
  durationMs: number;
  requestId: string;
  correlationId: string;
  idempotencyKey: string | null;
  /** 1 for the first try. */
  attempt: number;
  error: string | null;
}

export interface FinumClientConfig {
  /** The provider's display name, used in error messages. */
  name: string;
  baseUrl: string;
  consumerId: string;
  audience: string;
  keyId?: string | null;
  privateKeyPem: string;
  /** Per attempt, including reading the body. */
  timeoutMs?: number;
  /** Retries after the first attempt. */
  maxRetries?: number;
  /** Backoff: full jitter over min(retryMaxDelayMs, retryBaseMs · 2^attempt). */
  retryBaseMs?: number;
  retryMaxDelayMs?: number;
  /** A longer Retry-After than this is not waited for: the call fails at once with retryAfterSeconds. */
  maxRetryAfterSeconds?: number;
  onCall?: (call: ProviderCall) => void | Promise<void>;
  fetch?: typeof fetch;
}

export interface ReadOptions {
  correlationId?: string;
}

export interface WriteOptions {
  /** Required: it is what makes a retried write safe (the provider answers a repeat with the original). */
  idempotencyKey: string;
  correlationId?: string;
}

export interface AuthStatus {
  ok: true;
  /** What the provider says about us, when its answer says anything (the body is not in the spec). */
  consumerId?: string;
  audience?: string;
  expiresAt?: string;
  body: unknown;
}

export interface FinumClient {
  readonly name: string;
  readonly baseUrl: string;
  authStatus(options?: ReadOptions): Promise<AuthStatus>;
  idListUpdated(type: RecordType, since: Date, options?: ReadOptions): Promise<string[]>;
  /**
   * Records by id, in chunks of at most 500 ids per call; unknown ids are simply missing. Read
   * tolerantly (lib/finum/read.ts): unusable records are skipped, surprises are warnings.
   */
  list<T extends RecordType>(type: T, ids: readonly string[], options?: ReadOptions): Promise<ReadOutcome<ReadOf<T>>>;
  contractsOfHolder(holderId: string, options?: ReadOptions): Promise<ReadOutcome<ContractRead>>;
  fileContent(fileId: string, options?: ReadOptions): Promise<{ bytes: Buffer; contentType: string }>;
  createClient(body: CreateClientRequest, options: WriteOptions): Promise<ClientRead>;
  createContract(body: CreateContractRequest, options: WriteOptions): Promise<ContractRead>;
  patchContract(body: PatchContractRequest, options: WriteOptions): Promise<ContractRead>;
}

const TOKEN_LIFETIME_SECONDS = 3600;
/** Sign a new token this long before the cached one expires. */
const TOKEN_RENEW_BEFORE_SECONDS = 300;

/** Exponential backoff with full jitter: a uniform delay in [0, min(max, base · 2^attempt)). `attempt` starts at 0. */
export function backoffDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.floor(random() * ceiling);
}

/** Retry-After as seconds: delta-seconds or an HTTP date. Undefined when missing or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** The path as logged: an id list is shortened to its first ids and a count. */
export function loggedPath(path: string, query: Record<string, string>): string {
  const parts = Object.entries(query).map(([name, value]) => {
    if (name === "id-list") {
      const ids = value.split(",");
      const shown = ids.slice(0, 3).join(",");
      return `${name}=${shown}${ids.length > 3 ? `,…(${ids.length} ids)` : ""}`;
    }
    return `${name}=${value.length > 200 ? `${value.slice(0, 200)}…` : value}`;
  });
  return parts.length ? `${path}?${parts.join("&")}` : path;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function algorithmFor(key: KeyObject): "RS256" | "ES256" {
  if (key.asymmetricKeyType === "rsa") return "RS256";
  if (key.asymmetricKeyType === "ec" && key.asymmetricKeyDetails?.namedCurve === "prime256v1") return "ES256";
  throw new Error(`unsupported key type ${key.asymmetricKeyType ?? "unknown"} (use RSA or EC P-256)`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface RequestSpec {
  operation: string;
  method: "GET" | "POST" | "PATCH";
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  correlationId?: string;
  idempotencyKey?: string;
  /** "json" parses the body with `schema`; "bytes" returns the raw bytes. */
  expect: "json" | "bytes";
}

type Attempt =
  | { kind: "ok"; status: number; headers: Headers; bytes: Buffer }
  | { kind: "retryable"; status: number | null; message: string; retryAfterSeconds?: number; cause?: unknown }
  | { kind: "fatal"; error: ProviderError };

export function createFinumClient(config: FinumClientConfig): FinumClient {
  const name = config.name;
  const baseUrl = config.baseUrl.replace(/\/+$/, "");
  const timeoutMs = config.timeoutMs ?? 10_000;
  const maxRetries = config.maxRetries ?? 3;
  const retryBaseMs = config.retryBaseMs ?? 250;
  const retryMaxDelayMs = config.retryMaxDelayMs ?? 5_000;
  const maxRetryAfterSeconds = config.maxRetryAfterSeconds ?? 10;
  const doFetch = config.fetch ?? fetch;

  let signingKey: { key: KeyObject; alg: "RS256" | "ES256" } | undefined;
  let cachedToken: { token: string; exp: number } | undefined;

  async function bearer(operation: string): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    if (cachedToken && cachedToken.exp - now > TOKEN_RENEW_BEFORE_SECONDS) return cachedToken.token;
    if (!signingKey) {
      try {
        const key = crypto.createPrivateKey(config.privateKeyPem);
        signingKey = { key, alg: algorithmFor(key) };
      } catch (error) {
        throw new ProviderAuthError(name, operation, `The private key for ${name} cannot be used: ${(error as Error).message}.`, null, "INVALID_KEY", "");
      }
    }
    const exp = now + TOKEN_LIFETIME_SECONDS;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: signingKey.alg, typ: "JWT", ...(config.keyId ? { kid: config.keyId } : {}) })
      .setIssuer(config.consumerId)
      .setAudience(config.audience)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .sign(signingKey.key);
    cachedToken = { token, exp };
    return token;
  }

  async function record(call: ProviderCall): Promise<void> {
    if (!config.onCall) return;
    try {
      await config.onCall(call);
    } catch {
      // Recording is best effort; the caller's onCall logs its own failures.
    }
  }

  async function attemptOnce(spec: RequestSpec, correlationId: string, attempt: number): Promise<Attempt> {
    const url = new URL(baseUrl + spec.path);
    for (const [key, value] of Object.entries(spec.query ?? {})) url.searchParams.set(key, value);
    const requestId = crypto.randomUUID();
    const headers: Record<string, string> = {
      accept: spec.expect === "json" ? "application/json" : "*/*",
      authorization: `Bearer ${await bearer(spec.operation)}`,
      "x-request-id": requestId,
      "x-correlation-id": correlationId,
    };
    if (spec.idempotencyKey) headers["idempotency-key"] = spec.idempotencyKey;
    if (spec.body !== undefined) headers["content-type"] = "application/json";

    const started = performance.now();
    let status: number | null = null;
    let result: Attempt;
    try {
      const response = await doFetch(url, {
        method: spec.method,
        headers,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      const bytes = Buffer.from(await response.arrayBuffer());
      result = classify(spec, response.status, response.headers, bytes);
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
      const reason = timedOut ? `no answer within ${Math.round(timeoutMs / 100) / 10} s` : networkMessage(error);
      result = { kind: "retryable", status, message: reason, cause: error };
    }
    await record({
      provider: name,
      operation: spec.operation,
      method: spec.method,
      path: loggedPath(spec.path, spec.query ?? {}),
      status,
      durationMs: Math.round(performance.now() - started),
      requestId,
      correlationId,
      idempotencyKey: spec.idempotencyKey ?? null,
      attempt,
      error: result.kind === "ok" ? null : result.kind === "retryable" ? result.message : result.error.message,
    });
    return result;
  }

  function classify(spec: RequestSpec, status: number, headers: Headers, bytes: Buffer): Attempt {
    if (status >= 200 && status < 300) return { kind: "ok", status, headers, bytes };
    if (status === 429 || status >= 500) {
      const retryAfterSeconds = parseRetryAfter(headers.get("retry-after"));
      return { kind: "retryable", status, message: `${status} ${providerMessage(bytes) ?? ""}`.trim(), retryAfterSeconds };
    }
    if (status >= 300 && status < 400) {
      return { kind: "fatal", error: new ProviderResponseError(name, spec.operation, `${name} answered ${spec.operation} with a redirect (${status}), which we do not follow. Check the base URL.`, status) };
    }
    const parsed = errorBodySchema.safeParse(safeJson(bytes));
    const code = parsed.success ? parsed.data.error.code : `HTTP_${status}`;
    const message = parsed.success ? parsed.data.error.message : bytes.toString("utf8").slice(0, 200) || `HTTP ${status}`;
    const details = parsed.success ? (parsed.data.error.details ?? []) : [];
    if (status === 401 || status === 403) {
      return { kind: "fatal", error: new ProviderAuthError(name, spec.operation, `${name} refused our credentials (${status}): ${message}`, status, code, message) };
    }
    return { kind: "fatal", error: new ProviderRejectedError(name, spec.operation, `${name} rejected ${spec.operation}: ${message}`, status, code, message, details) };
  }

  async function request(spec: RequestSpec): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
    const correlationId = spec.correlationId ?? crypto.randomUUID();
    let last: Extract<Attempt, { kind: "retryable" }> | undefined;
    for (let attempt = 0; attempt <= maxRetries; attempt++) {
      const outcome = await attemptOnce(spec, correlationId, attempt + 1);
      if (outcome.kind === "ok") return outcome;
      if (outcome.kind === "fatal") throw outcome.error;
      last = outcome;
      if (attempt === maxRetries) break;
      if (outcome.retryAfterSeconds !== undefined && outcome.retryAfterSeconds > maxRetryAfterSeconds) break;
      const backoff = backoffDelayMs(attempt, retryBaseMs, retryMaxDelayMs);
      await sleep(outcome.retryAfterSeconds !== undefined ? Math.max(outcome.retryAfterSeconds * 1000, backoff) : backoff);
    }
    const attempts = maxRetries + 1;
    const what = last?.status === 429 ? "is rate limiting us" : "is not reachable";
    throw new ProviderUnavailableError(name, spec.operation, `${name} ${what} (${spec.operation}: ${last?.message ?? "no answer"}). Try again in a moment.`, {
      status: last?.status ?? null,
      retryAfterSeconds: last?.retryAfterSeconds,
      attempts,
      cause: last?.cause,
    });
  }

  /** A successful answer's JSON body, or a clear error when it is not JSON at all. */
  async function getBody(spec: Omit<RequestSpec, "expect">): Promise<{ status: number; json: unknown }> {
    const answer = await request({ ...spec, expect: "json" });
    const json = answer.bytes.length === 0 ? undefined : safeJson(answer.bytes);
    if (json === undefined) throw new ProviderResponseError(name, spec.operation, `${name} sent an answer to ${spec.operation} that is not JSON.`, answer.status);
    return { status: answer.status, json };
  }

  function unreadable(spec: { operation: string }, status: number, what: string): ProviderResponseError {
    return new ProviderResponseError(name, spec.operation, `${name} sent an unexpected answer to ${spec.operation} (${what}).`, status);
  }

  async function getRecords<T extends RecordType>(type: T, spec: Omit<RequestSpec, "expect">): Promise<ReadOutcome<ReadOf<T>>> {
    const { status, json } = await getBody(spec);
    const outcome = readRecords(type, json);
    if (!outcome) throw unreadable(spec, status, `expected a list of ${type} records`);
    return outcome;
  }

  async function write<T extends "client" | "contract">(type: T, spec: Omit<RequestSpec, "expect">): Promise<ReadOf<T>> {
    const { status, json } = await getBody(spec);
    const read = readRecord(type, json);
    if ("skip" in read) throw unreadable(spec, status, `the ${type} it returned has ${read.skip.reason}`);
    return read.record;
  }

  return {
    name,
    baseUrl,
    async authStatus(options = {}) {
      const { json } = await getBody({ operation: "auth status", method: "GET", path: "/v1/auth-status", correlationId: options.correlationId }).catch((error: unknown) => {
        // A 2xx with an empty or non-JSON body still says the token is valid: the body is ours, not the spec's.
        if (error instanceof ProviderResponseError && error.status !== null && error.status < 300) return { json: undefined };
        throw error;
      });
      const body = typeof json === "object" && json !== null ? (json as Record<string, unknown>) : {};
      const text = (value: unknown) => (typeof value === "string" ? value : undefined);
      return { ok: true, consumerId: text(body.consumerId ?? body.consumer ?? body.iss), audience: text(body.audience ?? body.aud), expiresAt: text(body.expiresAt ?? body.exp), body: json };
    },
    async idListUpdated(type, since, options = {}) {
      const spec = { operation: `${type} id list`, method: "GET" as const, path: `/v1/${type}-id-list-updated`, query: { since: since.toISOString() }, correlationId: options.correlationId };
      const { status, json } = await getBody(spec);
      const read = readIdList(json);
      if (!read) throw unreadable(spec, status, "expected a list of ids");
      return read.ids;
    },
    async list<T extends RecordType>(type: T, ids: readonly string[], options: ReadOptions = {}) {
      const unique = [...new Set(ids)];
      const correlationId = options.correlationId ?? crypto.randomUUID();
      const out: ReadOutcome<ReadOf<T>> = { records: [], warnings: [], skipped: [] };
      for (const part of chunk(unique, MAX_IDS_PER_LIST_CALL)) {
        const read = await getRecords(type, { operation: `list ${type}`, method: "GET", path: `/v1/${type}-list`, query: { "id-list": part.join(",") }, correlationId });
        out.records.push(...read.records);
        out.warnings.push(...read.warnings);
        out.skipped.push(...read.skipped);
      }
      return out;
    },
    async contractsOfHolder(holderId, options = {}) {
      return getRecords("contract", { operation: "contracts of holder", method: "GET", path: "/v1/contract-list", query: { "holder-id": holderId }, correlationId: options.correlationId });
    },
    async fileContent(fileId, options = {}) {
      const answer = await request({ operation: "file content", method: "GET", path: "/v1/file-content", query: { id: fileId }, correlationId: options.correlationId, expect: "bytes" });
      return { bytes: answer.bytes, contentType: answer.headers.get("content-type") ?? "application/octet-stream" };
    },
    async createClient(body, options) {
      return write("client", { operation: "create client", method: "POST", path: "/v1/client", body, ...writeHeaders(options) });
    },
    async createContract(body, options) {
      return write("contract", { operation: "create contract", method: "POST", path: "/v1/contract", body, ...writeHeaders(options) });
    },
    async patchContract(body, options) {
      return write("contract", { operation: "update contract", method: "PATCH", path: "/v1/contract", body, ...writeHeaders(options) });
    },
  };

  function writeHeaders(options: WriteOptions) {
    if (!options?.idempotencyKey) throw new ProviderError(name, "write", "A write to a provider needs an idempotency key.");
    return { idempotencyKey: options.idempotencyKey, correlationId: options.correlationId };
  }
}

function safeJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    return undefined;
  }
}

function providerMessage(bytes: Buffer): string | undefined {
  const parsed = errorBodySchema.safeParse(safeJson(bytes));
  return parsed.success ? parsed.data.error.message : undefined;
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host name lookup failed",
  ETIMEDOUT: "connection timed out",
  EHOSTUNREACH: "host unreachable",
  UND_ERR_CONNECT_TIMEOUT: "connection timed out",
  UND_ERR_SOCKET: "connection closed",
};

/** fetch's "fetch failed" hides the reason in its cause chain (ECONNREFUSED, ENOTFOUND, certificate errors, ...). */
function networkMessage(error: unknown): string {
  let current: unknown = error;
  let deepest = error instanceof Error ? error.message : String(error);
  for (let depth = 0; depth < 5 && current; depth++) {
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown[] };
    if (typeof candidate.code === "string" && candidate.code !== "ERR_INVALID_STATE") {
      const known = NETWORK_CODES[candidate.code];
      return known ? `${known} (${candidate.code})` : `${candidate.code}${typeof candidate.message === "string" && candidate.message ? `: ${candidate.message}` : ""}`;
    }
    if (depth > 0 && typeof candidate.message === "string" && candidate.message) deepest = candidate.message;
    current = candidate.cause ?? (Array.isArray(candidate.errors) ? candidate.errors[0] : undefined);
  }
  // e.g. "bad port": fetch refuses some ports without trying.
  return deepest;
}
