import { apiRoute } from "@/lib/api/handler";
import { listProductsForApi } from "@/lib/api/contracts";

export const GET = apiRoute({ scopes: ["contracts:read"] }, async ({ principal, url }) => ({ body: await listProductsForApi(principal, url.searchParams) }));
