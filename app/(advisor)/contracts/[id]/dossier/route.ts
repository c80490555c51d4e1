import { getLocale } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { appLocaleOr } from "@/lib/i18n/locales";
import { problemResponse } from "@/lib/errors";
import { documentResponse } from "@/lib/http/document-response";
import { generateDossierFor, getStoredDossier } from "@/lib/dossier/dossier";
import { EVIDENCE_ATTACHMENT } from "@/lib/dossier/render-dossier";

// The contract's evidence dossier: a fresh one in the reader's language, or (?stored=1) the copy
// stored when the contract became active, or (?stored=1&format=json) that copy's evidence JSON.
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const locale = appLocaleOr(await getLocale());
  try {
    const user = await requireUser();
    const { id } = await params;
    const query = new URL(request.url).searchParams;
    if (query.get("stored") === "1") {
      const stored = await getStoredDossier(user, id);
      if (query.get("format") === "json") {
        return new Response(stored.evidence, {
          headers: {
            "content-type": "application/json; charset=utf-8",
            "content-disposition": `attachment; filename="${EVIDENCE_ATTACHMENT}"`,
            "x-content-type-options": "nosniff",
            "cache-control": "private, no-store",
            "x-dossier-sha256": stored.sha256,
          },
        });
      }
      const response = documentResponse({ name: `dossier-${id}.pdf`, mime: "application/pdf", bytes: new Uint8Array(stored.pdf) }, { download: true, cache: "no-store" });
      response.headers.set("x-dossier-sha256", stored.sha256);
      return response;
    }
    const dossier = await generateDossierFor(user, id, locale);
    const response = documentResponse({ name: dossier.filename, mime: "application/pdf", bytes: dossier.pdf }, { download: true, cache: "no-store" });
    response.headers.set("x-dossier-sha256", dossier.sha256);
    return response;
  } catch (error) {
    return problemResponse(error, { route: "contract.dossier" }, locale);
  }
}
