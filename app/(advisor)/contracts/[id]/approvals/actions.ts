"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { actionError, type ActionResult } from "@/lib/errors";
import { sendApprovalRequest } from "@/lib/approvals/send-approval-request";

export async function sendApprovalRequestAction(contractId: unknown): Promise<ActionResult<{ email: string; expiresAt: string }>> {
  try {
    const id = typeof contractId === "string" && contractId.length > 0 && contractId.length < 100 ? contractId : "";
    const sent = await sendApprovalRequest(await requireUser(), id);
    revalidatePath(`/contracts/${id}`);
    return { ok: true, data: { email: sent.email, expiresAt: sent.expiresAt.toISOString() } };
  } catch (error) {
    return actionError(error, { action: "sendApprovalRequest" });
  }
}
