/**
 * /api/v1/clients: reads scoped exactly as for people (lib/auth/scope), writes through the same
 * use cases as the client form (lib/clients/save-client), and field-level security by scope:
 * without `clients:pii` the personal fields are neither shown nor accepted.
 */
import type { AppLocale } from "../i18n/locales";
import { db, type Tx } from "../db";
import { AppError, notFound, translateFieldMessages } from "../errors";
import { translate } from "../i18n/translate";
import { clientScope } from "../auth/scope";
import { createClient, updateClient } from "../clients/save-client";
import type { Prisma } from "../generated/prisma/client";
import { isoDay } from "../format";
import type { Actor } from "../contracts/load-contract";
import { ApiProblem } from "./problem";
import { PII_FIELDS, type Scope } from "./scopes";
import { clientSelect, toApiClient } from "./serializers";
import { clientPatchSchema, type ApiClientOut, type BatchResult } from "./schemas";
import { decodePageToken, fingerprintOf, pageOf, pageSizeOf, type Page } from "./pagination";
import { parseBody } from "./handler";

export interface Caller {
  actor: Actor;
  scopes: ReadonlySet<Scope>;
  /** The language of texts in answers (problem details); English unless the request asks otherwise. */
  locale?: AppLocale;
}

function updatedSinceOf(params: URLSearchParams): Date | null {
  const raw = params.get("updatedSince");
  if (!raw) return null;
  const date = new Date(raw);
  if (Number.isNaN(date.getTime())) throw new ApiProblem(400, "INVALID_QUERY", "apiAdmin.problems.updatedSince", { fieldErrors: { updatedSince: ["apiAdmin.problems.fields.notDateTime"] } });
  return date;
}
export { updatedSinceOf };

/**
 * Newest first by creation (rows created while paging land before page one, so pages never
 * shift); with `updatedSince`, oldest change first (sync order: a row changed while paging
 * shows up again later, never skipped).
 */
export async function listClientsForApi(caller: Caller, params: URLSearchParams): Promise<Page<ApiClientOut>> {
  const pageSize = pageSizeOf(params);
  const updatedSince = updatedSinceOf(params);
  const fingerprint = fingerprintOf({ r: "clients", updatedSince });
  const where: Prisma.ClientWhereInput = { ...clientScope(caller.actor) };
  if (updatedSince) {
    const after = decodePageToken(params.get("pageToken"), fingerprint, ["date", "string"]);
    where.AND = [{ updatedAt: { gte: updatedSince } }, ...(after ? [{ OR: [{ updatedAt: { gt: after[0] as Date } }, { updatedAt: after[0] as Date, id: { gt: after[1] as string } }] }] : [])];
    const rows = await db().client.findMany({ where, orderBy: [{ updatedAt: "asc" }, { id: "asc" }], take: pageSize + 1, select: clientSelect });
    return pageOf(rows, pageSize, (row) => [row.updatedAt.toISOString(), row.id], fingerprint, (row) => toApiClient(row, caller.scopes));
  }
  const after = decodePageToken(params.get("pageToken"), fingerprint, ["date", "string"]);
  if (after) where.OR = [{ createdAt: { lt: after[0] as Date } }, { createdAt: after[0] as Date, id: { lt: after[1] as string } }];
  const rows = await db().client.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: pageSize + 1, select: clientSelect });
  return pageOf(rows, pageSize, (row) => [row.createdAt.toISOString(), row.id], fingerprint, (row) => toApiClient(row, caller.scopes));
}

export async function getClientForApi(caller: Caller, clientId: string): Promise<ApiClientOut> {
  const row = await db().client.findFirst({ where: { id: clientId, ...clientScope(caller.actor) }, select: clientSelect });
  if (!row) throw notFound("apiAdmin.problems.notFound.client");
  return toApiClient(row, caller.scopes);
}

/** Personal fields in a write without `clients:pii`: refused, naming each field. */
function refusePii(caller: Caller, input: Record<string, unknown>) {
  if (caller.scopes.has("clients:pii")) return;
  const present = PII_FIELDS.filter((field) => input[field] !== undefined && input[field] !== null && input[field] !== "");
  if (present.length) {
    throw new ApiProblem(403, "FIELD_FORBIDDEN", "apiAdmin.problems.piiForbidden", { fieldErrors: Object.fromEntries(present.map((field) => [field, ["apiAdmin.problems.fields.needsPii"]])) });
  }
}

