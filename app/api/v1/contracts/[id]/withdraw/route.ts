import { apiRoute } from "@/lib/api/handler";
import { withdrawForApi } from "@/lib/api/contracts";

// 110, 120, 130 or 240 → 430, with a reason: the same use case as the contract page's Withdraw.
export const POST = apiRoute<{ id: string }>({ scopes: ["contracts:write"] }, async ({ principal, params, body }) => ({ body: await withdrawForApi(principal, params.id, body) }));
