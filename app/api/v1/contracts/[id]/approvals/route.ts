import { apiRoute } from "@/lib/api/handler";
import { recordApprovalForApi } from "@/lib/api/contracts";

// Records an approval the customer gave outside the portal (paper, phone, email, in person).
export const POST = apiRoute<{ id: string }>({ scopes: ["contracts:write"] }, async ({ principal, params, body }) => ({ status: 201, body: await recordApprovalForApi(principal, params.id, body) }));
