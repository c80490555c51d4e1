import { getLocale } from "next-intl/server";
import { requireUser } from "@/lib/auth/session";
import { appLocaleOr } from "@/lib/i18n/locales";
import { getAdvisorReceipt } from "@/lib/approvals/approval-receipt";
import { problemResponse } from "@/lib/errors";
import { documentResponse } from "@/lib/http/document-response";

// The advisor's copy of a decision's receipt. Session-checked and scoped like the contract.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; approvalId: string }> }) {
  try {
    const user = await requireUser();
    const { id, approvalId } = await params;
    const receipt = await getAdvisorReceipt(user, id, approvalId);
    return documentResponse({ name: receipt.filename, mime: "application/pdf", bytes: new Uint8Array(receipt.bytes) }, { download: true, cache: "no-store" });
  } catch (error) {
    return problemResponse(error, { route: "approval.receipt" }, appLocaleOr(await getLocale()));
  }
}
