import { db } from "../db";
import { AppError } from "../errors";
import { msg } from "../i18n/message";
import { readyAdvice } from "../advice/current-advice";

/** The proposal document of the contract's current proposal version, if it has arrived. */
export async function currentProposalDocument(contract: { id: string; proposalVersion: number }) {
  return db().document.findFirst({
    where: { contractId: contract.id, kind: "PROPOSAL", proposalVersion: contract.proposalVersion },
    orderBy: { createdAt: "desc" },
    select: { id: true, sha256: true, name: true, proposalVersion: true },
  });
}

type ProposalDocument = Awaited<ReturnType<typeof currentProposalDocument>>;

/**
 * An approval that allows ordering: for this exact proposal version and document (pass the
 * document when already read), and for the completed advice record (or waiver) the customer was
 * shown beside it, by SHA-256.
 */
export async function currentApproval(contract: { id: string; proposalVersion: number }, known?: ProposalDocument) {
  const document = known === undefined ? await currentProposalDocument(contract) : known;
  if (!document) return null;
  const advice = await readyAdvice(contract.id);
  if (!advice) return null;
  return db().approvalRequest.findFirst({
    where: { contractId: contract.id, status: "APPROVED", proposalVersion: contract.proposalVersion, documentSha256: document.sha256, adviceRecordId: advice.id, adviceSha256: advice.sha256 },
    orderBy: { decidedAt: "desc" },
  });
}

/**
 * The one rule for ordering (230), used by the browser, the automatic order after approval, the
 * offline approval's order and the API alike: the customer's approval of this proposal version
 * AND of the completed advice record (or waiver), both bound by SHA-256. Says what is missing.
 */
export async function approvalToOrder(contract: { id: string; proposalVersion: number }) {
  const document = await currentProposalDocument(contract);
  const advice = await readyAdvice(contract.id);
  if (!advice) throw new AppError("CONFLICT", "advice.errors.neededBeforeOrder");
  const approval = document ? await currentApproval(contract, document) : null;
  if (approval) return approval;
  const approvedWithoutAdvice = document
    ? await db().approvalRequest.count({ where: { contractId: contract.id, status: "APPROVED", proposalVersion: contract.proposalVersion, documentSha256: document.sha256 } })
    : 0;
  if (approvedWithoutAdvice > 0) throw new AppError("CONFLICT", msg("advice.errors.approvalWithoutAdvice", { version: advice.version }));
  throw new AppError("CONFLICT", msg("contracts.errors.notApprovedYet", { version: contract.proposalVersion }));
}
