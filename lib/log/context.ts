/**
 * What every log line and audit row of one request (or one job) carries: the request id (ours, or
 * the caller's `X-Request-Id`), the correlation id, and, once the session is read, the user and
 * organization. Kept in an AsyncLocalStorage that lib/http/request-context.ts opens per request.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import crypto from "node:crypto";

export interface RequestContext {
  requestId: string;
  correlationId?: string;
  userId?: string;
  organizationId?: string;
  /** The API client making the request, when it came through /api/v1. */
  apiClientId?: string;
}

const globalForContext = globalThis as unknown as { proposalDeskContext?: AsyncLocalStorage<RequestContext> };
// One store per process, even when Next loads this module in more than one bundle.
export const requestContext = (globalForContext.proposalDeskContext ??= new AsyncLocalStorage<RequestContext>());

export function currentContext(): RequestContext | undefined {
  return requestContext.getStore();
}

/** Runs `work` with its own context (a job, a script); log lines inside carry these ids. */
export function withContext<T>(context: Partial<RequestContext>, work: () => T): T {
  return requestContext.run({ requestId: context.requestId ?? newId(), ...context }, work);
}

/** Called by the session check: from here on this request's log lines name the user. */
export function setContextUser(userId: string, organizationId: string): void {
  const store = requestContext.getStore();
  if (store) {
    store.userId = userId;
    store.organizationId = organizationId;
  }
}

/**
 * 16 hex characters. From randomUUID, which draws on a cached pool of random bytes: every request
 * gets an id, and a fresh randomBytes call per request cost about 0.1 ms in the server (measured with
 * bench/callbacks.ts, where Next.js wraps node:crypto).
 */
export function newId(): string {
  return crypto.randomUUID().replaceAll("-", "").slice(0, 16);
}

/** A caller's id is kept only when it is a short token (it goes into logs and headers). */
export function acceptableId(value: string | string[] | undefined | null): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text && /^[A-Za-z0-9._:-]{1,128}$/.test(text) ? text : undefined;
}
