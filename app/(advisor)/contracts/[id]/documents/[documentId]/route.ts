import { requireUser } from "@/lib/auth/session";
import { getDocumentForViewer } from "@/lib/contracts/queries";
import { problemResponse } from "@/lib/errors";

// A stored document, inline (the PDF viewer) or as a download (?download=1). Session-checked and scoped.
export async function GET(request: Request, { params }: { params: Promise<{ id: string; documentId: string }> }) {
  try {
    const user = await requireUser();
    const { documentId } = await params;
    const document = await getDocumentForViewer(user, documentId);
    const download = new URL(request.url).searchParams.has("download");
    const filename = document.name.replace(/[^\w.\- ]+/g, "_");
    return new Response(new Uint8Array(document.bytes), {
      headers: {
        "content-type": document.mime,
        "content-length": String(document.size),
        "content-disposition": `${download ? "attachment" : "inline"}; filename="${filename}"`,
        "cache-control": "private, max-age=3600",
        "x-content-type-options": "nosniff",
        etag: `"${document.sha256}"`,
      },
    });
  } catch (error) {
    return problemResponse(error, { route: "document" });
  }
}
