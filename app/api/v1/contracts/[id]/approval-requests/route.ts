import { apiRoute } from "@/lib/api/handler";
import { requestApprovalForApi } from "@/lib/api/contracts";

// Emails the customer a personal approval link for the current proposal (status 130).
export const POST = apiRoute<{ id: string }>({ scopes: ["contracts:write"] }, async ({ principal, params }) => ({ status: 201, body: await requestApprovalForApi(principal, params.id) }));
