"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { actionError, type ActionResult } from "@/lib/errors";
import { eraseClient } from "@/lib/privacy/erase";
import { saveRetentionSettings } from "@/lib/privacy/settings";

const idOf = (value: unknown) => (typeof value === "string" && value.length > 0 && value.length < 100 ? value : "");

export async function eraseClientAction(clientId: unknown, confirmName: unknown): Promise<ActionResult<{ kept: number }>> {
  try {
    const id = idOf(clientId);
    const result = await eraseClient(await requireUser(), id, { confirmName });
    revalidatePath(`/clients/${id}`);
    return { ok: true, data: { kept: result.kept.length } };
  } catch (error) {
    return actionError(error, { action: "eraseClient" });
  }
}

export async function saveRetentionSettingsAction(input: unknown): Promise<ActionResult<{ contractRetentionYears: number; otherRetentionYears: number }>> {
  try {
    const saved = await saveRetentionSettings(await requireUser({ admin: true }), input);
    revalidatePath("/admin/settings");
    return { ok: true, data: saved };
  } catch (error) {
    return actionError(error, { action: "saveRetentionSettings" });
  }
}
