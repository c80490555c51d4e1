"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { msg } from "@/lib/i18n/message";
import { actionError, type ActionResult } from "@/lib/errors";
import { startProviderSync } from "@/lib/sync/sync-now";
import { updateSyncSettings, type SyncSettings } from "@/lib/sync/sync-settings";

const isId = (value: unknown): value is string => typeof value === "string" && value.length > 0 && value.length < 100;

export async function startSyncAction(providerId: unknown): Promise<ActionResult<{ started: boolean; since: string }>> {
  try {
    const admin = await requireUser({ admin: true });
    if (!isId(providerId)) return { ok: false, error: msg("common.errors.invalidRequest") };
    return { ok: true, data: await startProviderSync(admin, providerId) };
  } catch (error) {
    return actionError(error, { action: "startSync" });
  }
}

export async function updateSyncSettingsAction(input: unknown): Promise<ActionResult<SyncSettings>> {
  try {
    const admin = await requireUser({ admin: true });
    const saved = await updateSyncSettings(admin, input);
    revalidatePath("/admin/sync");
    return { ok: true, data: saved };
  } catch (error) {
    return actionError(error, { action: "updateSyncSettings" });
  }
}
