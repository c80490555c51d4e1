/**
 * What a provider answered to one of our writes (POST or PATCH /contract) is provider data like any
 * other read: applied through the one apply path, inside the transaction that records the write.
 */
import type { Tx } from "../db";
import type { ContractRead } from "../finum/read";
import { applyProviderContracts } from "./apply-provider-contracts";

export async function applyProviderAnswer(tx: Tx, contract: { organizationId: string; providerId: string; provider: { name: string } }, answer: ContractRead): Promise<void> {
  await applyProviderContracts({ providerId: contract.providerId, organizationId: contract.organizationId, source: "SYSTEM", actorLabel: contract.provider.name }, [answer], { tx });
}
