/**
 * A client's data for a data-subject request (GDPR art. 15 access, art. 20 portability): one JSON
 * with everything the portal holds about them (the documents' bytes included, base64), and a PDF
 * that lists the same for a person to read. Every export is written to the audit log.
 */
import { db } from "../db";
import { recordAudit } from "../audit";
import { canonicalJson } from "../dossier/canonical";
import { fileSlug } from "../dossier/pdf-writer";
import { visibleClient, type Viewer } from "./access";

export const EXPORT_FORMAT = "proposal-desk/client-export/v1";

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

/** Everything about one client (no scoping here). */
export async function collectClientData(clientId: string, options: { includeFiles?: boolean } = {}) {
  const client = await db().client.findUniqueOrThrow({
    where: { id: clientId },
    include: { owner: { select: { id: true, name: true, email: true } }, organization: { select: { id: true, name: true } }, providerLinks: { include: { provider: { select: { id: true, name: true } } } } },
  });
  const contracts = await db().contract.findMany({
    where: { clientId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    include: {
      provider: { select: { id: true, name: true } },
      product: { select: { id: true, name: true } },
      advisor: { select: { id: true, name: true } },
      events: { orderBy: [{ at: "asc" }, { id: "asc" }] },
      proposalVersions: { orderBy: { version: "asc" } },
      approvals: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      documents: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, kind: true, name: true, mime: true, size: true, sha256: true, proposalVersion: true, createdAt: true, bytes: Boolean(options.includeFiles) } },
    },
  });
  const contractIds = contracts.map((c) => c.id);
  const [consents, adviceRecords, dossiers, audit, erasure] = await Promise.all([
    db().consent.findMany({ where: { clientId }, orderBy: [{ givenAt: "asc" }, { id: "asc" }] }),
    db().adviceRecord.findMany({ where: { contractId: { in: contractIds } }, orderBy: [{ contractId: "asc" }, { version: "asc" }] }),
    db().contractDossier.findMany({ where: { contractId: { in: contractIds } }, select: { contractId: true, sha256: true, createdAt: true, locale: true } }),
    db().auditEvent.findMany({
      where: { organizationId: client.organizationId, OR: [{ entityType: "Client", entityId: clientId }, { entityType: "Contract", entityId: { in: contractIds } }] },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      select: { id: true, action: true, entityType: true, entityId: true, actorId: true, at: true, data: true },
    }),
    db().clientErasure.findUnique({ where: { clientId } }),
  ]);
  const { providerLinks, owner, organization, searchText: _searchText, ...person } = client;
  void _searchText;
  return {
    format: EXPORT_FORMAT,
    organization,
    client: { ...person, birthDate: person.birthDate?.toISOString().slice(0, 10) ?? null, advisor: owner },
    erasure: erasure ? { erasedAt: iso(erasure.erasedAt), kept: erasure.kept, completedAt: iso(erasure.completedAt) } : null,
    consents: consents.map(({ organizationId: _o, clientId: _c, ...consent }) => consent),
    providers: providerLinks.map((link) => ({ provider: link.provider, remoteId: link.remoteId, data: link.raw, updatedAt: iso(link.updatedAt) })),
    contracts: contracts.map((contract) => ({
      id: contract.id,
      provider: contract.provider,
      product: contract.product,
      advisor: contract.advisor,
      providerContractId: contract.remoteId,
      contractNumber: contract.contractNumber,
      status: contract.status,
      statusChangedAt: iso(contract.statusChangedAt),
      premium: contract.premium?.toString() ?? null,
      currency: contract.currency,
      data: contract.data,
      createdAt: iso(contract.createdAt),
      timeline: contract.events.map((e) => ({ at: iso(e.at), kind: e.kind, from: e.fromStatus, to: e.toStatus, source: e.source, actorId: e.actorId, actorLabel: e.actorLabel, note: e.note })),
      proposalVersions: contract.proposalVersions.map((v) => ({ version: v.version, at: iso(v.at), premium: v.premium?.toString() ?? null, currency: v.currency, data: v.data })),
      approvals: contract.approvals.map(({ tokenHash: _t, contractId: _c, ...approval }) => approval),
      adviceRecords: adviceRecords.filter((r) => r.contractId === contract.id).map(({ pdf, organizationId: _o, ...record }) => ({ ...record, pdfBase64: options.includeFiles && pdf ? Buffer.from(pdf).toString("base64") : undefined })),
      documents: contract.documents.map(({ bytes, ...document }) => ({ ...document, contentBase64: bytes ? Buffer.from(bytes).toString("base64") : undefined })),
      dossier: dossiers.find((d) => d.contractId === contract.id) ?? null,
    })),
    auditEntries: audit,
  };
}

export type ClientData = Awaited<ReturnType<typeof collectClientData>>;

async function audited(viewer: Viewer, clientId: string, format: "json" | "pdf", organizationId: string) {
  await recordAudit({ organizationId, actorId: viewer.id, action: "privacy.export", entityType: "Client", entityId: clientId, data: { format } });
}

/** The JSON export (art. 15 and 20): the client's data with their documents, scoped like the client; audited. */
export async function exportClientJson(viewer: Viewer, clientId: string): Promise<{ filename: string; json: string }> {
  const client = await visibleClient(viewer, clientId);
  const data = await collectClientData(client.id, { includeFiles: true });
  await audited(viewer, client.id, "json", client.organizationId);
  // Sorted keys, indented for a person to read; parsing it gives the same data as the canonical form.
  const json = JSON.stringify(JSON.parse(canonicalJson({ exportedAt: new Date(), exportedBy: { id: viewer.id }, ...data })), null, 2);
  return { filename: `client-data-${fileSlug(client.displayName)}.json`, json };
}
