"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { actionError, type ActionResult } from "@/lib/errors";
import { completeAdvice, saveAdviceDraft, waiveAdvice, type SavedAdvice } from "@/lib/advice/advice-records";

const id = (value: unknown) => (typeof value === "string" && value.length > 0 && value.length < 100 ? value : "");

async function run(contractId: unknown, action: () => Promise<SavedAdvice>, name: string): Promise<ActionResult<SavedAdvice>> {
  try {
    const data = await action();
    revalidatePath(`/contracts/${id(contractId)}`);
    return { ok: true, data };
  } catch (error) {
    return actionError(error, { action: name });
  }
}

export async function saveAdviceDraftAction(contractId: unknown, input: unknown): Promise<ActionResult<SavedAdvice>> {
  return run(contractId, async () => saveAdviceDraft(await requireUser(), id(contractId), input), "saveAdviceDraft");
}

export async function completeAdviceAction(contractId: unknown, input: unknown): Promise<ActionResult<SavedAdvice>> {
  return run(contractId, async () => completeAdvice(await requireUser(), id(contractId), input), "completeAdvice");
}

export async function waiveAdviceAction(contractId: unknown, input: unknown): Promise<ActionResult<SavedAdvice>> {
  return run(contractId, async () => waiveAdvice(await requireUser(), id(contractId), input), "waiveAdvice");
}
