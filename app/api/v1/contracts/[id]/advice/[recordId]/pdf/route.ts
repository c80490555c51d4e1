import { apiRoute } from "@/lib/api/handler";
import { advicePdfForApi } from "@/lib/api/duties";
import { documentResponse } from "@/lib/http/document-response";

// One completed version's PDF, as the customer saw it (served as a verified PDF, with its SHA-256 as ETag).
export const GET = apiRoute<{ id: string; recordId: string }>({ scopes: ["documents:read"] }, async ({ principal, params }) => {
  const pdf = await advicePdfForApi(principal, params.id, params.recordId);
  return documentResponse({ name: `advice-record-v${pdf.version}.pdf`, mime: "application/pdf", bytes: pdf.bytes, sha256: pdf.sha256 }, { download: true });
});
