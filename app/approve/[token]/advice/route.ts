import { getCustomerAdvicePdf } from "@/lib/approvals/customer-approval";
import { notFound, problemResponse } from "@/lib/errors";
import { documentResponse } from "@/lib/http/document-response";
import { requestLocale } from "@/lib/i18n/request-locale";
import { appLocaleOr } from "@/lib/i18n/locales";
import { translate } from "@/lib/i18n/translate";

// The advice record bound to the link, only while the link is open (as the proposal). Read-only;
// served as a verified PDF (never something that runs script on our origin).
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const locale = await requestLocale();
  try {
    const { token } = await params;
    const pdf = await getCustomerAdvicePdf(token);
    if (!pdf) throw notFound("customer.errors.documentNotFound");
    const name = translate(appLocaleOr(pdf.locale), pdf.waived ? "advice.pdf.waiverFilename" : "advice.pdf.filename", { version: pdf.version });
    const response = documentResponse({ name, mime: "application/pdf", bytes: pdf.bytes, sha256: pdf.sha256 }, { cache: "no-store" });
    response.headers.set("x-robots-tag", "noindex");
    return response;
  } catch (error) {
    return problemResponse(error, { route: "approve.advice" }, locale);
  }
}
