/**
 * The one wrapper every /api/v1 route goes through: request and correlation ids (accepted,
 * echoed, written to audit rows), API-Version, bearer authentication, scopes, the JSON body,
 * Idempotency-Key on POST, and RFC 9457 problems. Routes then parse and call one lib function.
 */
import { newRequestId } from "../errors";
import { msg, type Msg } from "../i18n/message";
import { negotiateLocale } from "../i18n/locales";
import { issueMessage } from "../i18n/field-errors";
import { runWithRequestContext } from "../request-context";
import type { Actor } from "../contracts/load-contract";
import { ApiProblem, problemBody } from "./problem";
import { authenticateBearer, InvalidTokenError, type ApiPrincipal } from "./tokens";
import { beginIdempotentRequest, finishIdempotentRequest, requestHashOf } from "./idempotency";
import type { Scope } from "./scopes";
import { RateLimiter } from "../callbacks/rate-limit";

export const API_VERSION = "1.0";
export const MAX_BODY_BYTES = 5 * 1024 * 1024;
const TRACE_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;
/** Per API client and instance: enough for a 1,000-record sync loop, not for a runaway one. */
export const API_RATE_PER_SECOND = 50;
const limiter = new RateLimiter(API_RATE_PER_SECOND, API_RATE_PER_SECOND * 4);

export interface ApiContext<P> {
  request: Request;
  url: URL;
  params: P;
  principal: ApiPrincipal;
  actor: Actor;
  requestId: string;
  idempotencyKey: string | null;
  /** The parsed JSON body (POST/PATCH); undefined when there was none. */
  body: unknown;
}

export interface ApiReply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteOptions {
  /** Every one of these scopes is required. */
  scopes: Scope[];
}

type RouteArgs<P> = { params: Promise<P> };

function traceIds(request: Request) {
  const given = request.headers.get("x-request-id")?.trim();
  const requestId = given && TRACE_ID.test(given) ? given : newRequestId();
  const correlation = request.headers.get("x-correlation-id")?.trim();
  return { requestId, correlationId: correlation && TRACE_ID.test(correlation) ? correlation : requestId };
}

function respond(status: number, body: unknown, headers: Headers): Response {
  if (body === undefined || status === 204) return new Response(null, { status, headers });
  if (!headers.has("content-type")) headers.set("content-type", status >= 400 ? "application/problem+json" : "application/json");
  return new Response(JSON.stringify(body), { status, headers });
}

export function baseHeaders(requestId: string, correlationId: string): Headers {
  return new Headers({ "api-version": API_VERSION, "x-request-id": requestId, "x-correlation-id": correlationId, "cache-control": "no-store" });
}

async function readBody(request: Request): Promise<{ text: string; json: unknown }> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw new ApiProblem(413, "PAYLOAD_TOO_LARGE", msg("apiAdmin.problems.bodyTooLarge", { megabytes: MAX_BODY_BYTES / 1024 / 1024 }));
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new ApiProblem(413, "PAYLOAD_TOO_LARGE", msg("apiAdmin.problems.bodyTooLarge", { megabytes: MAX_BODY_BYTES / 1024 / 1024 }));
  if (!text.trim()) return { text, json: undefined };
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([a-z.+-]*\+)?json\b/i.test(type)) throw new ApiProblem(415, "UNSUPPORTED_MEDIA_TYPE", "apiAdmin.problems.unsupportedMediaType");
  try {
    return { text, json: JSON.parse(text) };
  } catch {
    throw new ApiProblem(400, "INVALID_JSON", "apiAdmin.problems.invalidJson");
  }
}

