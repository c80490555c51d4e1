/**
 * An approval the customer gave outside the portal (on paper, by phone, in person), recorded
 * by the advisor with who, when and how. Bound to the current proposal document's SHA-256.
 */
import { db } from "../db";
import { AppError } from "../errors";
import { recordAudit } from "../audit";
import { publishEvent } from "../events/publish";
import { recordHappening } from "../contracts/record-change";
import { refreshTurns } from "../contracts/transition-contract";
import { fieldErrorsOf } from "../clients/schema";
import { loadContractFor, type Actor } from "../contracts/load-contract";
import { offlineApprovalSchema, OFFLINE_METHODS } from "./offline-approval-schema";
import { currentProposalDocument } from "./current-approval";

export async function recordOfflineApproval(actor: Actor, contractId: string, input: unknown): Promise<{ approvalId: string }> {
  const parsed = offlineApprovalSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Some fields need your attention.", { fieldErrors: fieldErrorsOf(parsed.error) });
  const contract = await loadContractFor(actor, contractId);
  if (contract.status !== 130) throw new AppError("CONFLICT", "An approval can only be recorded while a proposal is available (status 130).");
  const document = await currentProposalDocument(contract);
  if (!document) throw new AppError("CONFLICT", "The proposal document has not arrived yet. Refresh from the provider, then record the approval.");

  const { approvedBy, approvedAt, method, note } = parsed.data;
  const approval = await db().$transaction(async (tx) => {
    const created = await tx.approvalRequest.create({
      data: {
        contractId: contract.id,
        documentId: document.id,
        channel: "OFFLINE",
        status: "APPROVED",
        proposalVersion: contract.proposalVersion,
        documentSha256: document.sha256,
        decidedAt: new Date(approvedAt),
        decidedName: approvedBy,
        createdById: actor.id,
        evidence: {
          method,
          methodLabel: OFFLINE_METHODS[method],
          note: note ?? null,
          recordedBy: { id: actor.id, name: actor.name },
          recordedAt: new Date().toISOString(),
          proposalVersion: contract.proposalVersion,
          documentSha256: document.sha256,
          documentName: document.name,
        },
      },
      select: { id: true },
    });
    await recordAudit({ organizationId: actor.organizationId, actorId: actor.id, action: "approval.record-offline", entityType: "Contract", entityId: contract.id, data: { approvalId: created.id, method } }, tx);
    await publishEvent(tx, { type: "contract.updated", organizationId: contract.organizationId, advisorId: contract.advisorId, contractId: contract.id, status: contract.status });
    // The timeline and whose turn follow the approval, as for a decision by link.
    await recordHappening(tx, { contract, kind: "approval.approved", status: contract.status, source: "ADVISOR", actorId: actor.id, actorLabel: actor.name, note: `Approval given outside the portal (${OFFLINE_METHODS[method]}) recorded` });
    await refreshTurns(tx, [contract.id]);
    return created;
  });
  return { approvalId: approval.id };
}
