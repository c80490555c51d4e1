/**
 * The organization's "order automatically on approval": after the customer's approval has
 * committed, order as the contract's advisor. A failure (provider down) never touches the
 * approval; the advisor is notified and can order by hand.
 */
import { db } from "../db";
import { AppError, logUnexpected } from "../errors";
import { recordAudit } from "../audit";
import { createNotification } from "../notifications/create-notification";
import { orderContract } from "../contracts/order-contract";
import { msg } from "../i18n/message";

export interface AutoOrder {
  approvalId: string;
  contractId: string;
  proposalVersion: number;
  decidedName: string;
  advisor: { id: string; organizationId: string; role: "ADMIN" | "ADVISOR" | "BACK_OFFICE"; name: string };
}

export async function orderAfterApproval(input: AutoOrder): Promise<{ ordered: boolean; reason?: string }> {
  const actor = { id: input.advisor.id, organizationId: input.advisor.organizationId, role: input.advisor.role, name: input.advisor.name };
  try {
    const result = await orderContract(actor, input.contractId, input.proposalVersion);
    await recordAudit({ organizationId: actor.organizationId, actorId: actor.id, action: "approval.auto-order", entityType: "Contract", entityId: input.contractId, data: { approvalId: input.approvalId, status: result.status } });
    return { ordered: true };
  } catch (error) {
    const reason = error instanceof AppError ? error.message : "an unexpected error (logged)";
    if (!(error instanceof AppError)) logUnexpected(error, { task: "orderAfterApproval", contractId: input.contractId });
    try {
      await db().$transaction(async (tx) => {
        await createNotification(tx, {
          userId: actor.id,
          contractId: input.contractId,
          kind: "approval.auto-order-failed",
          title: msg("shell.notifications.autoOrderFailed.title", { name: input.decidedName }),
          // The provider's error as a message too, so the advisor reads all of it in their language.
          body: { key: "shell.notifications.autoOrderFailed.body", values: { reason: error instanceof AppError ? error.msg : msg("shell.notifications.autoOrderFailed.unexpected") } },
        });
        await recordAudit({ organizationId: actor.organizationId, actorId: actor.id, action: "approval.auto-order-failed", entityType: "Contract", entityId: input.contractId, data: { approvalId: input.approvalId, reason } }, tx);
      });
    } catch (notifyError) {
      logUnexpected(notifyError, { task: "orderAfterApproval.notify", contractId: input.contractId });
    }
    return { ordered: false, reason };
  }
}