const asRecord = (value: unknown): Record<string, unknown> => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

export async function createClientForApi(caller: Caller, body: unknown, options: { tx?: Tx } = {}): Promise<{ id: string }> {
  const input = asRecord(body);
  refusePii(caller, input);
  return createClient(caller.actor, input, options);
}

/** Changes some fields; the others (including personal ones the caller cannot see) keep their values. */
export async function patchClientForApi(caller: Caller, clientId: string, body: unknown, options: { tx?: Tx } = {}): Promise<{ id: string }> {
  const patch = parseBody(clientPatchSchema, body);
  refusePii(caller, patch);
  const existing = await (options.tx ?? db()).client.findFirst({ where: { id: clientId, ...clientScope(caller.actor) }, select: clientSelect });
  if (!existing) throw notFound("apiAdmin.problems.notFound.client");
  const current = {
    kind: existing.kind, firstName: existing.firstName, lastName: existing.lastName, companyName: existing.companyName, email: existing.email, phone: existing.phone,
    birthDate: isoDay(existing.birthDate), street: existing.street, postalCode: existing.postalCode, city: existing.city, country: existing.country,
  };
  const merged = Object.fromEntries(Object.entries({ ...current, ...patch }).map(([key, value]) => [key, value ?? undefined]));
  return updateClient(caller.actor, clientId, merged, options);
}

/** A record's error in a batch answer, in the caller's language. */
export function batchError(error: unknown, locale: AppLocale = "en"): NonNullable<BatchResult["error"]> {
  if (error instanceof ApiProblem || error instanceof AppError) {
    return { code: error.code, detail: translate(locale, error.msg), ...(error.fieldMessages ? { errors: translateFieldMessages(error.fieldMessages, locale) } : {}) };
  }
  throw error;
}

const isExpected = (error: unknown) => error instanceof ApiProblem || error instanceof AppError;

export interface BatchOutcome {
  allOrNone: boolean;
  succeeded: number;
  failed: number;
  results: BatchResult[];
}

export function summarize(allOrNone: boolean, results: BatchResult[]): BatchOutcome {
  const failed = results.filter((result) => result.outcome === "error").length;
  return { allOrNone, succeeded: results.filter((result) => result.outcome === "created" || result.outcome === "updated").length, failed, results };
}

class RollBack extends Error {}

/** Records of a per-record batch in flight at once; leaves most of the pool to other requests. */
const BATCH_CONCURRENCY = 4;

/**
 * Up to 1,000 clients: a record with `id` updates that client, one without creates one. Each
 * record commits alone and gets its own result; with allOrNone every record runs in one
 * transaction that is rolled back if any fails.
 */
export async function batchClientsForApi(caller: Caller, records: Array<Record<string, unknown>>, allOrNone: boolean): Promise<BatchOutcome> {
  const run = async (record: Record<string, unknown>, index: number, tx?: Tx): Promise<BatchResult> => {
    const { id, ref, ...fields } = record;
    const refOut = typeof ref === "string" ? { ref } : {};
    try {
      if (typeof id === "string" && id) {
        await patchClientForApi(caller, id, fields, { tx });
        return { index, ...refOut, outcome: "updated", id };
      }
      const created = await createClientForApi(caller, fields, { tx });
      return { index, ...refOut, outcome: "created", id: created.id };
    } catch (error) {
      if (!isExpected(error)) throw error;
      return { index, ...refOut, outcome: "error", error: batchError(error, caller.locale) };
    }
  };

  if (!allOrNone) {
    // Records are independent: a few at a time, so the commits overlap (results keep their order).
    const results: BatchResult[] = new Array(records.length);
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(BATCH_CONCURRENCY, records.length) }, async () => {
        for (let index = next++; index < records.length; index = next++) results[index] = await run(records[index]!, index);
      }),
    );
    return summarize(false, results);
  }

  let results: BatchResult[] = [];
  try {
    await db().$transaction(
      async (tx) => {
        for (const [index, record] of records.entries()) results.push(await run(record, index, tx));
        if (results.some((result) => result.outcome === "error")) throw new RollBack();
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    results = results.map((result) => (result.outcome === "error" ? result : { index: result.index, ...(result.ref ? { ref: result.ref } : {}), outcome: "rolled_back" as const }));
  }
  return summarize(true, results);
}
