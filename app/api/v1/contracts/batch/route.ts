import { apiRoute, parseBody } from "@/lib/api/handler";
import { batchContractsForApi } from "@/lib/api/contract-batch";
import { contractBatchSchema } from "@/lib/api/schemas";

export const POST = apiRoute({ scopes: ["contracts:write"] }, async ({ principal, body, idempotencyKey }) => {
  const { records, allOrNone } = parseBody(contractBatchSchema, body);
  const outcome = await batchContractsForApi(principal, records, { allOrNone, apiClientId: principal.apiClientId, idempotencyKey });
  return { body: outcome };
});
