/**
 * The portal's view of a contract status: the advisor-facing label, the phase for the
 * pipeline, and which changes the portal itself may request (whose turn: lib/contracts/turn.ts). Wire codes
 * and their FiNUM meanings live in lib/finum/status.ts; 0 is our local draft (never sent).
 */
import { describeStatus } from "../finum/status";
import { hasMessage, translate } from "../i18n/translate";
import { msg, type Msg } from "../i18n/message";
import type { AppLocale } from "../i18n/locales";

export const DRAFT = 0;

export type Phase = "draft" | "proposal" | "ordering" | "in-force" | "ended" | "unknown";
export type Turn = "advisor" | "customer" | "provider" | "none";

export const PHASES: ReadonlyArray<{ phase: Phase; label: string }> = [
  { phase: "draft", label: "Drafts" },
  { phase: "proposal", label: "Proposal" },
  { phase: "ordering", label: "Ordering" },
  { phase: "in-force", label: "In force" },
  { phase: "ended", label: "Ended" },
];

// What the advisor reads; the FiNUM names ("Create proposal") describe the request, not the state.
const ADVISOR_LABELS: Record<number, string> = {
  0: "Draft, not sent",
  110: "Provider needs more data",
  120: "Proposal requested",
  130: "Proposal available",
  230: "Ordered",
  240: "Under review",
  320: "Active",
  410: "Terminated",
  420: "Declined by provider",
  430: "Withdrawn",
};

/** Status changes the portal may ask the provider for (everything else is the provider's move). */
export const ADVISOR_TRANSITIONS: Record<number, readonly number[]> = {
  0: [120],
  110: [120, 430],
  120: [430],
  130: [120, 230, 430],
  240: [430],
};

export interface ContractStatusView {
  code: number;
  label: string;
  wireLabel: string;
  phase: Phase;
  known: boolean;
}

/**
 * The advisor's name of a status as a message (status.names.<code>; an unknown code by its
 * hundreds digit, "In force (350)"), for pages, emails and stored texts alike.
 */
export function statusLabelMsg(code: number): Msg {
  if (code in ADVISOR_LABELS) return msg(`status.names.${code}`);
  const hundreds = Math.floor(code / 100);
  return hasMessage(`status.hundreds.${hundreds}`) ? msg("status.unknownInPhase", { code, phase: msg(`status.hundreds.${hundreds}`) }) : msg("status.unknownCode", { code });
}

/** The FiNUM name of a status code (the request or state as the standard names it). */
export function wireLabelMsg(code: number): Msg {
  if (code === DRAFT) return msg("status.wire.0");
  if (hasMessage(`status.wire.${code}`)) return msg(`status.wire.${code}`);
  return statusLabelMsg(code);
}

/** A status label in a language; the phase of an unknown code is translated too. */
export function statusLabel(code: number, locale: AppLocale | string = "en"): string {
  return translate(locale, statusLabelMsg(code));
}

export function statusView(code: number, locale: AppLocale | string = "en"): ContractStatusView {
  if (code === DRAFT) return { code, label: statusLabel(code, locale), wireLabel: translate(locale, wireLabelMsg(code)), phase: "draft", known: true };
  const wire = describeStatus(code);
  const wireLabel = wire.known ? translate(locale, wireLabelMsg(code)) : statusLabel(code, locale);
  return { code, label: statusLabel(code, locale), wireLabel, phase: wire.phase, known: wire.known };
}

export function canAdvisorMove(from: number, to: number): boolean {
  return ADVISOR_TRANSITIONS[from]?.includes(to) ?? false;
}

/** Whether the advisor may withdraw the contract (430) from this status. */
export function statusAllowsWithdraw(status: number): boolean {
  return canAdvisorMove(status, 430);
}

export function statusCodesOfPhase(phase: Phase): number[] {
  return [0, 110, 120, 130, 230, 240, 320, 410, 420, 430].filter((code) => statusView(code).phase === phase);
}
