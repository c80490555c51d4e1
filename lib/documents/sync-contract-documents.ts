/**
 * Fetches the documents a contract's provider data points at (the proposal of each version,
 * the policy) that we do not hold yet, and stores them in PostgreSQL with their SHA-256.
 */
import crypto from "node:crypto";
import { db, Prisma } from "../db";
import type { ContractRecord, FileRecord } from "../finum/records";
import type { FinumClient } from "../finum/client";
import type { DocumentKind } from "../generated/prisma/client";
import { proposalInfo } from "../contracts/apply-provider-contract";
import { emitDocumentAdded } from "../webhooks/events";

export async function syncContractDocuments(client: FinumClient, contractId: string, record: ContractRecord): Promise<number> {
  const { proposalFileId, proposalVersion, policyFileId } = proposalInfo(record);
  const wanted = [
    ...(proposalFileId ? [{ fileId: proposalFileId, kind: "PROPOSAL" as const, proposalVersion }] : []),
    ...(policyFileId ? [{ fileId: policyFileId, kind: "POLICY" as const, proposalVersion: null }] : []),
  ];
  if (wanted.length === 0) return 0;
  const held = await db().document.findMany({ where: { contractId, remoteFileId: { in: wanted.map((w) => w.fileId) } }, select: { remoteFileId: true } });
  const missing = wanted.filter((w) => !held.some((h) => h.remoteFileId === w.fileId));
  if (missing.length === 0) return 0;

  const metadata = await client.list("file", missing.map((m) => m.fileId));
  let stored = 0;
  for (const want of missing) {
    if (await storeProviderFile(client, contractId, want.fileId, want.kind, want.proposalVersion, metadata.find((file) => file.id === want.fileId))) stored++;
  }
  return stored;
}

const KINDS: Record<string, DocumentKind> = { proposal: "PROPOSAL", policy: "POLICY" };
export const documentKindOf = (kind: string | undefined): DocumentKind => KINDS[kind ?? ""] ?? "OTHER";

/** Downloads one provider file, checks it against the provider's SHA-256, and stores it once. */
export async function storeProviderFile(client: FinumClient, contractId: string, fileId: string, kind: DocumentKind, proposalVersion: number | null, meta?: FileRecord): Promise<boolean> {
  const { bytes, contentType } = await client.fileContent(fileId);
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  if (meta?.sha256 && meta.sha256.toLowerCase() !== sha256) {
    throw new Error(`The provider's file ${fileId} does not match its SHA-256 (expected ${meta.sha256}, got ${sha256}); not stored.`);
  }
  const created = await db()
    .document.create({
      data: {
        contractId,
        remoteFileId: fileId,
        kind,
        name: meta?.name ?? `${kind.toLowerCase()}-${fileId}.pdf`,
        mime: meta?.contentType ?? contentType,
        size: bytes.length,
        sha256,
        bytes: new Uint8Array(bytes),
        proposalVersion,
      },
      select: { id: true },
    })
    .catch((error: unknown) => {
      // Another read of the same contract stored it a moment ago.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return null;
      throw error;
    });
  if (created) await emitDocumentAdded({ contractId, documentId: created.id, kind });
  return Boolean(created);
}
