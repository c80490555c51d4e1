/** The FiNUM Sync API under /v1: authentication and fault injection first, then the endpoint. */
import type { IncomingMessage } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import {
  MAX_IDS_PER_LIST_CALL,
  RECORD_TYPES,
  createClientRequestSchema,
  createContractRequestSchema,
  fileContentQuerySchema,
  holderQuerySchema,
  idListSchema,
  patchContractRequestSchema,
  sinceQuerySchema,
} from "../../lib/finum";
import { authenticate, type Authenticated } from "../auth/verify-token";
import { chance, effectiveFaults } from "../consumers/faults";
import type { SandboxContext } from "../context";
import { createContract } from "../flow/create-contract";
import { patchContract } from "../flow/patch-contract";
import { readJsonBody } from "../http/body";
import { badRequest, notFound, parseOr, rateLimited, tooManyIds, unavailable } from "../http/errors";
import { sendBytes, sendJson, sendRawJson } from "../http/respond";
import type { Router, RequestContext } from "../http/router";
import type { Tx } from "../db/pool";
import { idempotentWrite, requestHash, type WriteResult } from "../idempotency";
import { insertClient } from "../store/clients";
import { getFileContent } from "../store/files";
import { contractsOfHolderJson, idListUpdatedJson, listByIdsJson } from "../store/records";

type ApiHandler = (request: RequestContext, auth: Authenticated) => Promise<void>;

function api(ctx: SandboxContext, handler: ApiHandler) {
  return async (request: RequestContext) => {
    const auth = await authenticate(ctx.db, request.req.headers.authorization, ctx.config.audience);
    const faults = effectiveFaults(ctx.config.defaultFaults, auth.consumer.faults);
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (chance(faults.rateLimitRate)) throw rateLimited(faults.retryAfterSeconds);
    if (chance(faults.errorRate)) throw unavailable("Service unavailable (injected fault)");
    await handler(request, auth);
  };
}

function query(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}

/** `id-list`: at most MAX_IDS_PER_LIST_CALL ids, more is 414 (the URL a real provider would refuse). */
function parseIds(raw: string | null): string[] {
  if (raw === null) throw badRequest("id-list is required", [{ field: "id-list", message: "required" }]);
  const ids = parseOr(idListSchema, raw, "query", "id-list");
  if (ids.length > MAX_IDS_PER_LIST_CALL) throw tooManyIds(`At most ${MAX_IDS_PER_LIST_CALL} ids per call; got ${ids.length}`);
  return ids;
}

const idempotencyKey = (req: IncomingMessage) => {
  const value = req.headers["idempotency-key"];
  return Array.isArray(value) ? value[0] : value;
};

export function registerApiRoutes(router: Router, ctx: SandboxContext): void {
  for (const type of RECORD_TYPES) {
    router.on(
      "GET",
      `/v1/${type}-id-list-updated`,
      api(ctx, async ({ res, url }, auth) => {
        const { since } = parseOr(sinceQuerySchema, query(url), "query");
        sendRawJson(res, 200, await idListUpdatedJson(ctx.db, type, auth.consumer.consumerId, new Date(since)));
      }),
    );
    router.on(
      "GET",
      `/v1/${type}-list`,
      api(ctx, async ({ res, url }, auth) => {
        const holder = url.searchParams.get("holder-id");
        if (type === "contract" && holder !== null && !url.searchParams.has("id-list")) {
          const { "holder-id": holderId } = parseOr(holderQuerySchema, { "holder-id": holder }, "query");
          sendRawJson(res, 200, await contractsOfHolderJson(ctx.db, auth.consumer.consumerId, holderId));
          return;
        }
        const ids = parseIds(url.searchParams.get("id-list"));
        sendRawJson(res, 200, await listByIdsJson(ctx.db, type, auth.consumer.consumerId, ids));
      }),
    );
  }

  router.on(
    "GET",
    "/v1/auth-status",
    api(ctx, async ({ res }, auth) => {
      sendJson(res, 200, {
        ok: true,
        consumerId: auth.consumer.consumerId,
        audience: ctx.config.audience,
        expiresAt: new Date(auth.claims.exp! * 1000).toISOString(),
      });
    }),
  );

  router.on(
    "GET",
    "/v1/file-content",
    api(ctx, async ({ res, url }, auth) => {
      const { id } = parseOr(fileContentQuerySchema, query(url), "query");
      const file = await getFileContent(ctx.db, auth.consumer.consumerId, id);
      if (!file) throw notFound(`No file ${id}`);
      sendBytes(res, file.contentType, file.bytes, { "content-disposition": `inline; filename="${file.name.replace(/[^\w.-]/g, "_")}"` });
    }),
  );

  const write = (method: "POST" | "PATCH", path: string, perform: (body: unknown, auth: Authenticated) => (tx: Tx) => Promise<WriteResult>) =>
    router.on(
      method,
      path,
      api(ctx, async ({ req, res }, auth) => {
        const { value } = await readJsonBody(req);
        const result = await idempotentWrite(ctx.db, auth.consumer.consumerId, idempotencyKey(req), requestHash(method, path, value), perform(value, auth));
        sendJson(res, result.status, result.body, result.replayed ? { "idempotent-replayed": "true" } : {});
      }),
    );

  write("POST", "/v1/client", (value, auth) => {
    const input = parseOr(createClientRequestSchema, value, "body");
    return async (tx) => {
      // A provider adds its own fields to records; consumers must keep them.
      const record = { _creditCheck: "passed", ...input };
      return { status: 201, body: await insertClient(tx, auth.consumer.consumerId, record) };
    };
  });
  write("POST", "/v1/contract", (value, auth) => {
    const input = parseOr(createContractRequestSchema, value, "body");
    return async (tx) => ({ status: 201, body: await createContract(tx, ctx, auth.consumer.consumerId, input) });
  });
  write("PATCH", "/v1/contract", (value, auth) => {
    const input = parseOr(patchContractRequestSchema, value, "body");
    return async (tx) => ({ status: 200, body: await patchContract(tx, ctx, auth.consumer.consumerId, input) });
  });
}
