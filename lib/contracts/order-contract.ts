/**
 * 130 → 230: orders the current proposal. Allowed only for the current proposal version and
 * only with the customer's approval of exactly that document and of the completed advice record
 * (or waiver) shown beside it (lib/approvals/current-approval.ts: one rule for every way in).
 */
import { AppError } from "../errors";
import { storedText } from "../i18n/stored-message";
import type { ContractRead } from "../finum/read";
import { providerClientFor } from "../providers/provider-client";
import { approvalToOrder } from "../approvals/current-approval";
import { performProviderWrite } from "../writes/perform-provider-write";
import { toAppError } from "../providers/map-provider-error";
import { applyProviderAnswer } from "./apply-provider-answer";
import { transitionContract } from "./transition-contract";
import { loadContractFor, type Actor } from "./load-contract";

export async function orderContract(actor: Actor, contractId: string, expectedProposalVersion?: number): Promise<{ status: number }> {
  const contract = await loadContractFor(actor, contractId);
  if (contract.status !== 130 || !contract.remoteId) throw new AppError("CONFLICT", "contracts.errors.onlyAvailableOrderable");
  if (expectedProposalVersion !== undefined && expectedProposalVersion !== contract.proposalVersion) {
    throw new AppError("CONFLICT", `A newer proposal (version ${contract.proposalVersion}) has arrived since you looked. Review it before ordering.`);
  }
  await approvalToOrder(contract);

  try {
    const finum = await providerClientFor(contract.providerId, contract.organizationId);
    const record = await performProviderWrite({
      providerId: contract.providerId,
      contractId: contract.id,
      operation: "contract.order",
      body: { id: contract.remoteId, status: 230 },
      send: (body, idempotencyKey) => finum.patchContract(body, { idempotencyKey }),
      onSuccess: async (tx, updated: ContractRead) => {
        await transitionContract(tx, { contract, from: 130, to: 230, source: "ADVISOR", actorId: actor.id, actorLabel: actor.name, note: storedText("status.notes.ordered", { version: contract.proposalVersion }) });
        await applyProviderAnswer(tx, contract, updated);
        return updated;
      },
    });
    return { status: record.status };
  } catch (error) {
    throw toAppError(error);
  }
}
