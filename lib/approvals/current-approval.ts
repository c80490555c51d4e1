import { db } from "../db";

/** The proposal document of the contract's current proposal version, if it has arrived. */
export async function currentProposalDocument(contract: { id: string; proposalVersion: number }) {
  return db().document.findFirst({
    where: { contractId: contract.id, kind: "PROPOSAL", proposalVersion: contract.proposalVersion },
    orderBy: { createdAt: "desc" },
    select: { id: true, sha256: true, name: true, proposalVersion: true },
  });
}

type ProposalDocument = Awaited<ReturnType<typeof currentProposalDocument>>;

/** An approval that allows ordering: for this exact proposal version and document (pass the document when already read). */
export async function currentApproval(contract: { id: string; proposalVersion: number }, known?: ProposalDocument) {
  const document = known === undefined ? await currentProposalDocument(contract) : known;
  if (!document) return null;
  return db().approvalRequest.findFirst({
    where: { contractId: contract.id, status: "APPROVED", proposalVersion: contract.proposalVersion, documentSha256: document.sha256 },
    orderBy: { decidedAt: "desc" },
  });
}
