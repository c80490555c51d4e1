"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { createProposal } from "@/lib/contracts/create-proposal";
import type { SendResult } from "@/lib/contracts/send-proposal";
import { actionError, type ActionResult } from "@/lib/errors";

export async function createProposalAction(input: unknown): Promise<ActionResult<{ contractId: string } & SendResult>> {
  try {
    const result = await createProposal(await requireUser(), input);
    revalidatePath("/");
    return { ok: true, data: result };
  } catch (error) {
    return actionError(error, { action: "createProposal" });
  }
}
