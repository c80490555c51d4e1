import { apiRoute } from "@/lib/api/handler";
import { sendDraftForApi } from "@/lib/api/contracts";

// Sends a draft that the provider did not take earlier (0 → 120).
export const POST = apiRoute<{ id: string }>({ scopes: ["contracts:write"] }, async ({ principal, params }) => ({ body: await sendDraftForApi(principal, params.id) }));
