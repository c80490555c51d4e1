"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { actionError, type ActionResult } from "@/lib/errors";
import { sendProposal } from "@/lib/contracts/send-proposal";
import { resubmitContractData } from "@/lib/contracts/resubmit-contract-data";
import { orderContract } from "@/lib/contracts/order-contract";
import { refreshContractForUser } from "@/lib/contracts/refresh-for-user";
import { recordOfflineApproval } from "@/lib/approvals/record-offline-approval";
import { withdrawContract } from "@/lib/contracts/withdraw-contract";

const id = (value: unknown) => (typeof value === "string" && value.length > 0 && value.length < 100 ? value : "");

function done<T>(contractId: string, data: T): ActionResult<T> {
  revalidatePath(`/contracts/${contractId}`);
  revalidatePath("/");
  return { ok: true, data };
}

export async function sendProposalAction(contractId: unknown): Promise<ActionResult<{ status: number }>> {
  try {
    const result = await sendProposal(await requireUser(), id(contractId));
    if (!result.sent) return { ok: false, error: result.error, fieldErrors: result.fieldErrors };
    return done(id(contractId), { status: result.status });
  } catch (error) {
    return actionError(error, { action: "sendProposal" });
  }
}

export async function resubmitDataAction(contractId: unknown, data: unknown): Promise<ActionResult<{ status: number }>> {
  try {
    return done(id(contractId), await resubmitContractData(await requireUser(), id(contractId), data));
  } catch (error) {
    return actionError(error, { action: "resubmitContractData" });
  }
}

export async function recordOfflineApprovalAction(contractId: unknown, input: unknown): Promise<ActionResult<{ approvalId: string }>> {
  try {
    return done(id(contractId), await recordOfflineApproval(await requireUser(), id(contractId), input));
  } catch (error) {
    return actionError(error, { action: "recordOfflineApproval" });
  }
}

export async function orderContractAction(contractId: unknown, proposalVersion: unknown): Promise<ActionResult<{ status: number }>> {
  try {
    const version = typeof proposalVersion === "number" ? proposalVersion : undefined;
    return done(id(contractId), await orderContract(await requireUser(), id(contractId), version));
  } catch (error) {
    return actionError(error, { action: "orderContract" });
  }
}

export async function refreshContractAction(contractId: unknown): Promise<ActionResult<{ outcome: string }>> {
  try {
    const result = await refreshContractForUser(await requireUser(), id(contractId));
    return done(id(contractId), { outcome: result.outcome });
  } catch (error) {
    return actionError(error, { action: "refreshContract" });
  }
}

export async function withdrawContractAction(contractId: unknown, reason: unknown): Promise<ActionResult<{ status: number }>> {
  try {
    const result = await withdrawContract(await requireUser(), id(contractId), { reason: typeof reason === "string" ? reason : "" });
    return done(id(contractId), { status: result.status });
  } catch (error) {
    return actionError(error, { action: "withdrawContract" });
  }
}
