/**
 * The portal's client for one FiNUM provider (FINUM.md): bearer JWT, timeouts, retries, request and
 * correlation ids, every answer parsed with the shared wire schemas, one error mapping.
 * Limits are learned, not assumed: a 413/414 halves the id chunk (reported through onLearnChunkSize),
 * a Retry-After pauses every request to the provider (through `pause`, shared across instances by the
 * caller), answers are size-limited while streaming (lib/finum/transport.ts).
 * Framework-free on purpose (no Prisma, no Next): the caller passes hooks to record and remember.
 */
import crypto, { type KeyObject } from "node:crypto";
import { SignJWT } from "jose";
import { MAX_IDS_PER_LIST_CALL, type RecordType } from "./common";
import { readErrorBody } from "./errors";
import type { CreateClientRequest, CreateContractRequest, PatchContractRequest } from "./requests";
import { readIdList, readRecord, readRecords, type ClientRead, type ContractRead, type ReadOf, type ReadOutcome } from "./read";
import { ProviderAddressError, ProviderAuthError, ProviderError, ProviderRejectedError, ProviderResponseError, ProviderUnavailableError } from "./client-errors";
import { formatBytes, send, TransportAddressRefusedError, TransportTimeoutError, TransportTooLargeError } from "./transport";
import { translate } from "../i18n/translate";

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
  /** Per attempt, including reading the body (writes and auth status). */
  timeoutMs?: number;
  /** Per attempt for list, id-list and file calls, which may be slow on a big provider. Default max(timeoutMs, 30 s). */
  listTimeoutMs?: number;
  /** An answer larger than this is cut off while streaming and reported as an error. Default 50 MB. */
  maxResponseBytes?: number;
  /** Ids per `*-list` call to start with (an admin's override, or what was learned). Default 500. */
  idChunkSize?: number;
  /** Called when a 413/414 made us halve the id chunk: the size that is now used. */
  onLearnChunkSize?: (size: number) => void | Promise<void>;
  /** At most this many requests per second from this client (null or undefined: no limit). */
  requestsPerSecond?: number | null;
  /**
   * A pause shared by every client of this provider (across instances when the caller stores it):
   * `get` is read before each attempt, `set` is called with the end of a Retry-After.
   */
  pause?: { get(): Promise<Date | null> | Date | null; set(until: Date): Promise<void> | void };
  /** Every address the base URL's host resolves to is checked at connection time; false refuses it. */
  allowAddress?: (address: string) => boolean;
  /** Checks the URL itself before each attempt (scheme, host); false refuses it. */
  allowUrl?: (url: URL) => boolean;
  /** A 2xx answer that could not be read (not JSON, or not the expected shape): marks that attempt as failed. */
  onUnreadable?: (requestId: string, message: string) => void | Promise<void>;
  /** Retries after the first attempt. */
  maxRetries?: number;
  /** Backoff: full jitter over min(retryMaxDelayMs, retryBaseMs · 2^attempt). */
  retryBaseMs?: number;
  retryMaxDelayMs?: number;
  /** A longer Retry-After than this is not waited for: the call fails at once with retryAfterSeconds. */
  maxRetryAfterSeconds?: number;
  onCall?: (call: ProviderCall) => void | Promise<void>;
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
   * Records by id, in chunks (500 ids, or fewer once a 413/414 taught us); unknown ids are simply
   * missing. Read tolerantly (lib/finum/read.ts): unusable records are skipped, surprises are warnings.
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
  /** List, id-list and file calls get the longer list timeout. */
  slow?: boolean;
}

type Attempt =
  | { kind: "ok"; status: number; headers: Headers; bytes: Buffer; requestId: string }
  | { kind: "retryable"; status: number | null; message: string; retryAfterSeconds?: number; cause?: unknown }
  | { kind: "fatal"; error: ProviderError };

export const DEFAULT_MAX_RESPONSE_BYTES = 50 * 1024 * 1024;
/** List and file calls wait at least this long: a big provider may take several seconds. */
export const MIN_LIST_TIMEOUT_MS = 30_000;

