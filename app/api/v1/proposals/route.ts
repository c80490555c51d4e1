import { apiRoute } from "@/lib/api/handler";
import { createProposalForApi } from "@/lib/api/contracts";

// Drafts a proposal and sends it to the provider (120): the use case the "New proposal" wizard calls.
export const POST = apiRoute({ scopes: ["contracts:write"] }, async ({ principal, body, idempotencyKey }) => {
  const result = await createProposalForApi(principal, body, { apiClientId: principal.apiClientId, idempotencyKey });
  return { status: 201, body: result, headers: { location: `/api/v1/contracts/${result.contract.id}` } };
});
