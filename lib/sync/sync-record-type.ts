/**
 * One delta pull of one record type from one provider (FINUM.md, "Sync"), resumable: the ids
 * changed since the start of the previous successful pull minus an overlap are asked for once and
 * kept on a SyncRun; records are then fetched and applied a chunk at a time, the run's position
 * advancing with each chunk. A crash, a deploy or an expired job resumes at that position; the
 * cursor moves only when the run is done, so nothing changed during a failed run is missed.
 */
import { db } from "../db";
import type { FinumClient } from "../finum/client";
import { MAX_IDS_PER_LIST_CALL, type RecordType } from "../finum/common";
import type { ReadOf } from "../finum/read";
import { recordReadWarnings } from "./read-warnings";
import { storeMessages } from "../i18n/stored-message";
import { AppError } from "../errors";
import { env } from "../env";

/** A record written at the provider while we were pulling is not missed. */
export const OVERLAP_MS = 5 * 60 * 1000;
/**
 * Chunks written at the same time, each in its own transaction: the database works on one while
 * it commits the other. Chunks hold different records (the run's ids are distinct), so they do
 * not wait for each other.
 */
const WRITES_IN_FLIGHT = 2;
/** A running run whose worker has not been heard of for this long (SYNC_STALL_SECONDS) has stopped and is taken over. */
export const stallMs = () => env().SYNC_STALL_SECONDS * 1000;

/**
 * Runs left RUNNING by a worker that stopped (no heartbeat for SYNC_STALL_SECONDS), of enabled
 * providers: the watchdog (lib/jobs/engine-jobs.ts) hands each to a live worker, which resumes it.
 */
export async function stalledRuns(): Promise<Array<{ providerId: string; recordType: RecordType }>> {
  const runs = await db().syncRun.findMany({
    where: { state: "RUNNING", heartbeatAt: { lt: new Date(Date.now() - stallMs()) }, provider: { enabled: true } },
    select: { providerId: true, recordType: true },
    distinct: ["providerId", "recordType"],
  });
  return runs.map((run) => ({ providerId: run.providerId, recordType: run.recordType as RecordType }));
}

export interface ChunkOutcome {
  applied: number;
  skipped: number;
  failed: number;
}

export interface RunReport {
  runId: string;
  fetched: number;
  applied: number;
  skipped: number;
  failed: number;
  warnings: number;
  resumed: boolean;
}

/**
 * Applies a chunk. It may answer in two steps: what must happen chunk after chunk (placing new
 * contracts: their holders and products), and then, as a function, the write itself, which runs
 * while the next chunk is read and prepared (and while up to WRITES_IN_FLIGHT - 1 earlier chunks
 * are still being written). The run's position moves in chunk order, over written chunks only.
 */
export type ApplyChunk<T extends RecordType> = (records: ReadOf<T>[], readStartedAt: Date) => Promise<ChunkOutcome | (() => Promise<ChunkOutcome>)>;

