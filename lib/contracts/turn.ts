/**
 * Whose turn it is on a contract and what the next step is: one decision from the status, the
 * state of the customer's approval of the current proposal, and whether a newer draft replaced it.
 * Stored on the contract in the same transaction as whatever changed its inputs, and read by the
 * pipeline, the contract page, the API and notifications alike: no screen decides on its own.
 */
import type { ApprovalState, Turn } from "../generated/prisma/enums";
import { DRAFT } from "./status";

export type { ApprovalState, Turn };

/** The next step, as a code the UI and the API translate; never free text. */
export type NextStep =
  | "send-proposal" // a draft: send it to the provider
  | "complete-data" // 110: the provider asks for more data
  | "wait-provider" // 120, 230, 240 and unknown 1xx/2xx: the provider works on it
  | "record-advice" // 130: the advice record (or a waiver) must be completed before the customer can approve
  | "send-approval" // 130: no approval link yet for this version
  | "wait-customer" // 130: a link is out and open
  | "order" // 130: the customer approved this version
  | "after-decline" // 130: the customer declined: revise, withdraw or try another product
  | "resend-approval" // 130: the link ran out unanswered
  | "approval-voided" // 130: a newer proposal version voided the earlier approval or link
  | "try-another" // 420: the provider declined: duplicate into a new draft
  | "none"; // in force or ended, or replaced by a newer draft

export interface TurnInput {
  status: number;
  approvalState: ApprovalState;
  /** A newer draft was made from this contract ("try another product"): nothing left to do here. */
  hasSuccessor?: boolean;
}

export interface TurnDecision {
  turn: Turn;
  nextStep: NextStep;
  needsAttention: boolean;
}

const PROPOSAL_BY_APPROVAL: Record<ApprovalState, TurnDecision> = {
  NONE: { turn: "ADVISOR", nextStep: "send-approval", needsAttention: true },
  PENDING: { turn: "CUSTOMER", nextStep: "wait-customer", needsAttention: false },
  APPROVED: { turn: "ADVISOR", nextStep: "order", needsAttention: false },
  DECLINED: { turn: "ADVISOR", nextStep: "after-decline", needsAttention: true },
  EXPIRED: { turn: "ADVISOR", nextStep: "resend-approval", needsAttention: true },
  VOID: { turn: "ADVISOR", nextStep: "approval-voided", needsAttention: true },
};

const NOTHING: TurnDecision = { turn: "NONE", nextStep: "none", needsAttention: false };
const PROVIDER: TurnDecision = { turn: "PROVIDER", nextStep: "wait-provider", needsAttention: false };

export function decideTurn({ status, approvalState, hasSuccessor = false }: TurnInput): TurnDecision {
  if (status === DRAFT) return { turn: "ADVISOR", nextStep: "send-proposal", needsAttention: false };
  if (status === 110) return { turn: "ADVISOR", nextStep: "complete-data", needsAttention: true };
  if (status === 130) return hasSuccessor ? NOTHING : PROPOSAL_BY_APPROVAL[approvalState];
  if (status === 420) return hasSuccessor ? NOTHING : { turn: "ADVISOR", nextStep: "try-another", needsAttention: true };
  // 120, 230, 240 and any unknown proposal or ordering code (e.g. 250): the provider is working on it.
  if (status < 300) return PROVIDER;
  // 320, 410, 430 and any unknown in-force or ended code (e.g. 510).
  return NOTHING;
}

export interface ApprovalRow {
  status: "PENDING" | "APPROVED" | "DECLINED" | "VOID";
  proposalVersion: number;
  expiresAt: Date | null;
  createdAt: Date;
}

/**
 * The approval state of the current proposal version from the contract's approval requests:
 * an approval of this version wins; otherwise the newest request for this version decides;
 * with none for this version, a request for an earlier one means it was voided by the new version.
 */
export function approvalStateOf(approvals: readonly ApprovalRow[], currentVersion: number, now: Date = new Date()): ApprovalState {
  const current = approvals.filter((a) => a.proposalVersion === currentVersion);
  if (current.some((a) => a.status === "APPROVED")) return "APPROVED";
  const newest = [...current].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  if (newest) {
    if (newest.status === "PENDING") return newest.expiresAt && newest.expiresAt.getTime() <= now.getTime() ? "EXPIRED" : "PENDING";
    if (newest.status === "DECLINED") return "DECLINED";
    return "VOID";
  }
  return approvals.some((a) => a.proposalVersion < currentVersion) ? "VOID" : "NONE";
}

/** The steps at 130 that need a completed advice record (or waiver) first. */
const NEEDS_ADVICE: ReadonlySet<NextStep> = new Set(["send-approval", "resend-approval", "approval-voided", "order"]);

/**
 * The next step once the advice record is taken into account: at 130 a link can go out, and an
 * approval can be used to order, only with a completed advice record (or waiver) bound to it. The
 * stored step comes from decideTurn (the engine); this refines it where it is read.
 */
/** Whether the advice record can change this step (only then need a page read the advice state). */
export function adviceMatters(nextStep: NextStep): boolean {
  return NEEDS_ADVICE.has(nextStep);
}

export function withAdvice(nextStep: NextStep, advice: { ready: boolean; approvalBound: boolean }): NextStep {
  if (!NEEDS_ADVICE.has(nextStep)) return nextStep;
  if (!advice.ready) return "record-advice";
  // An approval given before the advice record was bound (or of earlier advice): a new link is needed.
  if (nextStep === "order" && !advice.approvalBound) return "send-approval";
  return nextStep;
}
