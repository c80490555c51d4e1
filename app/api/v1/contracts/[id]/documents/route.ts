import { apiRoute } from "@/lib/api/handler";
import { listContractDocumentsForApi } from "@/lib/api/contracts";

export const GET = apiRoute<{ id: string }>({ scopes: ["documents:read"] }, async ({ principal, params }) => ({ body: await listContractDocumentsForApi(principal, params.id) }));
