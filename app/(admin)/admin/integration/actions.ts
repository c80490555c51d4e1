"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { replayCallbackDelivery } from "@/lib/callbacks/admin";
import { retryMail } from "@/lib/mail/mail-admin";
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

export async function retryMailAction(mailId: unknown): Promise<ActionResult> {
  try {
    if (typeof mailId !== "string") return { ok: false, error: msg("common.errors.notFound") };
    await retryMail(await requireUser({ admin: true }), mailId);
    // The row stays (with "queued") until the page is read again: the answer is seen where it was asked.
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error, { action: "retryMail" });
  }
}
