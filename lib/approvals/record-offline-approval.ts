/**
 * An approval the customer gave outside the portal (on paper, by phone, in person), recorded by
 * the advisor with who, when, how and an evidence document. Refused unless the name is the
 * customer's as on the proposal and the date lies between the proposal's arrival and now; the
 * evidence is stored as a document of the contract (verified PDF or image, with its SHA-256) and
 * the approval is bound to the current proposal document's SHA-256 and marked as offline. The
 * customer approves the advice record (or waiver) with it: without a completed one, nothing is recorded.
 */
import crypto from "node:crypto";
import { db } from "../db";
import { AppError } from "../errors";
import { recordAudit } from "../audit";
import { emitWebhookEvent } from "../webhooks/events";
import { recordHappening } from "../contracts/record-change";
import { refreshTurns } from "../contracts/transition-contract";
import { fieldErrorsOf } from "../clients/schema";
import { servableType } from "../http/document-response";
import { loadContractFor, type Actor } from "../contracts/load-contract";
import { offlineApprovalSchema, OFFLINE_METHODS, sameName } from "./offline-approval-schema";
import { currentProposalDocument } from "./current-approval";
import { msg, type Msg } from "../i18n/message";
import { storeMessage } from "../i18n/stored-message";
import { readyAdvice } from "../advice/current-advice";
import { lockContract } from "../advice/advice-records";

const invalid = (field: string, message: Msg) => new AppError("VALIDATION", message, { fieldErrors: { [field]: [message] } });

export async function recordOfflineApproval(actor: Actor, contractId: string, input: unknown): Promise<{ approvalId: string }> {
  const parsed = offlineApprovalSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "common.errors.fieldsNeedAttention", { fieldErrors: fieldErrorsOf(parsed.error) });
  const contract = await loadContractFor(actor, contractId);
  if (contract.status !== 130) throw new AppError("CONFLICT", "customer.offline.errors.notAt130");
  const document = await currentProposalDocument(contract);
  if (!document) throw new AppError("CONFLICT", "customer.offline.errors.noDocument");
  const advice = await readyAdvice(contract.id);
  if (!advice) throw new AppError("CONFLICT", "advice.errors.neededBeforeApproval");

  const { approvedBy, approvedAt, method, note, evidence } = parsed.data;
  const customerName = contract.client.displayName;
  if (!sameName(approvedBy, customerName)) throw invalid("approvedBy", msg("customer.offline.errors.nameMismatch", { name: customerName }));
  const proposalArrived = (await db().document.findUniqueOrThrow({ where: { id: document.id }, select: { createdAt: true } })).createdAt;
  const decidedAt = new Date(approvedAt);
  // The form asks for the time to the minute: the proposal's minute counts as "not earlier".
  if (decidedAt.getTime() < Math.floor(proposalArrived.getTime() / 60_000) * 60_000) throw invalid("approvedAt", msg("customer.offline.errors.beforeProposal", { received: proposalArrived.toISOString().slice(0, 16).replace("T", " ") }));
  if (decidedAt.getTime() > Date.now() + 60_000) throw invalid("approvedAt", msg("customer.offline.errors.approvedAtFuture"));

  const bytes = new Uint8Array(await evidence.arrayBuffer());
  const type = servableType(evidence.type, bytes);
  if (!type) throw invalid("evidence", msg("customer.offline.errors.evidenceMismatch"));
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  const evidenceName = evidence.name.slice(0, 200) || "evidence";

  const approval = await db().$transaction(async (tx) => {
    await lockContract(tx, contract.id);
    if ((await readyAdvice(contract.id, tx))?.id !== advice.id) throw new AppError("CONFLICT", "advice.errors.changedMeanwhile");
    const stored = await tx.document.create({
      data: { contractId: contract.id, remoteFileId: `offline-evidence:${crypto.randomUUID()}`, kind: "OTHER", name: `Approval evidence – ${evidenceName}`, mime: type, size: bytes.byteLength, sha256, bytes, proposalVersion: contract.proposalVersion },
      select: { id: true },
    });
    const created = await tx.approvalRequest.create({
      data: {
        contractId: contract.id,
        documentId: document.id,
        channel: "OFFLINE",
        status: "APPROVED",
        proposalVersion: contract.proposalVersion,
        documentSha256: document.sha256,
        adviceRecordId: advice.id,
        adviceSha256: advice.sha256,
        decidedAt,
        decidedName: customerName,
        createdById: actor.id,
        evidence: {
          offline: true,
          method,
          methodLabel: `${OFFLINE_METHODS[method]}, recorded by ${actor.name} (evidence: ${evidenceName})`,
          note: note ?? null,
          recordedBy: { id: actor.id, name: actor.name },
          recordedAt: new Date().toISOString(),
          proposalVersion: contract.proposalVersion,
          documentSha256: document.sha256,
          documentName: document.name,
          adviceRecordId: advice.id,
          adviceVersion: advice.version,
          adviceWaived: advice.waived,
          adviceSha256: advice.sha256,
          evidenceDocument: { id: stored.id, name: evidenceName, mime: type, size: bytes.byteLength, sha256 },
        },
      },
      select: { id: true },
    });
    await recordAudit({ organizationId: actor.organizationId, actorId: actor.id, action: "approval.record-offline", entityType: "Contract", entityId: contract.id, data: { approvalId: created.id, method, evidenceDocumentId: stored.id, evidenceSha256: sha256, adviceSha256: advice.sha256 } }, tx);
    await emitWebhookEvent(tx, { organizationId: contract.organizationId, type: "approval.decided", data: { contractId: contract.id, approvalId: created.id, decision: "APPROVED" } });
    // The timeline and whose turn follow the approval, as for a decision by link.
    await recordHappening(tx, { contract, kind: "approval.approved", status: contract.status, source: "ADVISOR", actorId: actor.id, actorLabel: actor.name, note: storeMessage(msg("status.notes.offlineRecorded", { method: msg(`customer.offlineMethods.${method}`) })) });
    await refreshTurns(tx, [contract.id]);
    return created;
  });
  return { approvalId: approval.id };
}
