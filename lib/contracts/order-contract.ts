/**
 * 130 → 230: orders the current proposal. Allowed only for the current proposal version and
 * only with the customer's approval of exactly that document.
 */
import { AppError } from "../errors";
import type { ContractRecord } from "../finum/records";
import { providerClientFor } from "../providers/provider-client";
import { currentApproval } from "../approvals/current-approval";
import { performProviderWrite } from "../writes/perform-provider-write";
import { toAppError } from "../providers/map-provider-error";
import { applyProviderContract } from "./apply-provider-contract";
import { recordStatusChange } from "./record-change";
import { loadContractFor, type Actor } from "./load-contract";

export async function orderContract(actor: Actor, contractId: string, expectedProposalVersion?: number): Promise<{ status: number }> {
  const contract = await loadContractFor(actor, contractId);
  if (contract.status !== 130 || !contract.remoteId) throw new AppError("CONFLICT", "Only an available proposal (status 130) can be ordered. Reload to see the current status.");
  if (expectedProposalVersion !== undefined && expectedProposalVersion !== contract.proposalVersion) {
    throw new AppError("CONFLICT", `A newer proposal (version ${contract.proposalVersion}) has arrived since you looked. Review it before ordering.`);
  }
  const approval = await currentApproval(contract);
  if (!approval) throw new AppError("CONFLICT", `The customer has not approved proposal version ${contract.proposalVersion} yet. Record or request their approval first.`);

  try {
    const finum = await providerClientFor(contract.providerId, contract.organizationId);
    const record = await performProviderWrite({
      providerId: contract.providerId,
      contractId: contract.id,
      operation: "contract.order",
      body: { id: contract.remoteId, status: 230 },
      send: (body, idempotencyKey) => finum.patchContract(body, { idempotencyKey }),
      onSuccess: async (tx, updated: ContractRecord) => {
        const { count } = await tx.contract.updateMany({ where: { id: contract.id, status: 130 }, data: { status: 230, statusNote: null, statusChangedAt: new Date(), version: { increment: 1 } } });
        if (count === 1) await recordStatusChange(tx, { contract, from: 130, to: 230, source: "ADVISOR", actorId: actor.id, actorLabel: actor.name, note: `Ordered proposal version ${contract.proposalVersion}` });
        await applyProviderContract(contract.id, updated, "SYSTEM", { tx, actorLabel: contract.provider.name });
        return updated;
      },
    });
    return { status: record.status };
  } catch (error) {
    throw toAppError(error);
  }
}
