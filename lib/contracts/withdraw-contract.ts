/**
 * The advisor withdraws a proposal or contract on the client's behalf (430, "Withdrawn by client"),
 * with a reason, from every status FINUM lets a consumer withdraw from. The provider is told
 * first (PATCH /contract with status 430, idempotent); our status follows its answer.
 */
import { z } from "zod";
import { AppError } from "../errors";
import { fieldErrorsOf } from "../clients/schema";
import type { ContractRead } from "../finum/read";
import { providerClientFor } from "../providers/provider-client";
import { performProviderWrite } from "../writes/perform-provider-write";
import { toAppError } from "../providers/map-provider-error";
import { applyProviderAnswer } from "./apply-provider-answer";
import { transitionContract } from "./transition-contract";
import { loadContractFor, type Actor } from "./load-contract";
import { statusAllowsWithdraw } from "./status";
import { msg } from "../i18n/message";
import { storedText } from "../i18n/stored-message";

export const withdrawSchema = z.object({
  reason: z.string().trim().min(3, "contracts.errors.withdrawReason").max(500, "contracts.errors.withdrawReasonTooLong"),
});

export async function withdrawContract(actor: Actor, contractId: string, input: unknown): Promise<{ status: number }> {
  const parsed = withdrawSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "contracts.errors.reasonNeedsAttention", { fieldErrors: fieldErrorsOf(parsed.error) });
  const contract = await loadContractFor(actor, contractId);
  if (!contract.remoteId || !statusAllowsWithdraw(contract.status)) {
    throw new AppError("CONFLICT", msg("contracts.errors.cannotWithdraw", { status: contract.status }));
  }
  const from = contract.status;
  try {
    const finum = await providerClientFor(contract.providerId, contract.organizationId);
    const record = await performProviderWrite({
      providerId: contract.providerId,
      contractId: contract.id,
      operation: "contract.withdraw",
      body: { id: contract.remoteId, status: 430 as const },
      send: (body, idempotencyKey) => finum.patchContract(body, { idempotencyKey }),
      onSuccess: async (tx, updated: ContractRead) => {
        await transitionContract(tx, { contract, from, to: 430, source: "ADVISOR", actorId: actor.id, actorLabel: actor.name, note: storedText("status.notes.withdrawn", { reason: parsed.data.reason }) });
        await applyProviderAnswer(tx, contract, updated);
        return updated;
      },
    });
    return { status: record.status };
  } catch (error) {
    throw toAppError(error);
  }
}
