/**
 * Links run out with time, not with a write: this sweep (a scheduled job, every minute) finds
 * contracts whose open link has expired, moves their approval state to EXPIRED (the advisor's
 * turn, needing attention) and writes the event on the timeline.
 */
import { db } from "../db";
import { recordHappening } from "../contracts/record-change";
import { refreshTurns } from "../contracts/transition-contract";
import { storedText } from "../i18n/stored-message";

export async function expireApprovalLinks(now: Date = new Date(), limit = 500): Promise<number> {
  const due = await db().contract.findMany({
    where: { approvalState: "PENDING", approvals: { some: { status: "PENDING", expiresAt: { lte: now } } } },
    select: { id: true, organizationId: true, advisorId: true, status: true },
    take: limit,
  });
  let expired = 0;
  for (const contract of due) {
    await db().$transaction(async (tx) => {
      const changed = await refreshTurns(tx, [contract.id], now);
      if (changed.length === 0) return;
      await recordHappening(tx, { contract, kind: "approval.expired", status: contract.status, source: "SYSTEM", note: storedText("status.notes.linkExpired") });
      expired++;
    });
  }
  return expired;
}
