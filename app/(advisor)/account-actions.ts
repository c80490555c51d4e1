"use server";

import { requireUser } from "@/lib/auth/session";
import { actionError, type ActionResult } from "@/lib/errors";
import { signOutEverywhere } from "@/lib/users/manage-users";

export async function signOutEverywhereAction(): Promise<ActionResult> {
  try {
    await signOutEverywhere(await requireUser());
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error, { action: "signOutEverywhere" });
  }
}
