/**
 * The periodic sync of one provider (FINUM.md, "Sync"): what keeps the portal right when callbacks
 * are late, repeated, out of order or lost, and what notices changes no poll waits for (a contract
 * terminated years after it went active). Each record type is its own resumable run
 * (sync-record-type.ts) applied a chunk at a time; contracts go through the one apply path, and
 * file bytes are left to the document queue (never downloaded inside the sync).
 */
import { db } from "../db";
import type { RecordType } from "../finum/common";
import type { ClientRead, FileRead, UserRead } from "../finum/read";
import { providerClientFor } from "../providers/provider-client";
import { applyProduct } from "../products/refresh-products";
import { applyProviderContracts } from "../contracts/apply-provider-contracts";
import { resolveNewContracts } from "./resolve-new-contracts";
import { bulkTransaction } from "./bulk-transaction";
import { jsonRows, jsonText } from "./json-rows";
import { syncRecordType, type ChunkOutcome, type RunReport } from "./sync-record-type";

/** Order matters: products, users and clients first, so that contracts can be placed; files last. */
export const SYNC_ORDER: readonly RecordType[] = ["product", "user", "client", "contract", "file"];

export type SyncReport = Record<RecordType, RunReport | { busy: true }>;

export async function syncProvider(providerId: string, organizationId: string, options: { onProgress?: (type: RecordType, progress: { fetched: number; applied: number; total: number }) => void } = {}): Promise<SyncReport> {
  const report = {} as SyncReport;
  for (const type of SYNC_ORDER) report[type] = await syncProviderRecordType(providerId, organizationId, type, { onProgress: (p) => options.onProgress?.(type, p) });
  return report;
}

export async function syncProviderRecordType(
  providerId: string,
  organizationId: string,
  type: RecordType,
  options: { onProgress?: (progress: { fetched: number; applied: number; total: number }) => void } = {},
): Promise<RunReport | { busy: true }> {
  const client = await providerClientFor(providerId, organizationId);
  const sync = { onProgress: options.onProgress };
  switch (type) {
    case "product":
      return syncRecordType(client, providerId, "product", async (records) => {
        let applied = 0;
        for (const record of records) if ((await applyProduct(providerId, record)) !== "unchanged") applied++;
        return { applied, skipped: 0, failed: 0 };
      }, sync);
    case "user":
      return syncRecordType(client, providerId, "user", (records) => applyUsers(providerId, records), sync);
    case "client":
      // Written while the next chunk is read (one statement per chunk, records of their own).
      return syncRecordType(client, providerId, "client", async (records) => () => applyClients(providerId, records), sync);
    case "contract":
      return syncRecordType(client, providerId, "contract", async (records, readStartedAt) => {
        // Placing new contracts (holders, products) goes chunk after chunk; the write then runs
        // while the next chunk is read and placed.
        const { placements, review } = await resolveNewContracts({ providerId, organizationId, client }, records);
        return async () => {
          const report = await applyProviderContracts({ providerId, organizationId, source: "SYNC", readStartedAt }, records, { placements });
          const placed = report.applied.length + report.imported.length;
          return { applied: placed, skipped: Math.max(0, review), failed: report.failed.length };
        };
      }, sync);
    case "file":
      return syncRecordType(client, providerId, "file", async (records) => () => applyFiles(providerId, records), sync);
  }
}

// Clients and files are written on a plain pg connection (bulk-transaction.ts), each chunk as one
// JSON parameter (json-rows.ts): their raw JSON is most of each statement.
const rawRows = (records: ReadonlyArray<ClientRead | UserRead>) => jsonRows(records, (r) => ({ remote: r.id, updated: r.updatedAt.toISOString() }), (r) => ({ raw: jsonText(r.raw) }));

/** The provider's view of clients, kept beside ours (linked or not yet): one statement per chunk, never backwards. */
async function applyClients(providerId: string, records: ClientRead[]): Promise<ChunkOutcome> {
  if (records.length === 0) return { applied: 0, skipped: 0, failed: 0 };
  const now = new Date().toISOString();
  const written = await bulkTransaction((tx) => tx.$queryRaw<Array<{ id: string }>>`
    INSERT INTO "ProviderClientLink" ("id", "providerId", "remoteId", "raw", "remoteUpdatedAt", "createdAt", "updatedAt")
    SELECT gen_random_uuid()::text, ${providerId}, r.remote, r.raw, r.updated, ${now}::timestamp, ${now}::timestamp
    FROM jsonb_to_recordset(${rawRows(records)}::jsonb) AS r(remote text, raw jsonb, updated timestamp)
    ON CONFLICT ("providerId", "remoteId") DO UPDATE SET "raw" = EXCLUDED."raw", "remoteUpdatedAt" = EXCLUDED."remoteUpdatedAt", "updatedAt" = EXCLUDED."updatedAt"
      WHERE "ProviderClientLink"."remoteUpdatedAt" IS NULL OR "ProviderClientLink"."remoteUpdatedAt" < EXCLUDED."remoteUpdatedAt"
    RETURNING "id"`);
  return { applied: written.length, skipped: 0, failed: 0 };
}

