import { getCustomerReceipt } from "@/lib/approvals/approval-receipt";
import { problemResponse } from "@/lib/errors";

// The customer's receipt, once they have decided.
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  try {
    const { token } = await params;
    const receipt = await getCustomerReceipt(token);
    return new Response(new Uint8Array(receipt.bytes), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="${receipt.filename}"`,
        "cache-control": "private, no-store",
        "referrer-policy": "no-referrer",
        "x-content-type-options": "nosniff",
        "x-robots-tag": "noindex",
      },
    });
  } catch (error) {
    return problemResponse(error, { route: "approve.receipt" });
  }
}
