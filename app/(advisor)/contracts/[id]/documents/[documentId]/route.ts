import { getLocale } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { appLocaleOr } from "@/lib/i18n/locales";
import { getDocumentForViewer } from "@/lib/contracts/queries";
import { problemResponse } from "@/lib/errors";
import { documentResponse } from "@/lib/http/document-response";

// A stored document, inline (the PDF viewer) or as a download (?download=1). Session-checked and
// scoped. Served only as a verified PDF or image; anything else downloads, sandboxed.
export async function GET(request: Request, { params }: { params: Promise<{ id: string; documentId: string }> }) {
  try {
    const user = await requireUser();
    const { documentId } = await params;
    const document = await getDocumentForViewer(user, documentId);
    const download = new URL(request.url).searchParams.has("download");
    return documentResponse({ name: document.name, mime: document.mime, bytes: new Uint8Array(document.bytes), sha256: document.sha256 }, { download });
  } catch (error) {
    return problemResponse(error, { route: "document" }, appLocaleOr(await getLocale()));
  }
}
