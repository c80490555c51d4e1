/**
 * Installed once per server process from instrumentation.ts. Next.js gives route handlers no
 * socket address, and it keeps a client's own `X-Forwarded-For` as it is; so at the HTTP server's
 * "request" event, before Next sees the request, we:
 *  - write the socket's peer address into PEER_HEADER (replacing any client-sent value), which
 *    lib/http/client-ip.ts combines with TRUSTED_PROXIES;
 *  - accept the caller's `X-Request-Id` (or make one), pass it on to Next and echo it on the
 *    response, and open the log context (lib/log/context.ts) for everything the request does.
 */
import http from "node:http";
import { acceptableId, newId, requestContext } from "../log/context";
import { PEER_HEADER } from "./client-ip";

const globalForPatch = globalThis as unknown as { proposalDeskRequestContext?: boolean };

export function installRequestContext(): void {
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
    return requestContext.run({ requestId, correlationId }, () => emit.call(this, event, ...args));
  } as typeof http.Server.prototype.emit;
}
