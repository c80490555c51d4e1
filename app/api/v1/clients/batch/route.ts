import { apiRoute, parseBody } from "@/lib/api/handler";
import { batchClientsForApi } from "@/lib/api/clients";
import { clientBatchSchema } from "@/lib/api/schemas";

export const POST = apiRoute({ scopes: ["clients:write"] }, async ({ principal, body }) => {
  const { records, allOrNone } = parseBody(clientBatchSchema, body);
  const outcome = await batchClientsForApi(principal, records, allOrNone);
  return { body: outcome };
});
