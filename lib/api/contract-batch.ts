/**
 * POST /api/v1/contracts/batch: up to 1,000 proposals, each optionally with a new client, in
 * one call. Each record goes through the same use cases as the browser (create the client,
 * draft the proposal and send 120) and gets its own result. With allOrNone every record is
 * validated first (client fields, visibility, product and product data) and nothing is
 * written if any is invalid. What the provider says while sending is reported per record and
 * cannot be rolled back (a draft the provider did not take stays, as in the browser).
 */
import { z } from "zod";
import { db } from "../db";
import { translate } from "../i18n/translate";
import { AppError, translateFieldMessages, notFound } from "../errors";
import { clientScope } from "../auth/scope";
import { clientInputSchema, fieldErrorsOf } from "../clients/schema";
import { createProposal } from "../contracts/create-proposal";
import { productFieldSchema } from "../finum/records";
import { productDataSchema, productDraftSchema } from "../products/product-data";
import { ApiProblem } from "./problem";
import { batchError, createClientForApi, summarize, type BatchOutcome, type Caller } from "./clients";
import { requestKeyOf } from "./contracts";
import { PII_FIELDS } from "./scopes";
import type { BatchResult } from "./schemas";
import type { contractBatchSchema } from "./schemas";

type Record_ = z.output<typeof contractBatchSchema>["records"][number];

async function validate(caller: Caller, record: Record_): Promise<void> {
  if (!record.clientId === !record.client) throw new AppError("VALIDATION", "apiAdmin.problems.clientIdOrClient", { fieldErrors: { clientId: ["apiAdmin.problems.clientIdOrClient"] } });
  if (record.client) {
    if (!caller.scopes.has("clients:write")) throw new ApiProblem(403, "INSUFFICIENT_SCOPE", "apiAdmin.problems.clientsWriteNeeded");
    if (!caller.scopes.has("clients:pii")) {
      const present = PII_FIELDS.filter((field) => record.client?.[field] !== undefined && record.client?.[field] !== null && record.client?.[field] !== "");
      if (present.length) throw new ApiProblem(403, "FIELD_FORBIDDEN", "apiAdmin.problems.piiForbidden", { fieldErrors: Object.fromEntries(present.map((field) => [`client.${field}`, ["apiAdmin.problems.fields.needsPii"]])) });
    }
    const parsed = clientInputSchema.safeParse(record.client);
    if (!parsed.success) throw new AppError("VALIDATION", "apiAdmin.problems.clientFields", { fieldErrors: Object.fromEntries(Object.entries(fieldErrorsOf(parsed.error)).map(([key, value]) => [`client.${key}`, value])) });
  } else if (!(await db().client.findFirst({ where: { id: record.clientId, ...clientScope(caller.actor) }, select: { id: true } }))) {
    throw notFound("apiAdmin.problems.notFound.client");
  }
  const product = await db().product.findFirst({ where: { id: record.productId, active: true, provider: { organizationId: caller.actor.organizationId } }, select: { fields: true } });
  if (!product) throw notFound("apiAdmin.problems.notFound.product");
  const fields = z.array(productFieldSchema).parse(product.fields);
  const data = (record.allowMissing ? productDraftSchema(fields) : productDataSchema(fields)).safeParse(record.data);
  if (!data.success) throw new AppError("VALIDATION", "apiAdmin.problems.productFields", { fieldErrors: Object.fromEntries(Object.entries(fieldErrorsOf(data.error)).map(([key, value]) => [`data.${key}`, value])) });
}

export async function batchContractsForApi(caller: Caller, records: Record_[], options: { allOrNone: boolean; apiClientId: string; idempotencyKey: string | null }): Promise<BatchOutcome> {
  const refOf = (record: Record_) => (record.ref ? { ref: record.ref } : {});
  const expected = (error: unknown) => error instanceof AppError || error instanceof ApiProblem;

  if (options.allOrNone) {
    const checked: BatchResult[] = [];
    for (const [index, record] of records.entries()) {
      try {
        await validate(caller, record);
      } catch (error) {
        if (!expected(error)) throw error;
        checked.push({ index, ...refOf(record), outcome: "error", error: batchError(error, caller.locale) });
      }
    }
    if (checked.length) {
      const failed = new Map(checked.map((result) => [result.index, result]));
      return summarize(true, records.map((record, index) => failed.get(index) ?? { index, ...refOf(record), outcome: "rolled_back" }));
    }
  }

  const results: BatchResult[] = [];
  for (const [index, record] of records.entries()) {
    let clientId = record.clientId;
    try {
      // A record that cannot succeed leaves nothing behind (no client without its proposal).
      if (!options.allOrNone) await validate(caller, record);
      if (record.client) clientId = (await createClientForApi(caller, record.client)).id;
      const sent = await createProposal(caller.actor, {
        clientId,
        productId: record.productId,
        data: record.data,
        allowMissing: record.allowMissing,
        requestKey: requestKeyOf(options.apiClientId, options.idempotencyKey ? `${options.idempotencyKey}#${index}` : null),
        ...(record.providerSharingConsent ? { providerSharingConsent: record.providerSharingConsent } : {}),
      }, { consentSource: "API" });
      if (sent.sent) results.push({ index, ...refOf(record), outcome: "created", id: sent.contractId, clientId });
      else results.push({ index, ...refOf(record), outcome: "error", id: sent.contractId, clientId, error: { code: sent.code, detail: translate(caller.locale ?? "en", sent.error), ...(sent.fieldErrors ? { errors: translateFieldMessages(sent.fieldErrors, caller.locale ?? "en") } : {}) } });
    } catch (error) {
      if (!expected(error)) throw error;
      results.push({ index, ...refOf(record), outcome: "error", ...(clientId ? { clientId } : {}), error: batchError(error, caller.locale) });
    }
  }
  return summarize(options.allOrNone, results);
}
