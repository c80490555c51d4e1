/**
 * Which advice record counts: the newest version of the contract's record. It is "ready" (an
 * approval link may go out, and the approval may be used to order) only when that newest version
 * is completed or a waiver, frozen with its PDF's SHA-256. A draft saved after a completed version
 * means the advice is being changed: it must be completed again.
 */
import { db, type Tx } from "../db";

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
