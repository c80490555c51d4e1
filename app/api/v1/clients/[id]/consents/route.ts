import { apiRoute } from "@/lib/api/handler";
import { listConsentsForApi, recordConsentForApi } from "@/lib/api/duties";

// A client's consents (withdrawn ones included), and recording one the client gave (source API).
export const GET = apiRoute<{ id: string }>({ scopes: ["clients:read"] }, async ({ principal, params }) => ({ body: await listConsentsForApi(principal, params.id) }));

export const POST = apiRoute<{ id: string }>({ scopes: ["clients:write"] }, async ({ principal, params, body }) => {
  const result = await recordConsentForApi(principal, params.id, body);
  return { status: result.created ? 201 : 200, body: result };
});
