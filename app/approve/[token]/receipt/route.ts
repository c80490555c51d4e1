import { getCustomerReceipt } from "@/lib/approvals/approval-receipt";
import { problemResponse } from "@/lib/errors";
import { documentResponse } from "@/lib/http/document-response";
import { requestLocale } from "@/lib/i18n/request-locale";

// The customer's receipt, once they have decided, in the language of their pages.
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const locale = await requestLocale();
  try {
    const { token } = await params;
    const receipt = await getCustomerReceipt(token, locale);
    const response = documentResponse({ name: receipt.filename, mime: "application/pdf", bytes: new Uint8Array(receipt.bytes) }, { download: true, cache: "no-store" });
    response.headers.set("x-robots-tag", "noindex");
    return response;
  } catch (error) {
    return problemResponse(error, { route: "approve.receipt" }, locale);
  }
}
