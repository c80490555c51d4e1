/**
 * A newer proposal voids approvals of earlier versions and their pending links: an approval is
 * bound to the exact proposal document the customer saw.
 */
import type { Tx } from "../db";

export async function voidStaleApprovals(tx: Tx, contractId: string, currentVersion: number): Promise<number> {
  const { count } = await tx.approvalRequest.updateMany({
    where: { contractId, proposalVersion: { lt: currentVersion }, status: { in: ["PENDING", "APPROVED"] } },
    data: { status: "VOID", voidReason: `Proposal version ${currentVersion} replaced the version this approval was given for.` },
  });
  return count;
}
