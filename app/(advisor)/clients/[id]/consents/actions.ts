"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { actionError, type ActionResult } from "@/lib/errors";
import { recordConsent, withdrawConsent } from "@/lib/consents/consents";

const id = (value: unknown) => (typeof value === "string" && value.length > 0 && value.length < 100 ? value : "");

export async function recordConsentAction(clientId: unknown, input: unknown): Promise<ActionResult<{ created: boolean }>> {
  try {
    const { created } = await recordConsent(await requireUser(), id(clientId), input, "ADVISOR");
    revalidatePath(`/clients/${id(clientId)}`);
    return { ok: true, data: { created } };
  } catch (error) {
    return actionError(error, { action: "recordConsent" });
  }
}

export async function withdrawConsentAction(clientId: unknown, consentId: unknown): Promise<ActionResult<{ withdrawn: true }>> {
  try {
    await withdrawConsent(await requireUser(), id(clientId), id(consentId), "ADVISOR");
    revalidatePath(`/clients/${id(clientId)}`);
    return { ok: true, data: { withdrawn: true } };
  } catch (error) {
    return actionError(error, { action: "withdrawConsent" });
  }
}
