import { refreshContract, type RefreshResult } from "../sync/refresh-contract";
import { toAppError } from "../providers/map-provider-error";
import { loadContractFor, type Actor } from "./load-contract";

/** The "Refresh from provider" button. */
export async function refreshContractForUser(actor: Actor, contractId: string): Promise<RefreshResult> {
  await loadContractFor(actor, contractId); // scope check
  try {
    return await refreshContract(contractId, "SYNC", { id: actor.id, label: `Provider (refreshed by ${actor.name})` });
  } catch (error) {
    throw toAppError(error);
  }
}
