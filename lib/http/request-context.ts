/**
 * Installed once per server process from instrumentation.ts. Next.js gives route handlers no
 * socket address, and it keeps a client's own `X-Forwarded-For` as it is; so at the HTTP server's
 * "request" event, before Next sees the request, we:
 *  - write the socket's peer address into PEER_HEADER (replacing any client-sent value), which
 *    lib/http/client-ip.ts combines with TRUSTED_PROXIES;
 *  - accept the caller's `X-Request-Id` (or make one), pass it on to Next and echo it on the
 *    response, and open the log context (lib/log/context.ts) for everything the request does;
 *  - answer the fast routes given here (the providers' callbacks) without Next's routing: the same
 *    lib function as their Next.js route, with the API headers of next.config.ts.
 */
import http from "node:http";
import { acceptableId, newId, requestContext } from "../log/context";
import { PEER_HEADER } from "./client-ip";
import { API_HEADERS } from "./api-headers";
import type { PlainAnswer } from "../errors";

/** A route answered before Next.js: a plain answer from the Node request (headers and body stream). */
export type FastRoute = (request: { url: string; headers: Headers; body: AsyncIterable<Uint8Array> }) => Promise<PlainAnswer>;

const DRAIN_BYTES = 1024 * 1024;
const DRAIN_MS = 5_000;

/** Reads and drops what is left of a request body: until its end, DRAIN_BYTES or DRAIN_MS, whichever comes first. */
function drain(request: http.IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    let dropped = 0;
    const done = () => {
      clearTimeout(timer);
      request.off("data", onData).off("end", done).off("error", done).off("close", done);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > DRAIN_BYTES) done();
    };
    const timer = setTimeout(done, DRAIN_MS);
    request.on("data", onData).on("end", done).on("error", done).on("close", done);
    request.resume();
  });
}

async function answerFast(route: FastRoute, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  // Leaving the body early (too large) must not destroy the socket the answer goes out on: the
  // rest is read and dropped (up to a bound) before the answer, so a client still sending gets it,
  // and the connection is closed after it.
  const answer = await route({ url: request.url ?? "/", headers, body: request.iterator({ destroyOnReturn: false }) });
  if (!request.readableEnded) {
    await drain(request);
    response.setHeader("Connection", "close");
  }
  for (const { key, value } of API_HEADERS) response.setHeader(key, value);
  for (const [name, value] of Object.entries(answer.headers)) response.setHeader(name, value);
  response.statusCode = answer.status;
  response.end(answer.body);
}

const globalForPatch = globalThis as unknown as { proposalDeskRequestContext?: boolean };

/** `fastRoutes`: POST paths answered before Next.js (path without the query). */
export function installRequestContext(fastRoutes: Record<string, FastRoute> = {}): void {
  if (globalForPatch.proposalDeskRequestContext) return;
  globalForPatch.proposalDeskRequestContext = true;
  const emit = http.Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
  http.Server.prototype.emit = function patchedEmit(this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event !== "request") return emit.call(this, event, ...args);
    const [request, response] = args as [http.IncomingMessage, http.ServerResponse];
    request.headers[PEER_HEADER] = request.socket.remoteAddress ?? "unknown";
    const requestId = acceptableId(request.headers["x-request-id"]) ?? newId();
    request.headers["x-request-id"] = requestId;
    const correlationId = acceptableId(request.headers["x-correlation-id"]) ?? requestId;
    response.setHeader("X-Request-Id", requestId);
    const fast = request.method === "POST" ? fastRoutes[(request.url ?? "").split("?")[0]!] : undefined;
    if (fast) {
      requestContext.run({ requestId, correlationId }, () =>
        answerFast(fast, request, response).catch(() => {
          // The route answers its own errors as problem details; this is only a broken socket.
          if (!response.headersSent) response.writeHead(500).end();
          else response.destroy();
        }),
      );
      return true;
    }
    return requestContext.run({ requestId, correlationId }, () => emit.call(this, event, ...args));
  } as typeof http.Server.prototype.emit;
}
