"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { replayCallbackDelivery } from "@/lib/callbacks/admin";
import { msg } from "@/lib/i18n/message";
import { actionError, type ActionResult } from "@/lib/errors";

export async function replayDeliveryAction(deliveryId: unknown): Promise<ActionResult> {
  try {
    if (typeof deliveryId !== "string") return { ok: false, error: msg("common.errors.notFound") };
    await replayCallbackDelivery(await requireUser({ admin: true }), deliveryId);
    revalidatePath("/admin/integration");
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error, { action: "replayDelivery" });
  }
}
