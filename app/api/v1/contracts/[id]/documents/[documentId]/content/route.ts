import { apiRoute } from "@/lib/api/handler";
import { getDocumentContentForApi } from "@/lib/api/contracts";

export const GET = apiRoute<{ id: string; documentId: string }>({ scopes: ["documents:read"] }, async ({ principal, params }) => {
  const document = await getDocumentContentForApi(principal, params.id, params.documentId);
  return new Response(new Uint8Array(document.bytes), {
    headers: {
      "content-type": document.mime,
      "content-length": String(document.size),
      etag: `"${document.sha256}"`,
      "content-disposition": `attachment; filename="${document.name.replace(/[^\w.\- ]/g, "_")}"`,
    },
  });
});
