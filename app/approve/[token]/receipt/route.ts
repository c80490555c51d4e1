import { getCustomerReceipt } from "@/lib/approvals/approval-receipt";
import { problemResponse } from "@/lib/errors";
import { documentResponse } from "@/lib/http/document-response";

// The customer's receipt, once they have decided.
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  try {
    const { token } = await params;
    const receipt = await getCustomerReceipt(token);
    const response = documentResponse({ name: receipt.filename, mime: "application/pdf", bytes: new Uint8Array(receipt.bytes) }, { download: true, cache: "no-store" });
    response.headers.set("x-robots-tag", "noindex");
    return response;
  } catch (error) {
    return problemResponse(error, { route: "approve.receipt" });
  }
}
