import { apiRoute } from "@/lib/api/handler";
import { saveAdviceForApi } from "@/lib/api/duties";

// The customer's recorded waiver of advice, in place of a completed advice record.
export const POST = apiRoute<{ id: string }>({ scopes: ["contracts:write"] }, async ({ principal, params, body }) => ({ status: 201, body: await saveAdviceForApi(principal, params.id, "waive", body) }));
