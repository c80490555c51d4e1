import { apiRoute } from "@/lib/api/handler";
import { getClientForApi, patchClientForApi } from "@/lib/api/clients";

export const GET = apiRoute<{ id: string }>({ scopes: ["clients:read"] }, async ({ principal, params }) => ({ body: await getClientForApi(principal, params.id) }));

export const PATCH = apiRoute<{ id: string }>({ scopes: ["clients:write"] }, async ({ principal, params, body }) => {
  await patchClientForApi(principal, params.id, body);
  return { body: await getClientForApi(principal, params.id) };
});
