import { apiRoute } from "@/lib/api/handler";
import { saveAdviceForApi } from "@/lib/api/duties";

// A completed version: frozen as a PDF in the client's language with its SHA-256.
export const POST = apiRoute<{ id: string }>({ scopes: ["contracts:write"] }, async ({ principal, params, body }) => ({ status: 201, body: await saveAdviceForApi(principal, params.id, "complete", body) }));
