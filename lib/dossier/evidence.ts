/**
 * Everything the firm can show about one contract, gathered into one language-neutral record: the
 * advice record(s), the client's consents, every proposal version with its document's SHA-256, the
 * approval evidence, the order (230), every status change with its source and actor, and the
 * contract's documents (the policy documents among them) with their hashes. The PDF renders it in
 * a reader's language; its canonical JSON is what the dossier's SHA-256 covers.
 */
import { db } from "../db";

export const DOSSIER_FORMAT = "proposal-desk/contract-dossier/v1";

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

export interface PersonRef {
  id: string;
  name: string | null;
}

export type DossierEvidence = NonNullable<Awaited<ReturnType<typeof collectEvidence>>>;

/** The evidence of one contract (no scoping here: callers check who may see it). Null when there is no such contract. */
export async function collectEvidence(contractId: string, generatedAt = new Date()) {
  const contract = await db().contract.findUnique({
    where: { id: contractId },
    select: {
      id: true,
      organizationId: true,
      remoteId: true,
      contractNumber: true,
      status: true,
      statusChangedAt: true,
      proposalVersion: true,
      premium: true,
      currency: true,
      createdAt: true,
      organization: { select: { id: true, name: true, defaultLocale: true } },
      provider: { select: { id: true, name: true } },
      product: { select: { id: true, name: true, remoteId: true } },
      advisor: { select: { id: true, name: true } },
      client: { select: { id: true, displayName: true, kind: true, birthDate: true, email: true } },
    },
  });
  if (!contract) return null;
  const [adviceRecords, consents, versions, documents, approvals, events] = await Promise.all([
    db().adviceRecord.findMany({ where: { contractId }, orderBy: { version: "asc" } }),
    db().consent.findMany({ where: { clientId: contract.client.id, organizationId: contract.organizationId }, orderBy: [{ givenAt: "asc" }, { id: "asc" }] }),
    db().proposalVersion.findMany({ where: { contractId }, orderBy: { version: "asc" } }),
    db().document.findMany({ where: { contractId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, remoteFileId: true, kind: true, name: true, mime: true, size: true, sha256: true, proposalVersion: true, createdAt: true } }),
    db().approvalRequest.findMany({ where: { contractId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    db().contractEvent.findMany({ where: { contractId }, orderBy: [{ at: "asc" }, { id: "asc" }] }),
  ]);

  // Names of everyone who acted, looked up once (a user removed since stays an id).
  const userIds = new Set<string>();
  for (const id of [
    ...adviceRecords.map((r) => r.createdById),
    ...consents.flatMap((c) => [c.recordedById, c.withdrawnById]),
    ...approvals.map((a) => a.createdById),
    ...events.map((e) => e.actorId),
  ])
    if (id) userIds.add(id);
  const users = new Map((await db().user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const person = (id: string | null): PersonRef | null => (id ? { id, name: users.get(id) ?? null } : null);

  const documentFor = (version: { version: number; fileId: string | null }) =>
    documents.find((d) => version.fileId && d.remoteFileId === version.fileId) ?? documents.find((d) => d.kind === "PROPOSAL" && d.proposalVersion === version.version) ?? null;
  const documentRef = (d: (typeof documents)[number]) => ({ id: d.id, name: d.name, kind: d.kind, mime: d.mime, size: d.size, sha256: d.sha256, proposalVersion: d.proposalVersion, receivedAt: iso(d.createdAt) });

  const statusChanges = events
    .filter((e) => e.kind === "status")
    .map((e) => ({ at: iso(e.at), from: e.fromStatus, to: e.toStatus, source: e.source, actor: person(e.actorId), actorLabel: e.actorLabel, note: e.note }));
  const ordered = events.find((e) => e.kind === "status" && e.toStatus === 230) ?? null;

  return {
    format: DOSSIER_FORMAT,
    generatedAt: iso(generatedAt),
    organization: { id: contract.organization.id, name: contract.organization.name },
    contract: {
      id: contract.id,
      providerContractId: contract.remoteId,
      contractNumber: contract.contractNumber,
      status: contract.status,
      statusChangedAt: iso(contract.statusChangedAt),
      proposalVersion: contract.proposalVersion,
      premium: contract.premium?.toString() ?? null,
      currency: contract.currency,
      createdAt: iso(contract.createdAt),
      provider: contract.provider,
      product: contract.product,
      advisor: contract.advisor,
    },
    client: { id: contract.client.id, name: contract.client.displayName, kind: contract.client.kind, birthDate: contract.client.birthDate?.toISOString().slice(0, 10) ?? null, email: contract.client.email },
    adviceRecords: adviceRecords.map((r) => ({
      id: r.id,
      version: r.version,
      channel: r.channel,
      needs: r.needs,
      advice: r.advice,
      reasons: r.reasons,
      productsConsidered: Array.isArray(r.productsConsidered) ? r.productsConsidered.map(String) : [],
      waived: r.waived,
      waiverReason: r.waiverReason,
      completedAt: iso(r.completedAt),
      locale: r.locale,
      pdfSha256: r.sha256,
      createdBy: person(r.createdById),
      createdAt: iso(r.createdAt),
    })),
    consents: consents.map((c) => ({
      id: c.id,
      purpose: c.purpose,
      source: c.source,
      text: c.text,
      locale: c.locale,
      givenAt: iso(c.givenAt),
      recordedBy: person(c.recordedById),
      approvalRequestId: c.approvalRequestId,
      evidence: c.evidence,
      withdrawnAt: iso(c.withdrawnAt),
      withdrawnBy: person(c.withdrawnById),
      withdrawalSource: c.withdrawalSource,
    })),
    proposalVersions: versions.map((v) => {
      const document = documentFor(v);
      return { version: v.version, at: iso(v.at), premium: v.premium?.toString() ?? null, currency: v.currency, data: v.data, document: document ? documentRef(document) : null };
    }),
    approvals: approvals.map((a) => ({
      id: a.id,
      channel: a.channel,
      status: a.status,
      proposalVersion: a.proposalVersion,
      proposalSha256: a.documentSha256,
      adviceRecordId: a.adviceRecordId,
      adviceSha256: a.adviceSha256,
      sentTo: a.email,
      createdAt: iso(a.createdAt),
      createdBy: person(a.createdById),
      expiresAt: iso(a.expiresAt),
      decidedAt: iso(a.decidedAt),
      decidedName: a.decidedName,
      declineReason: a.declineReason,
      voidReason: a.voidReason,
      evidence: a.evidence,
    })),
    order: ordered ? { at: iso(ordered.at), source: ordered.source, actor: person(ordered.actorId), actorLabel: ordered.actorLabel } : null,
    statusChanges,
    otherEvents: events.filter((e) => e.kind !== "status").map((e) => ({ at: iso(e.at), kind: e.kind, status: e.toStatus, source: e.source, actor: person(e.actorId), actorLabel: e.actorLabel, note: e.note })),
    policyDocuments: documents.filter((d) => d.kind === "POLICY").map(documentRef),
    documents: documents.map(documentRef),
  };
}
