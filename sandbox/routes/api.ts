/**
 * The FiNUM Sync API under /v1: authentication and fault injection first, then the endpoint.
 * What goes out (records, errors, auth-status) and what comes in (write bodies) passes through
 * the consumer's dialect (sandbox/dialects/); the endpoints and the flow behind them are one.
 */
import type { IncomingMessage } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { decodeJwt } from "jose";
import {
  ERROR_CODES,
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
import { chance, effectiveFaults, type EffectiveFaults } from "../consumers/faults";
import { getConsumer } from "../consumers/registry";
import { readWriteBody } from "../dialects/reader";
import { dialectOf, type Dialect } from "../dialects/table";
import { wireAuthStatus, wireIdListJson, wireRecord, wireRecordsJson } from "../dialects/wire";
import type { SandboxContext } from "../context";
import { createContract } from "../flow/create-contract";
import { patchContract } from "../flow/patch-contract";
import { readJsonBody } from "../http/body";
import { badRequest, HttpError, notFound, parseOr, rateLimited, unavailable } from "../http/errors";
import { sendBytes, sendJson, sendRawJson, sendWire, setResponseDialect } from "../http/respond";
import type { Router, RequestContext } from "../http/router";
import type { Tx } from "../db/pool";
import { idempotentWrite, requestHash, type WriteResult } from "../idempotency";
import { insertClient } from "../store/clients";
import { getFileContent } from "../store/files";
import { contractsOfHolderJson, idListUpdatedJson, listByIdsJson } from "../store/records";

interface Caller extends Authenticated {
  dialect: Dialect;
  faults: EffectiveFaults;
}

type ApiHandler = (request: RequestContext, caller: Caller) => Promise<void>;

/** The dialect of the token's issuer, read without verifying: only to write a rejection the way that provider would. */
async function dialectOfUnverified(ctx: SandboxContext, authorization: string | undefined): Promise<Dialect | undefined> {
  try {
    const issuer = decodeJwt(/^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1] ?? "").iss;
    return typeof issuer === "string" ? dialectOf((await getConsumer(ctx.db, issuer))?.dialect, ctx.config.defaultDialect) : undefined;
  } catch {
    return undefined;
  }
}

function api(ctx: SandboxContext, handler: ApiHandler) {
  return async (request: RequestContext) => {
    let auth: Authenticated;
    try {
      auth = await authenticate(ctx.db, request.req.headers.authorization, ctx.config.audience);
    } catch (error) {
      const dialect = await dialectOfUnverified(ctx, request.req.headers.authorization);
      if (dialect) setResponseDialect(request.res, dialect);
      throw error;
    }
    const dialect = dialectOf(auth.consumer.dialect, ctx.config.defaultDialect);
    setResponseDialect(request.res, dialect);
    const faults = effectiveFaults(ctx.config.defaultFaults, auth.consumer.faults);
    if (faults.latencyMs > 0) await sleep(faults.latencyMs);
    if (chance(faults.rateLimitRate)) throw rateLimited(faults.retryAfterSeconds);
    if (chance(faults.errorRate)) throw unavailable("Service unavailable (injected fault)");
    await handler(request, { ...auth, dialect, faults });
  };
}

function query(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}

/** `id-list`: at most the dialect's cap (500 in FINUM.md), more is 414 or 413 (the URL a real provider would refuse). */
function parseIds(raw: string | null, dialect: Dialect): string[] {
  if (raw === null) throw badRequest("id-list is required", [{ field: "id-list", message: "required" }]);
  const ids = parseOr(idListSchema, raw, "query", "id-list");
  const max = dialect.maxIdsPerListCall;
  if (ids.length > max) throw new HttpError(dialect.tooManyIdsStatus, ERROR_CODES[dialect.tooManyIdsStatus], `At most ${max} ids per call; got ${ids.length}`);
  return ids;
}

/** The slow-list fault: only `*-list` and `*-id-list-updated` answers are held back. */
const slowList = async (faults: EffectiveFaults) => {
  if (faults.slowListMs > 0) await sleep(faults.slowListMs);
};

const idempotencyKey = (req: IncomingMessage) => {
  const value = req.headers["idempotency-key"];
  return Array.isArray(value) ? value[0] : value;
};