async function applyUsers(providerId: string, records: UserRead[]): Promise<ChunkOutcome> {
  if (records.length === 0) return { applied: 0, skipped: 0, failed: 0 };
  const now = new Date().toISOString();
  const rows = await db().$queryRaw<Array<{ id: string }>>`
    INSERT INTO "ProviderUser" ("id", "providerId", "remoteId", "raw", "remoteUpdatedAt", "updatedAt")
    SELECT gen_random_uuid()::text, ${providerId}, r.remote, r.raw, r.updated, ${now}::timestamp
    FROM jsonb_to_recordset(${rawRows(records)}::jsonb) AS r(remote text, raw jsonb, updated timestamp)
    ON CONFLICT ("providerId", "remoteId") DO UPDATE SET "raw" = EXCLUDED."raw", "remoteUpdatedAt" = EXCLUDED."remoteUpdatedAt", "updatedAt" = EXCLUDED."updatedAt"
      WHERE "ProviderUser"."remoteUpdatedAt" IS NULL OR "ProviderUser"."remoteUpdatedAt" < EXCLUDED."remoteUpdatedAt"
    RETURNING "id"`;
  return { applied: rows.length, skipped: 0, failed: 0 };
}

const KINDS: Record<string, "PROPOSAL" | "POLICY"> = { proposal: "PROPOSAL", policy: "POLICY", offer: "PROPOSAL", angebot: "PROPOSAL", police: "POLICY", polizze: "POLICY" };

/**
 * File metadata with its record; a file of one of our contracts that we do not hold yet is queued
 * for the document queue (bounded, apart from the sync). Files of contracts we do not hold are kept
 * as metadata only.
 */
async function applyFiles(providerId: string, records: FileRead[]): Promise<ChunkOutcome> {
  if (records.length === 0) return { applied: 0, skipped: 0, failed: 0 };
  const now = new Date().toISOString();
  // Each file's contract is looked up by its unique key, one probe per file (a materialized scalar
  // subquery). As a join, a first sync planned it from statistics taken before the contracts
  // arrived and hashed every contract of the provider for each chunk of files.
  const rows = jsonRows(
    records,
    (r) => ({ remote: r.id, contract: r.contractId, kind: KINDS[r.kind ?? ""] ?? "OTHER", name: r.name, mime: r.contentType, size: r.size, sha: r.sha256, updated: r.updatedAt.toISOString() }),
    (r) => ({ raw: jsonText(r.raw) }),
  );
  const written = await bulkTransaction((tx) => tx.$queryRaw<Array<{ id: string }>>`
    WITH f AS MATERIALIZED (
      SELECT f.*, (SELECT c."id" FROM "Contract" c WHERE c."providerId" = ${providerId} AND c."remoteId" = f.contract) AS "contractId"
      FROM jsonb_to_recordset(${rows}::jsonb) AS f(remote text, contract text, kind text, name text, mime text, size int, sha text, raw jsonb, updated timestamp)
    )
    INSERT INTO "ProviderFile" ("id", "providerId", "remoteId", "contractId", "kind", "name", "mime", "size", "sha256", "raw", "remoteUpdatedAt", "fetchState", "updatedAt")
    SELECT gen_random_uuid()::text, ${providerId}, f.remote, f."contractId", f.kind::"DocumentKind", f.name, f.mime, f.size, f.sha, f.raw, f.updated,
           CASE WHEN f."contractId" IS NULL THEN 'NONE'
                WHEN EXISTS (SELECT 1 FROM "Document" d WHERE d."contractId" = f."contractId" AND d."remoteFileId" = f.remote) THEN 'DONE'
                ELSE 'PENDING' END,
           ${now}::timestamp
    FROM f
    ON CONFLICT ("providerId", "remoteId") DO UPDATE SET
      "contractId" = COALESCE("ProviderFile"."contractId", EXCLUDED."contractId"),
      "kind" = CASE WHEN "ProviderFile"."kind" = 'OTHER' THEN EXCLUDED."kind" ELSE "ProviderFile"."kind" END,
      "name" = EXCLUDED."name", "mime" = EXCLUDED."mime", "size" = EXCLUDED."size", "sha256" = EXCLUDED."sha256", "raw" = EXCLUDED."raw",
      "remoteUpdatedAt" = EXCLUDED."remoteUpdatedAt",
      "fetchState" = CASE WHEN "ProviderFile"."fetchState" = 'NONE' THEN EXCLUDED."fetchState" ELSE "ProviderFile"."fetchState" END,
      "updatedAt" = EXCLUDED."updatedAt"
      WHERE "ProviderFile"."remoteUpdatedAt" IS NULL OR "ProviderFile"."remoteUpdatedAt" < EXCLUDED."remoteUpdatedAt"
    RETURNING "id"`);
  return { applied: written.length, skipped: 0, failed: 0 };
}


