/**
 * Fault injection for one consumer: makes the sandbox behave like a bad day at a real provider.
 * Rates are shares between 0 and 1, drawn independently per request or callback.
 */
import { z } from "zod";

const rate = z.number().min(0).max(1);
const ms = z.number().int().min(0).max(10 * 60_000);

export const faultsSchema = z
  .object({
    /** Added to every API answer. */
    latencyMs: ms.optional(),
    /** Share of API requests answered 503 before doing anything. */
    errorRate: rate.optional(),
    /** Share of API requests answered 429 with Retry-After before doing anything. */
    rateLimitRate: rate.optional(),
    retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
    /** Share of callbacks sent twice (same webhook-id). */
    duplicateCallbackRate: rate.optional(),
    /** Share of callbacks held back by reorderDelayMs so that later ones overtake them. */
    reorderCallbackRate: rate.optional(),
    reorderDelayMs: ms.optional(),
    /** Share of callbacks never sent (logged as dropped). */
    dropCallbackRate: rate.optional(),
    /** Delay before each callback is sent (a slow provider). */
    callbackDelayMs: ms.optional(),
    /** Share of callbacks whose body lies: a status and an updatedAt that are not the record's. */
    lyingCallbackRate: rate.optional(),
    /** Share of writes (POST/PATCH) answered 503 before anything is written. */
    writeUnavailableBeforeCommitRate: rate.optional(),
    /** Share of writes answered 503 although the write was committed (a retry with the same Idempotency-Key gets the original). */
    writeUnavailableAfterCommitRate: rate.optional(),
    /** Added to `*-list` and `*-id-list-updated` answers only. */
    slowListMs: ms.optional(),
    /** Proposal PDFs are padded (validly: an embedded attachment) to at least this many bytes. */
    proposalPdfMinBytes: z.number().int().min(0).max(60 * 1024 * 1024).optional(),
    /** The whole fault set is in force until this instant, then off (a storm for a window). */
    until: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export type Faults = z.infer<typeof faultsSchema>;

export const NO_FAULTS: Faults = {};

export type EffectiveFaults = Required<Omit<Faults, "until">>;

/** Per-consumer settings override the env defaults field by field; past `until`, no faults at all. */
export function effectiveFaults(defaults: Faults, own: Faults, now: number = Date.now()): EffectiveFaults {
  const given = { ...defaults, ...own };
  const merged = given.until !== undefined && Date.parse(given.until) <= now ? {} : given;
  return {
    latencyMs: merged.latencyMs ?? 0,
    errorRate: merged.errorRate ?? 0,
    rateLimitRate: merged.rateLimitRate ?? 0,
    retryAfterSeconds: merged.retryAfterSeconds ?? 1,
    duplicateCallbackRate: merged.duplicateCallbackRate ?? 0,
    reorderCallbackRate: merged.reorderCallbackRate ?? 0,
    reorderDelayMs: merged.reorderDelayMs ?? 1500,
    dropCallbackRate: merged.dropCallbackRate ?? 0,
    callbackDelayMs: merged.callbackDelayMs ?? 0,
    lyingCallbackRate: merged.lyingCallbackRate ?? 0,
    writeUnavailableBeforeCommitRate: merged.writeUnavailableBeforeCommitRate ?? 0,
    writeUnavailableAfterCommitRate: merged.writeUnavailableAfterCommitRate ?? 0,
    slowListMs: merged.slowListMs ?? 0,
    proposalPdfMinBytes: merged.proposalPdfMinBytes ?? 0,
  };
}

/** True with probability `share` (exactly: 0 never, 1 always). */
export function chance(share: number, random: () => number = Math.random): boolean {
  return share > 0 && random() < share;
}
