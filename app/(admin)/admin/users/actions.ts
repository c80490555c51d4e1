"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { msg } from "@/lib/i18n/message";
import { actionError, type ActionResult } from "@/lib/errors";
import { createUser, setUserDisabled, setUserRole } from "@/lib/users/manage-users";

export async function createUserAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  try {
    const admin = await requireUser({ admin: true });
    const user = await createUser(admin.organizationId, input, admin);
    revalidatePath("/admin/users");
    return { ok: true, data: user };
  } catch (error) {
    return actionError(error, { action: "createUser" });
  }
}

export async function setUserDisabledAction(userId: unknown, disabled: unknown): Promise<ActionResult> {
  try {
    const admin = await requireUser({ admin: true });
    if (typeof userId !== "string" || typeof disabled !== "boolean") return { ok: false, error: msg("common.errors.invalidRequest") };
    await setUserDisabled(admin, userId, disabled);
    revalidatePath("/admin/users");
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error, { action: "setUserDisabled" });
  }
}

export async function setUserRoleAction(userId: unknown, role: unknown): Promise<ActionResult> {
  try {
    const admin = await requireUser({ admin: true });
    if (typeof userId !== "string") return { ok: false, error: msg("common.errors.invalidRequest") };
    await setUserRole(admin, userId, role);
    revalidatePath("/admin/users");
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error, { action: "setUserRole" });
  }
}
