import { apiRoute } from "@/lib/api/handler";
import { createClientForApi, getClientForApi, listClientsForApi } from "@/lib/api/clients";

export const GET = apiRoute({ scopes: ["clients:read"] }, async ({ principal, url }) => ({ body: await listClientsForApi(principal, url.searchParams) }));

export const POST = apiRoute({ scopes: ["clients:write"] }, async ({ principal, body }) => {
  const { id } = await createClientForApi(principal, body);
  return { status: 201, body: await getClientForApi(principal, id), headers: { location: `/api/v1/clients/${id}` } };
});
