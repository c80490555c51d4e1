/**
 * One delta pull of one record type from one provider (FINUM.md, "Sync"): ids changed since the
 * start of the previous successful pull minus an overlap, then those records, each applied by
 * the caller (an upsert that never moves a record backwards). The cursor records when the pull
 * started, what it counted, and the last error.
 */
import { db } from "../db";
import type { FinumClient, RecordOf } from "../finum/client";
import type { RecordType } from "../finum/common";

/** A record written at the provider while we were pulling is not missed. */
export const OVERLAP_MS = 5 * 60 * 1000;

export async function pullRecordType<T extends RecordType, R extends string>(
  client: FinumClient,
  providerId: string,
  type: T,
  apply: (record: RecordOf<T>) => Promise<R>,
): Promise<{ fetched: number } & Partial<Record<R, number>>> {
  const key = { providerId_recordType: { providerId, recordType: type } };
  const cursor = await db().syncCursor.findUnique({ where: key, select: { lastPullStartedAt: true } });
  const since = cursor?.lastPullStartedAt ? new Date(cursor.lastPullStartedAt.getTime() - OVERLAP_MS) : new Date(0);
  const startedAt = new Date();
  try {
    const ids = await client.idListUpdated(type, since);
    const records = await client.list(type, ids);
    const counts: Partial<Record<R, number>> = {};
    for (const record of records) {
      const outcome = await apply(record);
      counts[outcome] = (counts[outcome] ?? 0) + 1;
    }
    await db().syncCursor.upsert({
      where: key,
      create: { providerId, recordType: type, lastPullStartedAt: startedAt, lastSuccessAt: new Date(), lastCount: records.length, totalCount: records.length },
      update: { lastPullStartedAt: startedAt, lastSuccessAt: new Date(), lastCount: records.length, totalCount: { increment: records.length }, lastError: null },
    });
    return { fetched: records.length, ...counts };
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    await db()
      .syncCursor.upsert({ where: key, create: { providerId, recordType: type, lastError: message }, update: { lastError: message } })
      .catch(() => undefined);
    throw error;
  }
}
