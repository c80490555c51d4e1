import { apiRoute } from "@/lib/api/handler";
import { getContractForApi } from "@/lib/api/contracts";

export const GET = apiRoute<{ id: string }>({ scopes: ["contracts:read"] }, async ({ principal, params }) => ({ body: await getContractForApi(principal, params.id) }));