export async function syncRecordType<T extends RecordType>(
  client: FinumClient,
  providerId: string,
  type: T,
  apply: ApplyChunk<T>,
  options: { chunkSize?: number; onProgress?: (run: { fetched: number; applied: number; total: number }) => void } = {},
): Promise<RunReport | { busy: true }> {
  const claimed = await claimRun(client, providerId, type);
  if ("busy" in claimed) return claimed;
  const { run, resumed } = claimed;
  const chunkSize = options.chunkSize ?? MAX_IDS_PER_LIST_CALL;
  // The run's heartbeat is also its owner's token: each write of it expects the value this worker
  // wrote last. A worker found stalled and taken over (watchdog, claimRun) stops at its next chunk.
  let beat = run.heartbeatAt;
  const totals = { fetched: run.fetched, applied: run.applied, skipped: run.skipped, failed: run.failed, warnings: run.warnings };
  try {
    // The next chunk is asked for while this one is applied: the provider's answer and our writes
    // overlap instead of taking turns. At most one chunk is read ahead.
    const readChunk = (position: number) => {
      const ids = run.ids.slice(position, position + chunkSize);
      const readStartedAt = new Date();
      const reading = client.list(type, ids).then((read) => ({ ids, read, readStartedAt }));
      // Awaited in its turn; a failure while an earlier chunk is applied must not go unhandled.
      reading.catch(() => undefined);
      return reading;
    };
    let ahead = run.position < run.ids.length ? readChunk(run.position) : null;
    // Writes started and not yet finished (at most WRITES_IN_FLIGHT), and the run's bookkeeping,
    // which follows the writes in chunk order: the position only ever covers chunks written.
    const inFlight: Array<Promise<ChunkOutcome>> = [];
    let booked: Promise<void> = Promise.resolve();
    // A booking that failed (the run taken over, the database gone) stops the loop at its next turn.
    let stopped = null as { error: unknown } | null;
    try {
      for (let position = run.position; ahead; position += chunkSize) {
        const { ids, read, readStartedAt } = await ahead;
        if (stopped) throw stopped.error;
        ahead = position + chunkSize < run.ids.length ? readChunk(position + chunkSize) : null;
        await recordReadWarnings(providerId, read);
        const prepared = await apply(read.records, readStartedAt);
        if (inFlight.length >= WRITES_IN_FLIGHT) await inFlight.shift();
        const write = typeof prepared === "function" ? prepared() : Promise.resolve(prepared);
        // Awaited in its turn; a failure must not go unhandled meanwhile.
        write.catch(() => undefined);
        inFlight.push(write);
        const done = position + ids.length;
        booked = booked
          .then(() => write)
          .then(async (outcome) => {
            totals.fetched += read.records.length;
            totals.applied += outcome.applied;
            totals.skipped += outcome.skipped + read.skipped.length;
            totals.failed += outcome.failed;
            totals.warnings += read.warnings.length;
            // Raw: the ORM would compile this statement anew for every chunk (and an update would
            // read back the run's whole id list).
            const next = new Date();
            const moved = await db().$executeRaw`
              UPDATE "SyncRun" SET "position" = ${done}::int, "fetched" = ${totals.fetched}::int, "applied" = ${totals.applied}::int, "skipped" = ${totals.skipped}::int,
                "failed" = ${totals.failed}::int, "warnings" = ${totals.warnings}::int, "heartbeatAt" = ${next.toISOString()}::timestamp
              WHERE "id" = ${run.id} AND "heartbeatAt" = ${beat.toISOString()}::timestamp`;
            if (moved === 0) throw new RunTakenOver();
            beat = next;
            options.onProgress?.({ fetched: totals.fetched, applied: totals.applied, total: run.ids.length });
          });
        booked.catch((error: unknown) => (stopped ??= { error }));
      }
      await booked;
    } catch (error) {
      // The run stops where the last chunk written in order left it.
      await Promise.allSettled(inFlight);
      await booked.catch(() => undefined);
      throw error;
    }
    const finishedAt = new Date();
    const finished = await db().$transaction(async (tx) => {
      const { count } = await tx.syncRun.updateMany({ where: { id: run.id, heartbeatAt: beat }, data: { state: "DONE", finishedAt, error: null } });
      if (count === 0) return false;
      await tx.syncCursor.upsert({
        where: { providerId_recordType: { providerId, recordType: type } },
        create: { providerId, recordType: type, lastPullStartedAt: run.startedAt, lastSuccessAt: finishedAt, lastCount: totals.fetched, totalCount: totals.fetched },
        update: { lastPullStartedAt: run.startedAt, lastSuccessAt: finishedAt, lastCount: totals.fetched, totalCount: { increment: totals.fetched }, lastError: null },
      });
      return true;
    });
    if (!finished) throw new RunTakenOver();
    return { runId: run.id, ...totals, resumed };
  } catch (error) {
    // Another worker has the run now: it goes on from the position this one reached.
    if (error instanceof RunTakenOver) return { busy: true };
    // Our own errors are kept as messages (each admin reads them in their language); a remote's text as it is.
    const message = error instanceof AppError ? storeMessages([error.msg]).slice(0, 2000) : (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    await db().syncRun.updateMany({ where: { id: run.id, heartbeatAt: beat }, data: { state: "FAILED", error: message } }).catch(() => undefined);
    await db()
      .syncCursor.upsert({ where: { providerId_recordType: { providerId, recordType: type } }, create: { providerId, recordType: type, lastError: message }, update: { lastError: message } })
      .catch(() => undefined);
    throw error;
  }
}

/** This worker's run was found stalled and taken over by another. */
class RunTakenOver extends Error {
  constructor() {
    super("The sync run was taken over by another worker");
  }
}

const RUN_COLUMNS = { id: true, startedAt: true, position: true, fetched: true, applied: true, skipped: true, failed: true, warnings: true, state: true, heartbeatAt: true } as const;

/** The newest run, without its id list (a finished run's list is never needed again). */
function newestRun(providerId: string, type: RecordType) {
  return db().syncRun.findFirst({ where: { providerId, recordType: type }, orderBy: { startedAt: "desc" }, select: RUN_COLUMNS });
}

type Run = NonNullable<Awaited<ReturnType<typeof newestRun>>> & { ids: string[] };

/** The unfinished run to resume, or a new one; "busy" when another worker's run is alive. */
async function claimRun(client: FinumClient, providerId: string, type: RecordType): Promise<{ run: Run; resumed: boolean } | { busy: true }> {
  const latest = await newestRun(providerId, type);
  if (latest && latest.state !== "DONE") {
    if (latest.state === "RUNNING" && Date.now() - latest.heartbeatAt.getTime() < stallMs()) return { busy: true };
    // Take it over: only one worker wins the compare-and-set on its heartbeat.
    const heartbeatAt = new Date();
    const { count } = await db().syncRun.updateMany({ where: { id: latest.id, heartbeatAt: latest.heartbeatAt }, data: { state: "RUNNING", heartbeatAt, error: null } });
    if (count === 0) return { busy: true };
    const { ids } = await db().syncRun.findUniqueOrThrow({ where: { id: latest.id }, select: { ids: true } });
    return { run: { ...latest, ids, state: "RUNNING", heartbeatAt }, resumed: true };
  }
  const cursor = await db().syncCursor.findUnique({ where: { providerId_recordType: { providerId, recordType: type } }, select: { lastPullStartedAt: true } });
  const since = cursor?.lastPullStartedAt ? new Date(cursor.lastPullStartedAt.getTime() - OVERLAP_MS) : new Date(0);
  // The start is taken before the id list is asked for: a change made during the request is in the next pull.
  const startedAt = new Date();
  const ids = [...new Set(await client.idListUpdated(type, since))];
  const run = await db().syncRun.create({ data: { providerId, recordType: type, since, startedAt, ids, heartbeatAt: new Date() }, select: RUN_COLUMNS });
  return { run: { ...run, ids }, resumed: false };
}
