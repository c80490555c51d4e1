import { getCustomerDocument } from "@/lib/approvals/customer-approval";
import { notFound, problemResponse } from "@/lib/errors";
import { documentResponse } from "@/lib/http/document-response";
import { requestLocale } from "@/lib/i18n/request-locale";

// The proposal bound to the link, only while the link is open. Read-only; served only as a
// verified PDF or image (anything else downloads, sandboxed), never as something that runs script.
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const locale = await requestLocale();
  try {
    const { token } = await params;
    const document = await getCustomerDocument(token);
    if (!document) throw notFound("customer.errors.documentNotFound");
    const response = documentResponse({ name: document.name, mime: document.mime, bytes: new Uint8Array(document.bytes) }, { cache: "no-store" });
    response.headers.set("x-robots-tag", "noindex");
    return response;
  } catch (error) {
    return problemResponse(error, { route: "approve.document" }, locale);
  }
}
