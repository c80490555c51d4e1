import { getCustomerDocument } from "@/lib/approvals/customer-approval";
import { notFound, problemResponse } from "@/lib/errors";

// The proposal bound to the link, only while the link is open. Read-only.
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  try {
    const { token } = await params;
    const document = await getCustomerDocument(token);
    if (!document) throw notFound("This document");
    const filename = document.name.replace(/[^\w.\- ]+/g, "_");
    return new Response(new Uint8Array(document.bytes), {
      headers: {
        "content-type": document.mime,
        "content-length": String(document.size),
        "content-disposition": `inline; filename="${filename}"`,
        "cache-control": "private, no-store",
        "referrer-policy": "no-referrer",
        "x-content-type-options": "nosniff",
        "x-robots-tag": "noindex",
      },
    });
  } catch (error) {
    return problemResponse(error, { route: "approve.document" });
  }
}
