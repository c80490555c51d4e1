import { apiRoute } from "@/lib/api/handler";
import { withdrawConsentForApi } from "@/lib/api/duties";

// Withdraws a consent: kept, marked withdrawn (source API). Withdrawing twice changes nothing.
export const POST = apiRoute<{ id: string; consentId: string }>({ scopes: ["clients:write"] }, async ({ principal, params }) => ({ body: await withdrawConsentForApi(principal, params.id, params.consentId) }));