export function apiRoute<P = Record<string, never>>(options: RouteOptions, handler: (context: ApiContext<P>) => Promise<ApiReply | Response>) {
  return async (request: Request, route?: RouteArgs<P>): Promise<Response> => {
    const { requestId, correlationId } = traceIds(request);
    const headers = baseHeaders(requestId, correlationId);
    const url = new URL(request.url);
    // Problem details speak the caller's language: Accept-Language decides, English otherwise.
    const locale = negotiateLocale(request.headers.get("accept-language"), "en");
    let idempotencyId: string | null = null;
    try {
      let principal: ApiPrincipal;
      try {
        principal = { ...(await authenticateBearer(request.headers.get("authorization"))), locale };
      } catch (error) {
        if (error instanceof InvalidTokenError) throw new ApiProblem(401, "INVALID_TOKEN", error.key, { headers: { "www-authenticate": `Bearer realm="proposal-desk", error="invalid_token"` } });
        throw error;
      }
      const allowed = limiter.take(principal.apiClientId);
      if (!allowed.ok) throw new ApiProblem(429, "RATE_LIMITED", msg("apiAdmin.problems.rateLimited", { seconds: allowed.retryAfterSeconds }), { headers: { "retry-after": String(allowed.retryAfterSeconds) } });
      const missing = options.scopes.filter((scope) => !principal.scopes.has(scope));
      if (missing.length) {
        throw new ApiProblem(403, "INSUFFICIENT_SCOPE", msg("apiAdmin.problems.insufficientScope", { scopes: missing.join(", "), count: missing.length }), { headers: { "www-authenticate": `Bearer realm="proposal-desk", error="insufficient_scope", scope="${options.scopes.join(" ")}"` } });
      }
      return await runWithRequestContext({ requestId, correlationId, apiClientId: principal.apiClientId }, async () => {
        const hasBody = request.method === "POST" || request.method === "PATCH" || request.method === "PUT";
        const { text, json } = hasBody ? await readBody(request) : { text: "", json: undefined };
        const idempotencyKey = request.method === "POST" ? request.headers.get("idempotency-key") : null;
        if (idempotencyKey !== null) {
          const started = await beginIdempotentRequest(principal.apiClientId, idempotencyKey, requestHashOf(request.method, url.pathname, text));
          if (started.kind === "replay") {
            headers.set("idempotent-replayed", "true");
            return respond(started.status, started.body ?? undefined, headers);
          }
          idempotencyId = started.id;
        }
        const params = (route ? await route.params : {}) as P;
        let reply: ApiReply | Response;
        try {
          reply = await handler({ request, url, params, principal, actor: principal.actor, requestId, idempotencyKey, body: json });
        } catch (error) {
          const problem = problemBody(error, requestId, { route: url.pathname }, locale);
          for (const [name, value] of Object.entries(problem.headers)) headers.set(name, value);
          if (idempotencyId) await finishIdempotentRequest(idempotencyId, problem.body.status, problem.body);
          idempotencyId = null;
          return respond(problem.body.status, problem.body, headers);
        }
        if (reply instanceof Response) {
          if (idempotencyId) await finishIdempotentRequest(idempotencyId, 500, null); // binary answers are not kept
          headers.forEach((value, name) => reply.headers.set(name, value));
          return reply;
        }
        for (const [name, value] of Object.entries(reply.headers ?? {})) headers.set(name, value);
        const status = reply.status ?? 200;
        if (idempotencyId) await finishIdempotentRequest(idempotencyId, status, reply.body ?? null);
        return respond(status, reply.body, headers);
      });
    } catch (error) {
      const problem = problemBody(error, requestId, { route: url.pathname }, locale);
      for (const [name, value] of Object.entries(problem.headers)) headers.set(name, value);
      if (idempotencyId) await finishIdempotentRequest(idempotencyId, 500, null).catch(() => undefined);
      return respond(problem.body.status, problem.body, headers);
    }
  };
}

/** Parses with a zod schema; a failure is a 422 with field errors. */
export function parseBody<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } } }, value: unknown): T {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, Msg[]> = {};
  for (const issue of parsed.error.issues) (fieldErrors[issue.path.map(String).join(".") || "_body"] ??= []).push(issueMessage(issue as Parameters<typeof issueMessage>[0]));
  throw new ApiProblem(422, "VALIDATION", "common.errors.fieldsNeedAttention", { fieldErrors });
}
