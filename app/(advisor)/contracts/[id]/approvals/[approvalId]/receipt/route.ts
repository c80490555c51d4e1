import { requireUser } from "@/lib/auth/session";
import { getAdvisorReceipt } from "@/lib/approvals/approval-receipt";
import { problemResponse } from "@/lib/errors";

// The advisor's copy of a decision's receipt. Session-checked and scoped like the contract.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; approvalId: string }> }) {
  try {
    const user = await requireUser();
    const { id, approvalId } = await params;
    const receipt = await getAdvisorReceipt(user, id, approvalId);
    return new Response(new Uint8Array(receipt.bytes), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="${receipt.filename}"`,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    return problemResponse(error, { route: "approval.receipt" });
  }
}
