/** The HTTP server: routing, error bodies (in the consumer's dialect) for every failure, request logging of 5xx. */
import http from "node:http";
import { randomUUID } from "node:crypto";
import { ERROR_CODES } from "../lib/finum";
import type { SandboxContext } from "./context";
import { HttpError } from "./http/errors";
import { sendError } from "./http/respond";
import { Router } from "./http/router";
import { registerAdminRoutes } from "./routes/admin";
import { registerApiRoutes } from "./routes/api";
import { registerDocsRoutes } from "./routes/docs";

export function createSandboxServer(ctx: SandboxContext, serverUrl: () => string): http.Server {
  const router = new Router();
  registerDocsRoutes(router, ctx, serverUrl);
  registerApiRoutes(router, ctx);
  registerAdminRoutes(router, ctx);

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://sandbox.invalid");
    try {
      const match = router.match(req.method ?? "GET", url.pathname);
      if (match.kind === "not-found") throw new HttpError(404, ERROR_CODES[404], `No endpoint ${url.pathname}`);
      if (match.kind === "method-not-allowed") {
        throw new HttpError(405, ERROR_CODES[405], `${req.method} is not allowed here`, undefined, { allow: match.allowed.join(", ") });
      }
      await match.handler({ req, res, url, params: match.params });
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) {
        sendError(res, error);
        return;
      }
      const requestId = randomUUID();
      ctx.log(`500 ${req.method} ${url.pathname} request ${requestId}: ${(error as Error).stack ?? error}`);
      sendError(res, new HttpError(500, ERROR_CODES[500], `Unexpected error (request ${requestId})`, undefined, { "x-request-id": requestId }));
    }
  });
  // Keep idle connections open longer than clients keep them (undici: 4 s): otherwise the server
  // may close a socket just as a client reuses it, and the request fails with "other side closed".
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}