export function createFinumClient(config: FinumClientConfig): FinumClient {
  const name = config.name;
  const baseUrl = config.baseUrl.replace(/\/+$/, "");
  const timeoutMs = config.timeoutMs ?? 10_000;
  const listTimeoutMs = config.listTimeoutMs ?? Math.max(timeoutMs, MIN_LIST_TIMEOUT_MS);
  const maxResponseBytes = config.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const maxRetries = config.maxRetries ?? 3;
  const retryBaseMs = config.retryBaseMs ?? 250;
  const retryMaxDelayMs = config.retryMaxDelayMs ?? 5_000;
  const maxRetryAfterSeconds = config.maxRetryAfterSeconds ?? 10;
  const minIntervalMs = config.requestsPerSecond && config.requestsPerSecond > 0 ? 1000 / config.requestsPerSecond : 0;
  let idChunkSize = Math.max(1, Math.floor(config.idChunkSize ?? MAX_IDS_PER_LIST_CALL));
  /** This client's own view of the pause (the shared one is read through config.pause). */
  let pausedUntil = 0;
  /** The earliest start of the next request under requestsPerSecond. */
  let nextSlot = 0;

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

  async function bestEffort(hook: () => unknown): Promise<void> {
    try {
      await hook();
    } catch {
      // A hook that cannot store (database briefly away) must not fail the call; the client still remembers.
    }
  }

  /** Waits out a pause set by a Retry-After (ours or another instance's), or fails at once when it is too long. */
  async function waitForPause(operation: string): Promise<void> {
    let until = pausedUntil;
    if (config.pause) {
      try {
        const shared = await config.pause.get();
        if (shared) until = Math.max(until, shared.getTime());
      } catch {
        // Without the shared pause we still honour our own.
      }
    }
    const waitMs = until - Date.now();
    if (waitMs <= 0) return;
    const seconds = Math.ceil(waitMs / 1000);
    if (seconds > maxRetryAfterSeconds) {
      throw new ProviderUnavailableError(name, operation, `${name} asked us to pause all requests for ${seconds} s more (Retry-After). Try again later.`, {
        status: 429,
        retryAfterSeconds: seconds,
        attempts: 0,
      });
    }
    await sleep(waitMs);
  }

  /** requestsPerSecond: spaces the starts of this client's requests evenly. */
  async function takeSlot(): Promise<void> {
    if (!minIntervalMs) return;
    const now = Date.now();
    const slot = Math.max(now, nextSlot);
    nextSlot = slot + minIntervalMs;
    if (slot > now) await sleep(slot - now);
  }

  async function pauseFor(seconds: number): Promise<void> {
    const until = Date.now() + seconds * 1000;
    pausedUntil = Math.max(pausedUntil, until);
    if (config.pause) await bestEffort(() => config.pause!.set(new Date(until)));
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
    const attemptTimeoutMs = spec.slow ? listTimeoutMs : timeoutMs;
    try {
      if (config.allowUrl && !config.allowUrl(url)) throw new TransportAddressRefusedError();
      const response = await send({
        method: spec.method,
        url,
        headers,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        timeoutMs: attemptTimeoutMs,
        maxBytes: maxResponseBytes,
        allowAddress: config.allowAddress,
      });
      status = response.status;
      result = classify(spec, response.status, response.headers, response.bytes, requestId);
    } catch (error) {
      if (error instanceof TransportTooLargeError) {
        status = error.status;
        result = { kind: "fatal", error: new ProviderResponseError(name, spec.operation, `${name} sent an answer to ${spec.operation} that is larger than ${formatBytes(error.maxBytes)}; it was cut off and not used.`, error.status) };
      } else if (error instanceof TransportAddressRefusedError) {
        result = { kind: "fatal", error: new ProviderAddressError(name, spec.operation) };
      } else if (error instanceof TransportTimeoutError) {
        result = { kind: "retryable", status, message: error.message, cause: error };
      } else {
        result = { kind: "retryable", status, message: networkMessage(error), cause: error };
      }
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

  function classify(spec: RequestSpec, status: number, headers: Headers, bytes: Buffer, requestId: string): Attempt {
    if (status >= 200 && status < 300) {
      if (spec.expect === "json" && safeJson(bytes) === undefined) {
        return { kind: "fatal", error: new ProviderResponseError(name, spec.operation, `${name} answered ${spec.operation} with ${status}, but the answer is not JSON (${describeBody(bytes, headers)}).`, status) };
      }
      return { kind: "ok", status, headers, bytes, requestId };
    }
    const body = readErrorBody(status, bytes, headers.get("content-type"));
    if (status === 429 || status >= 500) {
      const retryAfterSeconds = parseRetryAfter(headers.get("retry-after"));
      return { kind: "retryable", status, message: `${status} ${body.message}`.trim(), retryAfterSeconds };
    }
    if (status >= 300 && status < 400) {
      return { kind: "fatal", error: new ProviderResponseError(name, spec.operation, `${name} answered ${spec.operation} with a redirect (${status}), which we do not follow. Check the base URL.`, status) };
    }
    if (status === 401 || status === 403) {
      return { kind: "fatal", error: new ProviderAuthError(name, spec.operation, `${name} refused our credentials (${status}): ${body.message}`, status, body.code, body.message) };
    }
    return { kind: "fatal", error: new ProviderRejectedError(name, spec.operation, `${name} rejected ${spec.operation}: ${body.message}`, status, body.code, body.message, body.details) };
  }

  async function request(spec: RequestSpec): Promise<{ status: number; headers: Headers; bytes: Buffer; requestId: string }> {
    const correlationId = spec.correlationId ?? crypto.randomUUID();
    let last: Extract<Attempt, { kind: "retryable" }> | undefined;
    for (let attempt = 0; attempt <= maxRetries; attempt++) {
      await waitForPause(spec.operation);
      await takeSlot();
      const outcome = await attemptOnce(spec, correlationId, attempt + 1);
      if (outcome.kind === "ok") return outcome;
      if (outcome.kind === "fatal") throw outcome.error;
      last = outcome;
      // A Retry-After holds for every request to this provider, not only this one.
      if (outcome.retryAfterSeconds !== undefined) await pauseFor(outcome.retryAfterSeconds);
      if (attempt === maxRetries) break;
      if (outcome.retryAfterSeconds !== undefined && outcome.retryAfterSeconds > maxRetryAfterSeconds) break;
      // With a Retry-After, waitForPause waits it out before the next attempt.
      if (outcome.retryAfterSeconds === undefined) await sleep(backoffDelayMs(attempt, retryBaseMs, retryMaxDelayMs));
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

  /**
   * Runs `each` over the ids in chunks. A 413/414 ("too many ids") halves the chunk and retries it;
   * the smaller size is kept for the rest of this client's life and reported through onLearnChunkSize.
   */
  async function forEachIdChunk(ids: readonly string[], each: (part: string[]) => Promise<void>): Promise<void> {
    let offset = 0;
    while (offset < ids.length) {
      const part = ids.slice(offset, offset + idChunkSize);
      try {
        await each(part);
        offset += part.length;
      } catch (error) {
        if (!(error instanceof ProviderRejectedError) || (error.status !== 413 && error.status !== 414) || part.length <= 1) throw error;
        idChunkSize = Math.max(1, Math.floor(part.length / 2));
        const learned = idChunkSize;
        if (config.onLearnChunkSize) await bestEffort(() => config.onLearnChunkSize!(learned));
      }
    }
  }

  /** A successful answer's JSON body; an unreadable one is an error (and red in the request log). */
  async function getBody(spec: Omit<RequestSpec, "expect">): Promise<{ status: number; json: unknown; requestId: string }> {
    const answer = await request({ ...spec, expect: "json" });
    const json = answer.bytes.length === 0 ? undefined : safeJson(answer.bytes);
    if (json === undefined) {
      const message = `${name} sent an answer to ${spec.operation} that is not JSON (${describeBody(answer.bytes, answer.headers)}).`;
      if (config.onUnreadable) await bestEffort(() => config.onUnreadable!(answer.requestId, message));
      throw new ProviderResponseError(name, spec.operation, message, answer.status);
    }
    return { status: answer.status, json, requestId: answer.requestId };
  }

  async function unreadable(spec: { operation: string }, answer: { status: number; requestId: string }, what: string): Promise<ProviderResponseError> {
    const message = `${name} sent an unexpected answer to ${spec.operation} (${what}).`;
    if (config.onUnreadable) await bestEffort(() => config.onUnreadable!(answer.requestId, message));
    return new ProviderResponseError(name, spec.operation, message, answer.status);
  }

  async function getRecords<T extends RecordType>(type: T, spec: Omit<RequestSpec, "expect">): Promise<ReadOutcome<ReadOf<T>>> {
    const answer = await getBody(spec);
    const outcome = readRecords(type, answer.json);
    if (!outcome) throw await unreadable(spec, answer, `expected a list of ${type} records`);
    return outcome;
  }

  async function write<T extends "client" | "contract">(type: T, spec: Omit<RequestSpec, "expect">): Promise<ReadOf<T>> {
    const answer = await getBody(spec);
    const read = readRecord(type, answer.json);
    // The reader's reason is a catalogue message; this error's text is English, as all of this client's.
    if ("skip" in read) throw await unreadable(spec, answer, `the ${type} it returned cannot be used: ${translate("en", read.skip.reason)}`);
    return read.record;
  }

  return {
    name,
    baseUrl,
    async authStatus(options = {}) {
      const spec = { operation: "auth status", method: "GET" as const, path: "/v1/auth-status", correlationId: options.correlationId };
      const answer = await request({ ...spec, expect: "bytes" });
      // Any 2xx says the token is valid: the body is ours, not the spec's (JSON, "OK", or nothing).
      // An HTML page is not a provider's answer but a web server's (a wrong base URL).
      if (/text\/html/i.test(answer.headers.get("content-type") ?? "")) throw await unreadable(spec, answer, `a web page (${describeBody(answer.bytes, answer.headers)}), not a FiNUM answer: check the base URL`);
      const json = answer.bytes.length === 0 ? undefined : safeJson(answer.bytes);
      const body = typeof json === "object" && json !== null ? (json as Record<string, unknown>) : {};
      const text = (value: unknown) => (typeof value === "string" ? value : undefined);
      return { ok: true, consumerId: text(body.consumerId ?? body.consumer ?? body.sub ?? body.iss), audience: text(body.audience ?? body.aud), expiresAt: text(body.expiresAt ?? body.exp), body: json ?? answer.bytes.toString("utf8").slice(0, 200) };
    },
    async idListUpdated(type, since, options = {}) {
      const spec = { operation: `${type} id list`, method: "GET" as const, path: `/v1/${type}-id-list-updated`, query: { since: since.toISOString() }, correlationId: options.correlationId, slow: true };
      const answer = await getBody(spec);
      const read = readIdList(answer.json);
      if (!read) throw await unreadable(spec, answer, "expected a list of ids");
      return read.ids;
    },
    async list<T extends RecordType>(type: T, ids: readonly string[], options: ReadOptions = {}) {
      const unique = [...new Set(ids)];
      const correlationId = options.correlationId ?? crypto.randomUUID();
      const out: ReadOutcome<ReadOf<T>> = { records: [], warnings: [], skipped: [] };
      await forEachIdChunk(unique, async (part) => {
        const read = await getRecords(type, { operation: `list ${type}`, method: "GET", path: `/v1/${type}-list`, query: { "id-list": part.join(",") }, correlationId, slow: true });
        out.records.push(...read.records);
        out.warnings.push(...read.warnings);
        out.skipped.push(...read.skipped);
      });
      return out;
    },
    async contractsOfHolder(holderId, options = {}) {
      return getRecords("contract", { operation: "contracts of holder", method: "GET", path: "/v1/contract-list", query: { "holder-id": holderId }, correlationId: options.correlationId, slow: true });
    },
    async fileContent(fileId, options = {}) {
      const answer = await request({ operation: "file content", method: "GET", path: "/v1/file-content", query: { id: fileId }, correlationId: options.correlationId, expect: "bytes", slow: true });
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

/** A short, markup-free description of an unreadable 2xx body for the log: its type and first characters. */
function describeBody(bytes: Buffer, headers: Headers): string {
  if (bytes.length === 0) return "empty";
  const type = headers.get("content-type")?.split(";")[0]?.trim() || "no content type";
  const text = readErrorBody(200, bytes, headers.get("content-type")).message.slice(0, 80);
  return `${type}, ${formatBytes(bytes.length)}: ${text}`;
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

/** A network error's reason (ECONNREFUSED, ENOTFOUND, certificate errors, ...), also when wrapped in a cause chain. */
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
  return deepest;
}
