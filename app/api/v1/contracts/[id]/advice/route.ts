import { apiRoute } from "@/lib/api/handler";
import { listAdviceForApi, saveAdviceForApi } from "@/lib/api/duties";

// The advice record's versions, and saving a new draft version.
export const GET = apiRoute<{ id: string }>({ scopes: ["contracts:read"] }, async ({ principal, params }) => ({ body: await listAdviceForApi(principal, params.id) }));

export const POST = apiRoute<{ id: string }>({ scopes: ["contracts:write"] }, async ({ principal, params, body }) => ({ status: 201, body: await saveAdviceForApi(principal, params.id, "draft", body) }));
