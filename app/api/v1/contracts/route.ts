import { apiRoute } from "@/lib/api/handler";
import { listContractsForApi } from "@/lib/api/contracts";

export const GET = apiRoute({ scopes: ["contracts:read"] }, async ({ principal, url }) => ({ body: await listContractsForApi(principal, url.searchParams) }));
