import { getLocale } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { appLocaleOr } from "@/lib/i18n/locales";
import { translate } from "@/lib/i18n/translate";
import { getAdvicePdfForViewer } from "@/lib/advice/advice-view";
import { problemResponse } from "@/lib/errors";
import { documentResponse } from "@/lib/http/document-response";

// One frozen version of the advice record as its PDF, inline or as a download (?download=1).
// Session-checked and scoped like the contract; served as a verified PDF, never anything that runs script.
export async function GET(request: Request, { params }: { params: Promise<{ id: string; recordId: string }> }) {
  const locale = appLocaleOr(await getLocale());
  try {
    const user = await requireUser();
    const { id, recordId } = await params;
    const pdf = await getAdvicePdfForViewer(user, id, recordId);
    const download = new URL(request.url).searchParams.has("download");
    const name = translate(appLocaleOr(pdf.locale), pdf.waived ? "advice.pdf.waiverFilename" : "advice.pdf.filename", { version: pdf.version });
    return documentResponse({ name, mime: "application/pdf", bytes: pdf.bytes, sha256: pdf.sha256 }, { download });
  } catch (error) {
    return problemResponse(error, { route: "advice.pdf" }, locale);
  }
}
