/**
 * Downloads the provider files the apply path queued (ProviderFile, fetchState PENDING) and stores
 * them as Documents with their SHA-256 over all bytes, checked against the provider's when it
 * gives one. Claimed row by row with SKIP LOCKED, so several workers share the queue; bounded
 * concurrency per call; a file that keeps failing stops being retried and shows its error.
 * Called right after a callback's or Refresh's apply (the advisor is looking) and by the
 * document queue for everything the sync finds.
 */
import crypto from "node:crypto";
import { db, Prisma } from "../db";
import { logUnexpected } from "../errors";
import type { FinumClient } from "../finum/client";
import type { FileRead } from "../finum/read";
import { providerClientFor } from "../providers/provider-client";
import { publishContractChanges } from "../contracts/record-change";
import { recordReadWarnings } from "../sync/read-warnings";

const MAX_ATTEMPTS = 5;
/** A claim older than this is taken to be a crashed worker's: the file is pending again. */
const CLAIM_TIMEOUT_MS = 5 * 60_000;

interface Claimed {
  id: string;
  providerId: string;
  organizationId: string;
  remoteId: string;
  contractId: string;
  name: string | null;
  mime: string | null;
  sha256: string | null;
}

export async function fetchPendingFiles(options: { contractIds?: readonly string[]; limit?: number; concurrency?: number } = {}): Promise<{ stored: number; failed: number }> {
  const claimed = await claim(options.contractIds, options.limit ?? 50);
  if (claimed.length === 0) return { stored: 0, failed: 0 };
  const clients = new Map<string, Promise<FinumClient>>();
  const clientFor = (file: Claimed) => {
    if (!clients.has(file.providerId)) clients.set(file.providerId, providerClientFor(file.providerId, file.organizationId));
    return clients.get(file.providerId)!;
  };
  await fillMissingMetadata(claimed, clientFor);
  let stored = 0;
  let failed = 0;
  const queue = [...claimed];
  await Promise.all(
    Array.from({ length: Math.min(options.concurrency ?? 3, queue.length) }, async () => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        try {
          await store(await clientFor(file), file);
          stored++;
        } catch (error) {
          failed++;
          const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
          await db().providerFile.update({ where: { id: file.id }, data: { fetchState: "FAILED", fetchError: message } });
          logUnexpected(error, { where: "provider file fetch", providerId: file.providerId, fileId: file.remoteId });
        }
      }
    }),
  );
  return { stored, failed };
}

/** Files to fetch, claimed for this worker: pending ones, and failed ones with tries left (after a pause). */
async function claim(contractIds: readonly string[] | undefined, limit: number): Promise<Claimed[]> {
  const now = Date.now();
  const stale = new Date(now - CLAIM_TIMEOUT_MS).toISOString();
  const retryAfter = new Date(now - 60_000).toISOString();
  const filter = contractIds ? Prisma.sql`AND f."contractId" = ANY(${[...contractIds]}::text[])` : Prisma.empty;
  return db().$queryRaw<Claimed[]>`
    WITH next AS (
      SELECT f."id" FROM "ProviderFile" f
      WHERE f."contractId" IS NOT NULL AND f."fetchAttempts" < ${MAX_ATTEMPTS} ${filter}
        AND (f."fetchState" = 'PENDING'
          OR (f."fetchState" = 'FETCHING' AND f."updatedAt" < ${stale}::timestamp)
          OR (f."fetchState" = 'FAILED' AND f."updatedAt" < ${retryAfter}::timestamp))
      ORDER BY f."updatedAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE "ProviderFile" f SET "fetchState" = 'FETCHING', "fetchAttempts" = f."fetchAttempts" + 1, "updatedAt" = ${new Date(now).toISOString()}::timestamp
    FROM next, "Provider" p
    WHERE f."id" = next."id" AND p."id" = f."providerId"
    RETURNING f."id", f."providerId", p."organizationId", f."remoteId", f."contractId", f."name", f."mime", f."sha256"`;
}

/** Files named by a contract before the file sync saw them: their metadata (name, type, SHA-256), read in one call per provider. */
async function fillMissingMetadata(files: Claimed[], clientFor: (file: Claimed) => Promise<FinumClient>): Promise<void> {
  const byProvider = new Map<string, Claimed[]>();
  for (const file of files.filter((f) => f.name === null)) byProvider.set(file.providerId, [...(byProvider.get(file.providerId) ?? []), file]);
  for (const [providerId, list] of byProvider) {
    try {
      const read = await (await clientFor(list[0]!)).list("file", list.map((f) => f.remoteId));
      await recordReadWarnings(providerId, read);
      const byId = new Map(read.records.map((record) => [record.id, record]));
      for (const file of list) {
        const meta = byId.get(file.remoteId);
        if (!meta) continue;
        Object.assign(file, { name: meta.name, mime: meta.contentType, sha256: meta.sha256 });
        await db().providerFile.update({ where: { id: file.id }, data: metadataColumns(meta) });
      }
    } catch (error) {
      // The bytes can still be fetched; the name falls back to the file id.
      logUnexpected(error, { where: "provider file metadata", providerId });
    }
  }
}

export function metadataColumns(meta: FileRead) {
  return { name: meta.name, mime: meta.contentType, size: meta.size, sha256: meta.sha256, raw: meta.raw as Prisma.InputJsonValue, remoteUpdatedAt: meta.updatedAt };
}

async function store(client: FinumClient, file: Claimed): Promise<void> {
  const { bytes, contentType } = await client.fileContent(file.remoteId);
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  if (file.sha256 && file.sha256 !== sha256) {
    throw new Error(`The provider's file ${file.remoteId} does not match its SHA-256 (expected ${file.sha256}, got ${sha256}); not stored.`);
  }
  await db().$transaction(async (tx) => {
    const contract = await tx.contract.findUniqueOrThrow({ where: { id: file.contractId }, select: { id: true, organizationId: true, advisorId: true, status: true } });
    // The version as of now, not as claimed: a read that named this file since may have corrected it.
    const current = await tx.providerFile.findUniqueOrThrow({ where: { id: file.id }, select: { kind: true, proposalVersion: true } });
    await tx.document.upsert({
      where: { contractId_remoteFileId: { contractId: file.contractId, remoteFileId: file.remoteId } },
      create: {
        contractId: file.contractId,
        remoteFileId: file.remoteId,
        kind: current.kind,
        name: file.name ?? `${current.kind.toLowerCase()}-${file.remoteId}.pdf`,
        mime: file.mime ?? contentType,
        size: bytes.length,
        sha256,
        bytes: new Uint8Array(bytes),
        proposalVersion: current.proposalVersion,
      },
      update: {},
    });
    await tx.providerFile.update({ where: { id: file.id }, data: { fetchState: "DONE", fetchError: null, size: bytes.length, sha256 } });
    await publishContractChanges(tx, [contract]);
  }, { timeout: 30_000, maxWait: 10_000 }); // a proposal of 50 MB is one large insert
}
