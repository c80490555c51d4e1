"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { actionError, type ActionResult } from "@/lib/errors";
import { updateApprovalSettings } from "@/lib/approvals/approval-settings";
import { setDefaultLocale } from "@/lib/organizations/default-locale";
import type { AppLocale } from "@/lib/i18n/locales";

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

export async function setDefaultLocaleAction(input: unknown): Promise<ActionResult<{ defaultLocale: AppLocale }>> {
  try {
    const admin = await requireUser({ admin: true });
    const defaultLocale = await setDefaultLocale(admin, input);
    // Every page of the firm may speak another language now (users without their own choice).
    revalidatePath("/", "layout");
    return { ok: true, data: { defaultLocale } };
  } catch (error) {
    return actionError(error, { action: "setDefaultLocale" });
  }
}
