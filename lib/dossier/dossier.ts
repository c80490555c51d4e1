/**
 * The contract evidence dossier (issue 14, item 3): generated on demand in the reader's language
 * (scoped like the contract), and stored once in the firm's language when the contract reaches 320.
 * Every dossier made is written to the audit log with the SHA-256 of its evidence.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFString, PDFHexString, decodePDFRawStream } from "pdf-lib";
import { db, Prisma } from "../db";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit";
import { contractScope } from "../auth/scope";
import type { SessionUser } from "../auth/session";
import { appLocaleOr, type AppLocale } from "../i18n/locales";
import { logger } from "../log/logger";
import { canonicalJson, sha256Hex } from "./canonical";
import { collectEvidence, type DossierEvidence } from "./evidence";
import { EVIDENCE_ATTACHMENT, renderDossier } from "./render-dossier";

type Viewer = Pick<SessionUser, "id" | "organizationId" | "role">;

export interface Dossier {
  evidence: DossierEvidence;
  /** The canonical JSON the hash covers (also attached to the PDF). */
  json: string;
  sha256: string;
  pdf: Uint8Array;
  filename: string;
  pages: string[][];
  locale: AppLocale;
}

/** Builds a dossier (no scoping, no audit): for the callers below and for tests. */
export async function buildDossier(contractId: string, locale: AppLocale, generatedAt = new Date()): Promise<Dossier> {
  const evidence = await collectEvidence(contractId, generatedAt);
  if (!evidence) throw notFound("dossier.errors.notFound");
  const json = canonicalJson(evidence);
  const sha256 = sha256Hex(json);
  const rendered = await renderDossier(evidence, json, sha256, locale);
  return { evidence, json, sha256, pdf: rendered.bytes, filename: rendered.filename, pages: rendered.pages, locale };
}

async function visibleContract(viewer: Viewer, contractId: string) {
  const contract = await db().contract.findFirst({ where: { id: contractId, ...contractScope(viewer) }, select: { id: true, status: true, organizationId: true } });
  if (!contract) throw notFound("dossier.errors.notFound");
  return contract;
}

/** A fresh dossier for an advisor or admin, in their language; audited with its hash. */
export async function generateDossierFor(viewer: Viewer, contractId: string, locale: AppLocale): Promise<Dossier> {
  const contract = await visibleContract(viewer, contractId);
  const dossier = await buildDossier(contract.id, locale);
  await recordAudit({ organizationId: contract.organizationId, actorId: viewer.id, action: "dossier.generated", entityType: "Contract", entityId: contract.id, data: { sha256: dossier.sha256, locale, generatedAt: dossier.evidence.generatedAt } });
  return dossier;
}

/** What the contract page shows about the dossier: whether one is stored, its hash and time. */
export async function dossierSummary(viewer: Viewer, contractId: string) {
  const contract = await visibleContract(viewer, contractId);
  const stored = await db().contractDossier.findUnique({ where: { contractId: contract.id }, select: { sha256: true, createdAt: true, locale: true } });
  return { contractId: contract.id, status: contract.status, stored };
}

/** The stored dossier (PDF or its evidence JSON), scoped like the contract; its download is audited. */
export async function getStoredDossier(viewer: Viewer, contractId: string) {
  const contract = await visibleContract(viewer, contractId);
  const stored = await db().contractDossier.findUnique({ where: { contractId: contract.id } });
  if (!stored) throw notFound("dossier.errors.notStored");
  await recordAudit({ organizationId: contract.organizationId, actorId: viewer.id, action: "dossier.downloaded", entityType: "Contract", entityId: contract.id, data: { sha256: stored.sha256 } });
  return stored;
}

/** Stores the dossier of a contract that reached 320, once, in the firm's language. Returns its hash, or null if one was stored already. */
export async function storeDossier(contractId: string): Promise<string | null> {
  if (await db().contractDossier.findUnique({ where: { contractId }, select: { id: true } })) return null;
  const contract = await db().contract.findUnique({ where: { id: contractId }, select: { organizationId: true, organization: { select: { defaultLocale: true } } } });
  if (!contract) throw notFound("dossier.errors.notFound");
  const locale = appLocaleOr(contract.organization.defaultLocale);
  const dossier = await buildDossier(contractId, locale);
  try {
    await db().$transaction(async (tx) => {
      await tx.contractDossier.create({ data: { organizationId: contract.organizationId, contractId, locale, evidence: dossier.json, sha256: dossier.sha256, pdf: Buffer.from(dossier.pdf) } });
      await recordAudit({ organizationId: contract.organizationId, action: "dossier.stored", entityType: "Contract", entityId: contractId, data: { sha256: dossier.sha256, locale, generatedAt: dossier.evidence.generatedAt } }, tx);
    });
  } catch (error) {
    // Another worker stored it first: theirs stands.
    if ((error as { code?: string }).code === "P2002") return null;
    throw error;
  }
  return dossier.sha256;
}

