import { apiRoute } from "@/lib/api/handler";
import { resubmitForApi } from "@/lib/api/contracts";

// 110 (or 130) → 120 with completed or changed product data.
export const POST = apiRoute<{ id: string }>({ scopes: ["contracts:write"] }, async ({ principal, params, body }) => ({ body: await resubmitForApi(principal, params.id, body) }));
