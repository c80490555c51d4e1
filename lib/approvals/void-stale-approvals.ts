/**
 * A newer proposal voids approvals of earlier versions and their pending links: an approval is
 * bound to the exact proposal document the customer saw.
 */
import type { Tx } from "../db";
import { storeMessage } from "../i18n/stored-message";

/** The void reason of an approval a newer proposal version replaced (with its `version`). */
export const VOID_REASON_NEWER_VERSION = "customer.void.newerVersion";

export async function voidStaleApprovals(tx: Tx, contractId: string, currentVersion: number): Promise<number> {
  const { count } = await tx.approvalRequest.updateMany({
    where: { contractId, proposalVersion: { lt: currentVersion }, status: { in: ["PENDING", "APPROVED"] } },
    // A message (key and version), shown in the reader's language; see VOID_REASONS.newerVersion.
    data: { status: "VOID", voidReason: storeMessage({ key: VOID_REASON_NEWER_VERSION, values: { version: String(currentVersion) } }) },
  });
  return count;
}