export function registerApiRoutes(router: Router, ctx: SandboxContext): void {
  for (const type of RECORD_TYPES) {
    router.on(
      "GET",
      `/v1/${type}-id-list-updated`,
      api(ctx, async ({ res, url }, caller) => {
        const { since } = parseOr(sinceQuerySchema, query(url), "query");
        const json = await idListUpdatedJson(ctx.db, type, caller.consumer.consumerId, new Date(since));
        await slowList(caller.faults);
        sendRawJson(res, 200, wireIdListJson(caller.dialect, type, json));
      }),
    );
    router.on(
      "GET",
      `/v1/${type}-list`,
      api(ctx, async ({ res, url }, caller) => {
        const holder = url.searchParams.get("holder-id");
        let json: string;
        if (type === "contract" && holder !== null && !url.searchParams.has("id-list")) {
          const { "holder-id": holderId } = parseOr(holderQuerySchema, { "holder-id": holder }, "query");
          json = await contractsOfHolderJson(ctx.db, caller.consumer.consumerId, holderId);
        } else {
          const ids = parseIds(url.searchParams.get("id-list"), caller.dialect);
          json = await listByIdsJson(ctx.db, type, caller.consumer.consumerId, ids);
        }
        await slowList(caller.faults);
        sendRawJson(res, 200, wireRecordsJson(caller.dialect, type, json));
      }),
    );
  }

  router.on(
    "GET",
    "/v1/auth-status",
    api(ctx, async ({ res }, caller) => {
      sendWire(res, wireAuthStatus(caller.dialect, { consumerId: caller.consumer.consumerId, audience: ctx.config.audience, expiresAt: new Date(caller.claims.exp! * 1000) }));
    }),
  );

  router.on(
    "GET",
    "/v1/file-content",
    api(ctx, async ({ res, url }, caller) => {
      const { id } = parseOr(fileContentQuerySchema, query(url), "query");
      const file = await getFileContent(ctx.db, caller.consumer.consumerId, id);
      if (!file) throw notFound(`No file ${id}`);
      sendBytes(res, file.contentType, file.bytes, { "content-disposition": `inline; filename="${file.name.replace(/[^\w.-]/g, "_")}"` });
    }),
  );

  const write = (
    method: "POST" | "PATCH",
    path: string,
    type: "client" | "contract",
    perform: (body: unknown, caller: Caller) => (tx: Tx) => Promise<WriteResult>,
  ) =>
    router.on(
      method,
      path,
      api(ctx, async ({ req, res }, caller) => {
        const { value } = await readJsonBody(req);
        if (chance(caller.faults.writeUnavailableBeforeCommitRate)) throw unavailable("Service unavailable (injected fault, nothing written)");
        const result = await idempotentWrite(
          ctx.db,
          caller.consumer.consumerId,
          idempotencyKey(req),
          requestHash(method, path, value),
          perform(readWriteBody(caller.dialect, value), caller),
        );
        // The write is committed; the answer is lost on the way back (the consumer retries with the same key).
        if (chance(caller.faults.writeUnavailableAfterCommitRate)) throw unavailable("Service unavailable (injected fault, after the write was committed)");
        sendJson(res, result.status, wireRecord(caller.dialect, type, result.body), result.replayed ? { "idempotent-replayed": "true" } : {});
      }),
    );

  write("POST", "/v1/client", "client", (value, caller) => {
    const input = parseOr(createClientRequestSchema, value, "body");
    return async (tx) => {
      // A provider adds its own fields to records; consumers must keep them.
      const record = { _creditCheck: "passed", ...input };
      return { status: 201, body: await insertClient(tx, caller.consumer.consumerId, record, caller.dialect.ids.client) };
    };
  });
  write("POST", "/v1/contract", "contract", (value, caller) => {
    const input = parseOr(createContractRequestSchema, value, "body");
    return async (tx) => ({ status: 201, body: await createContract(tx, ctx, caller.consumer.consumerId, input, caller.dialect) });
  });
  write("PATCH", "/v1/contract", "contract", (value, caller) => {
    const input = parseOr(patchContractRequestSchema, value, "body");
    return async (tx) => ({ status: 200, body: await patchContract(tx, ctx, caller.consumer.consumerId, input, caller.dialect) });
  });
}