type DueScope = { limit?: number; organizationId?: string };

/**
 * Contracts that reached 320 (now or before) without a stored dossier, most recently changed
 * first: a contract that just went active gets its dossier at the next scan even while a backlog
 * (a first import of many active contracts) is still being worked through behind it.
 */
export async function contractsDueForDossier({ limit = 50, organizationId }: DueScope = {}): Promise<string[]> {
  const scope = organizationId ? Prisma.sql`AND c."organizationId" = ${organizationId}` : Prisma.empty;
  const rows = await db().$queryRaw<Array<{ id: string }>>`
    SELECT c."id" FROM "Contract" c
    WHERE (c."status" = 320 OR EXISTS (SELECT 1 FROM "ContractEvent" e WHERE e."contractId" = c."id" AND e."kind" = 'status' AND e."toStatus" = 320))
      AND NOT EXISTS (SELECT 1 FROM "ContractDossier" d WHERE d."contractId" = c."id")
      ${scope}
    ORDER BY c."statusChangedAt" DESC, c."id"
    LIMIT ${limit}`;
  return rows.map((row) => row.id);
}

/** One batch of the scan: stores the dossier of each due contract; one that fails is logged and does not stop the others. */
export async function storeDueDossiers(scope: DueScope = {}): Promise<{ stored: number; failed: number; due: number }> {
  const due = await contractsDueForDossier(scope);
  const result = { stored: 0, failed: 0, due: due.length };
  for (const contractId of due) {
    try {
      if (await storeDossier(contractId)) result.stored++;
    } catch (error) {
      result.failed++;
      logger().warn({ where: "dossier-store", contractId, error: error instanceof Error ? error.message : String(error) }, "Dossier not stored");
    }
  }
  return result;
}

/** The evidence JSON attached to a dossier PDF, as its bytes (null when the PDF has none). */
export async function attachedEvidence(pdfBytes: Uint8Array): Promise<Uint8Array | null> {
  const pdf = await PDFDocument.load(pdfBytes, { updateMetadata: false });
  const names = pdf.catalog.lookupMaybe(PDFName.of("Names"), PDFDict);
  const embedded = names?.lookupMaybe(PDFName.of("EmbeddedFiles"), PDFDict);
  const list = embedded?.lookupMaybe(PDFName.of("Names"), PDFArray);
  if (!list) return null;
  for (let i = 0; i + 1 < list.size(); i += 2) {
    const name = list.lookup(i);
    const text = name instanceof PDFString || name instanceof PDFHexString ? name.decodeText() : "";
    if (text !== EVIDENCE_ATTACHMENT) continue;
    const spec = list.lookup(i + 1, PDFDict);
    const stream = spec.lookup(PDFName.of("EF"), PDFDict).lookup(PDFName.of("F"));
    if (stream instanceof PDFRawStream) return decodePDFRawStream(stream).decode();
  }
  return null;
}

export interface Verification {
  /** The SHA-256 of the evidence attached to the PDF. */
  sha256: string;
  contractId: string | null;
  /** When the firm's audit log recorded a dossier with this hash (null: never, so not genuine). */
  auditedAt: Date | null;
  /** The stored dossier of that contract has the same hash. */
  matchesStored: boolean;
}

/**
 * Checks a dossier PDF the way a third party would: take the attached evidence, hash it, and look
 * the hash up in the firm's audit log (and the stored dossier). Only within the viewer's firm.
 */
export async function verifyDossierPdf(viewer: Pick<SessionUser, "organizationId">, pdfBytes: Uint8Array): Promise<Verification> {
  const evidence = await attachedEvidence(pdfBytes).catch(() => null);
  if (!evidence) throw new AppError("VALIDATION", "dossier.errors.noEvidence");
  const sha256 = sha256Hex(evidence);
  const contractId = (() => {
    try {
      const parsed = JSON.parse(new TextDecoder().decode(evidence)) as { contract?: { id?: unknown } };
      return typeof parsed.contract?.id === "string" ? parsed.contract.id : null;
    } catch {
      return null;
    }
  })();
  const audit = contractId
    ? await db().auditEvent.findFirst({
        where: { organizationId: viewer.organizationId, entityType: "Contract", entityId: contractId, action: { in: ["dossier.generated", "dossier.stored"] }, data: { path: ["sha256"], equals: sha256 } },
        orderBy: { at: "asc" },
        select: { at: true },
      })
    : null;
  const stored = contractId ? await db().contractDossier.findFirst({ where: { contractId, organizationId: viewer.organizationId }, select: { sha256: true } }) : null;
  return { sha256, contractId, auditedAt: audit?.at ?? null, matchesStored: stored?.sha256 === sha256 };
}
