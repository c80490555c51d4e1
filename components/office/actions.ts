"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { actionError, type ActionResult } from "@/lib/errors";
import { msg } from "@/lib/i18n/message";
import { saveOfficeSettings, type OfficeSettings } from "@/lib/tasks/office-settings";
import { ownedClients, reassignClients, type ReassignResult } from "@/lib/users/reassign-clients";

export async function saveOfficeSettingsAction(input: unknown): Promise<ActionResult<OfficeSettings>> {
  try {
    const admin = await requireUser({ admin: true });
    const saved = await saveOfficeSettings(admin, input);
    revalidatePath("/admin/settings");
    revalidatePath("/tasks");
    return { ok: true, data: saved };
  } catch (error) {
    return actionError(error, { action: "saveOfficeSettings" });
  }
}

export async function reassignClientsAction(input: unknown): Promise<ActionResult<ReassignResult>> {
  try {
    const admin = await requireUser({ admin: true });
    if (typeof input !== "object" || input === null) return { ok: false, error: msg("common.errors.invalidRequest") };
    const result = await reassignClients(admin, input as Parameters<typeof reassignClients>[1]);
    revalidatePath("/admin/users");
    return { ok: true, data: result };
  } catch (error) {
    return actionError(error, { action: "reassignClients" });
  }
}

export async function ownedClientsAction(ownerId: unknown): Promise<ActionResult<Array<{ id: string; displayName: string; contracts: number }>>> {
  try {
    const admin = await requireUser({ admin: true });
    if (typeof ownerId !== "string") return { ok: false, error: msg("common.errors.invalidRequest") };
    return { ok: true, data: await ownedClients(admin, ownerId) };
  } catch (error) {
    return actionError(error, { action: "ownedClients" });
  }
}
