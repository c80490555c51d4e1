/**
 * Which advice record counts: the newest version of the contract's record. It is "ready" (an
 * approval link may go out, and the approval may be used to order) only when that newest version
 * is completed or a waiver, frozen with its PDF's SHA-256. A draft saved after a completed version
 * means the advice is being changed: it must be completed again.
 */
import { db, type Tx } from "../db";
import { adviceMatters, withAdvice, type NextStep } from "../contracts/turn";

const adviceSelect = { id: true, version: true, completedAt: true, waived: true, sha256: true, locale: true } as const;

export async function newestAdvice(contractId: string, tx?: Tx) {
  return (tx ?? db()).adviceRecord.findFirst({ where: { contractId }, orderBy: { version: "desc" }, select: adviceSelect });
}

export type AdviceHead = NonNullable<Awaited<ReturnType<typeof newestAdvice>>>;

export interface ReadyAdvice {
  id: string;
  version: number;
  waived: boolean;
  sha256: string;
}

export function readyFrom(head: AdviceHead | null): ReadyAdvice | null {
  if (!head || !head.completedAt || !head.sha256) return null;
  return { id: head.id, version: head.version, waived: head.waived, sha256: head.sha256 };
}

/** The completed advice (or waiver) the customer may be shown and approve, if there is one. */
export async function readyAdvice(contractId: string, tx?: Tx): Promise<ReadyAdvice | null> {
  return readyFrom(await newestAdvice(contractId, tx));
}

export interface AdviceState {
  ready: boolean;
  approvalBound: boolean;
}

/**
 * The advice state of many contracts at once (a pipeline page, an API page), for `withAdvice` in
 * lib/contracts/turn.ts: two queries whatever the number of contracts. Same rule as the contract
 * page's view: ready = the newest version is completed (or a waiver); bound = an approval of the
 * current proposal version names that version's SHA-256.
 */
export async function adviceStatesOf(contracts: Array<{ id: string; proposalVersion: number }>): Promise<Map<string, AdviceState>> {
  const states = new Map<string, AdviceState>();
  if (contracts.length === 0) return states;
  const ids = contracts.map((contract) => contract.id);
  const heads = await db().$queryRaw<Array<{ contractId: string; sha256: string | null; completedAt: Date | null }>>`
    SELECT DISTINCT ON ("contractId") "contractId", "sha256", "completedAt" FROM "AdviceRecord"
    WHERE "contractId" = ANY(${ids}) ORDER BY "contractId", "version" DESC`;
  const readySha = new Map(heads.filter((head) => head.completedAt && head.sha256).map((head) => [head.contractId, head.sha256!]));
  const approved = readySha.size
    ? await db().approvalRequest.findMany({ where: { contractId: { in: [...readySha.keys()] }, status: "APPROVED" }, select: { contractId: true, proposalVersion: true, adviceSha256: true } })
    : [];
  for (const contract of contracts) {
    const sha = readySha.get(contract.id);
    states.set(contract.id, {
      ready: Boolean(sha),
      approvalBound: Boolean(sha && approved.some((approval) => approval.contractId === contract.id && approval.proposalVersion === contract.proposalVersion && approval.adviceSha256 === sha)),
    });
  }
  return states;
}

/** Rows with the engine's next step refined by their advice record (`withAdvice`), for lists and the API. */
export async function withAdviceSteps<T extends { id: string; proposalVersion: number; nextStep: string }>(rows: T[]): Promise<T[]> {
  const states = await adviceStatesOf(rows.filter((row) => adviceMatters(row.nextStep as NextStep)));
  return rows.map((row) => {
    const state = states.get(row.id);
    return state ? { ...row, nextStep: withAdvice(row.nextStep as NextStep, state) } : row;
  });
}
