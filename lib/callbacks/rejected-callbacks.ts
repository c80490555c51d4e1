/**
 * Callbacks refused before anything was stored (unknown or missing token). They are counted
 * (in memory, added to OpsCounter every few seconds, so a flood costs us no write per request)
 * and a bounded sample is kept for the integration log: at most one row per SAMPLE_EVERY_MS per
 * instance, and the retention job trims the table to SAMPLE_KEEP rows.
 */
import { db } from "../db";
import { logUnexpected } from "../errors";

export const UNKNOWN_TOKEN_COUNTER = "callback.unknown-token";
export const SAMPLE_KEEP = 200;
const SAMPLE_EVERY_MS = 2_000;
const FLUSH_EVERY_MS = 5_000;

const state = globalThis as unknown as { proposalDeskRejected?: { pending: number; lastSample: number; timer?: NodeJS.Timeout } };
const counts = (state.proposalDeskRejected ??= { pending: 0, lastSample: 0 });

export async function flushRejectedCount(): Promise<void> {
  const value = counts.pending;
  if (!value) return;
  counts.pending = 0;
  await db().$executeRaw`
    INSERT INTO "OpsCounter" ("key", "value", "updatedAt") VALUES (${UNKNOWN_TOKEN_COUNTER}, ${value}, now())
    ON CONFLICT ("key") DO UPDATE SET "value" = "OpsCounter"."value" + EXCLUDED."value", "updatedAt" = now()`;
}

export function recordRejectedCallback(input: { reason: string; bodyBytes: number; userAgent: string | null }): void {
  counts.pending++;
  if (!counts.timer) {
    counts.timer = setTimeout(() => {
      counts.timer = undefined;
      void flushRejectedCount().catch((error: unknown) => logUnexpected(error, { where: "rejected-callback count" }));
    }, FLUSH_EVERY_MS);
    counts.timer.unref();
  }
  const now = Date.now();
  if (now - counts.lastSample < SAMPLE_EVERY_MS) return;
  counts.lastSample = now;
  void db()
    .rejectedCallback.create({ data: { reason: input.reason, bodyBytes: input.bodyBytes, userAgent: input.userAgent?.slice(0, 200) ?? null } })
    .catch((error: unknown) => logUnexpected(error, { where: "rejected-callback sample" }));
}

/** For the integration log: the total refused so far (all instances) and the latest samples. */
export async function rejectedCallbackSummary(take = 20) {
  await flushRejectedCount();
  const [counter, samples] = await Promise.all([
    db().opsCounter.findUnique({ where: { key: UNKNOWN_TOKEN_COUNTER } }),
    db().rejectedCallback.findMany({ orderBy: { receivedAt: "desc" }, take, select: { id: true, reason: true, bodyBytes: true, userAgent: true, receivedAt: true } }),
  ]);
  return { total: Number(counter?.value ?? 0), samples };
}
