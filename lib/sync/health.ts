/**
 * Sync health as an admin reads it, per provider and record type: the last successful pull and
 * its lag (changes made at the provider since the start of that pull are not in yet), records in
 * the last pull, the last error, the provider's shape warnings, the open review items, and the
 * run in progress (records fetched and applied of the run's id list). The page polls this while
 * a run is going. A run's id list is never loaded here (it can hold 50,000 ids): only its length.
 */
import { db } from "../db";
import { AppError, notFound } from "../errors";
import type { SessionUser } from "../auth/session";
import type { RecordType } from "../finum/common";
import { SYNC_ORDER } from "./sync-provider";
import { stallMs } from "./sync-record-type";

type Admin = Pick<SessionUser, "id" | "organizationId" | "role">;

export interface RunProgress {
  id: string;
  state: "RUNNING" | "STALLED" | "DONE" | "FAILED";
  total: number;
  position: number;
  fetched: number;
  applied: number;
  skipped: number;
  failed: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

export interface RecordTypeHealth {
  recordType: RecordType;
  lastSuccessAt: string | null;
  /** Seconds since the start of the last successful pull; null when there was none. */
  lagSeconds: number | null;
  lastCount: number;
  lastError: string | null;
  warnings: Array<{ field: string; message: string; count: number; sampleId: string | null; lastSeenAt: string }>;
  warningCount: number;
  run: RunProgress | null;
}

export interface ProviderHealth {
  id: string;
  name: string;
  enabled: boolean;
  reviewOpen: number;
  running: boolean;
  recordTypes: RecordTypeHealth[];
}

interface RunRow {
  id: string;
  providerId: string;
  recordType: string;
  state: string;
  total: number;
  position: number;
  fetched: number;
  applied: number;
  skipped: number;
  failed: number;
  startedAt: Date;
  finishedAt: Date | null;
  heartbeatAt: Date;
  error: string | null;
}

function assertAdmin(user: Admin) {
  if (user.role !== "ADMIN") throw new AppError("FORBIDDEN", "sync.errors.healthAdminOnly");
}

/** The newest run of every record type of the given providers, without their id lists. */
function newestRuns(providerIds: string[]) {
  if (providerIds.length === 0) return Promise.resolve([] as RunRow[]);
  return db().$queryRaw<RunRow[]>`
    SELECT DISTINCT ON ("providerId", "recordType")
           "id", "providerId", "recordType", "state", cardinality("ids") AS "total", "position", "fetched", "applied", "skipped", "failed",
           "startedAt", "finishedAt", "heartbeatAt", "error"
    FROM "SyncRun"
    WHERE "providerId" = ANY(${providerIds}::text[])
    ORDER BY "providerId", "recordType", "startedAt" DESC`;
}

function progressOf(run: RunRow, now: number): RunProgress {
  const state = run.state === "RUNNING" && now - run.heartbeatAt.getTime() > stallMs() ? "STALLED" : (run.state as RunProgress["state"]);
  return {
    id: run.id,
    state,
    total: Number(run.total),
    position: run.position,
    fetched: run.fetched,
    applied: run.applied,
    skipped: run.skipped,
    failed: run.failed,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    error: run.error,
  };
}

/** Every provider of the admin's firm (or one), with every record type in sync order. */
export async function syncHealth(admin: Admin, options: { providerId?: string; now?: Date } = {}): Promise<ProviderHealth[]> {
  assertAdmin(admin);
  const now = (options.now ?? new Date()).getTime();
  const providers = await db().provider.findMany({
    where: { organizationId: admin.organizationId, ...(options.providerId ? { id: options.providerId } : {}) },
    orderBy: { name: "asc" },
    select: { id: true, name: true, enabled: true },
  });
  if (options.providerId && providers.length === 0) throw notFound("providers.errors.notFound");
  const ids = providers.map((p) => p.id);
  const [cursors, runs, warnings, review] = await Promise.all([
    db().syncCursor.findMany({ where: { providerId: { in: ids } } }),
    newestRuns(ids),
    db().providerReadWarning.findMany({ where: { providerId: { in: ids } }, orderBy: [{ count: "desc" }, { lastSeenAt: "desc" }] }),
    db().syncReviewItem.groupBy({ by: ["providerId"], where: { providerId: { in: ids }, state: "OPEN" }, _count: { _all: true } }),
  ]);
  const key = (providerId: string, type: string) => `${providerId}\u0000${type}`;
  const cursorBy = new Map(cursors.map((c) => [key(c.providerId, c.recordType), c]));
  const runBy = new Map(runs.map((r) => [key(r.providerId, r.recordType), r]));
  const warningsBy = new Map<string, typeof warnings>();
  for (const warning of warnings) {
    const k = key(warning.providerId, warning.recordType);
    warningsBy.set(k, [...(warningsBy.get(k) ?? []), warning]);
  }
  const reviewBy = new Map(review.map((r) => [r.providerId, r._count._all]));

  return providers.map((provider) => {
    const recordTypes = SYNC_ORDER.map((recordType): RecordTypeHealth => {
      const cursor = cursorBy.get(key(provider.id, recordType));
      const run = runBy.get(key(provider.id, recordType));
      const typeWarnings = warningsBy.get(key(provider.id, recordType)) ?? [];
      return {
        recordType,
        lastSuccessAt: cursor?.lastSuccessAt?.toISOString() ?? null,
        lagSeconds: cursor?.lastPullStartedAt ? Math.max(0, Math.round((now - cursor.lastPullStartedAt.getTime()) / 1000)) : null,
        lastCount: cursor?.lastCount ?? 0,
        lastError: cursor?.lastError ?? null,
        warnings: typeWarnings.slice(0, 5).map((w) => ({ field: w.field, message: w.message, count: w.count, sampleId: w.sampleId, lastSeenAt: w.lastSeenAt.toISOString() })),
        warningCount: typeWarnings.reduce((sum, w) => sum + w.count, 0),
        run: run ? progressOf(run, now) : null,
      };
    });
    return {
      id: provider.id,
      name: provider.name,
      enabled: provider.enabled,
      reviewOpen: reviewBy.get(provider.id) ?? 0,
      running: recordTypes.some((t) => t.run?.state === "RUNNING"),
      recordTypes,
    };
  });
}
