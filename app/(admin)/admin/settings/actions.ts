"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { actionError, type ActionResult } from "@/lib/errors";
import { updateApprovalSettings } from "@/lib/approvals/approval-settings";

export async function updateApprovalSettingsAction(input: unknown): Promise<ActionResult<{ autoOrderOnApproval: boolean; approvalTtlHours: number }>> {
  try {
    const admin = await requireUser({ admin: true });
    const saved = await updateApprovalSettings(admin, input);
    revalidatePath("/admin/settings");
    return { ok: true, data: saved };
  } catch (error) {
    return actionError(error, { action: "updateApprovalSettings" });
  }
}
