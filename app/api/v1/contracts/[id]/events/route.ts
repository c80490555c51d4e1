import { apiRoute } from "@/lib/api/handler";
import { listContractEventsForApi } from "@/lib/api/contracts";

export const GET = apiRoute<{ id: string }>({ scopes: ["contracts:read"] }, async ({ principal, params, url }) => ({ body: await listContractEventsForApi(principal, params.id, url.searchParams) }));
