/**
 * Contract status codes of the FiNUM Sync API (FINUM.md, "Contract status codes").
 * Unknown codes are described by their hundreds digit so a new provider code never breaks a page.
 */
import { z } from "zod";

export const CONTRACT_STATUS = {
  WAIT_FOR_CLIENT_DATA: 110,
  CREATE_PROPOSAL: 120,
  PROPOSAL_AVAILABLE: 130,
  PROPOSAL_SENT: 230,
  UNDER_REVIEW: 240,
  ACTIVE: 320,
  TERMINATED: 410,
  DECLINED: 420,
  WITHDRAWN: 430,
} as const;

export type KnownContractStatus = (typeof CONTRACT_STATUS)[keyof typeof CONTRACT_STATUS];
export type StatusPhase = "proposal" | "ordering" | "in-force" | "ended" | "unknown";
export type StatusSetBy = "provider" | "consumer";

export interface StatusInfo {
  code: number;
  known: boolean;
  label: string;
  phase: StatusPhase;
  setBy?: StatusSetBy;
}

const KNOWN: Record<KnownContractStatus, { label: string; setBy: StatusSetBy }> = {
  110: { label: "Wait for client data", setBy: "provider" },
  120: { label: "Create proposal", setBy: "consumer" },
  130: { label: "Proposal available", setBy: "provider" },
  230: { label: "Proposal sent", setBy: "consumer" },
  240: { label: "Under review", setBy: "provider" },
  320: { label: "Active", setBy: "provider" },
  410: { label: "Terminated", setBy: "provider" },
  420: { label: "Declined by provider", setBy: "provider" },
  430: { label: "Withdrawn by client", setBy: "consumer" },
};

const PHASES: Record<number, { phase: StatusPhase; label: string }> = {
  1: { phase: "proposal", label: "Proposal" },
  2: { phase: "ordering", label: "Ordering" },
  3: { phase: "in-force", label: "In force" },
  4: { phase: "ended", label: "Ended" },
};

export const KNOWN_CONTRACT_STATUSES = Object.keys(KNOWN).map(Number) as KnownContractStatus[];

/** Codes a consumer may send in POST/PATCH /contract. */
export const CONSUMER_STATUSES = [120, 230, 430] as const satisfies readonly KnownContractStatus[];

export function isKnownStatus(code: number): code is KnownContractStatus {
  return Object.hasOwn(KNOWN, code);
}

/** Label and phase of any status code, known or not (hundreds-digit fallback). */
export function describeStatus(code: number): StatusInfo {
  const phaseEntry = PHASES[Math.floor(code / 100)];
  const phase = phaseEntry?.phase ?? "unknown";
  if (isKnownStatus(code)) return { code, known: true, phase, ...KNOWN[code] };
  return { code, known: false, phase, label: phaseEntry ? `${phaseEntry.label} (${code})` : `Status ${code}` };
}

/** Any integer status on the wire; unknown codes are valid and described by describeStatus. */
export const statusCodeSchema = z
  .number()
  .int()
  .min(100)
  .max(999)
  .meta({
    description:
      "Contract status code. 110 wait for client data, 120 create proposal, 130 proposal available, 230 proposal sent, " +
      "240 under review, 320 active, 410 terminated, 420 declined, 430 withdrawn. Unknown codes: 1xx proposal, 2xx ordering, 3xx in force, 4xx ended.",
  });
