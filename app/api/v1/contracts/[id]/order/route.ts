import { apiRoute } from "@/lib/api/handler";
import { orderForApi } from "@/lib/api/contracts";

// 130 → 230, only with the customer's approval of the current proposal version.
export const POST = apiRoute<{ id: string }>({ scopes: ["contracts:write"] }, async ({ principal, params, body }) => ({ body: await orderForApi(principal, params.id, body) }));
