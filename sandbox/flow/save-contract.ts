/** Writes a contract change, its history, and (when the status changed) its callback, in one transaction. */
import type { Tx } from "../db/pool";
import type { SandboxContext } from "../context";
import { enqueueCallback } from "../callbacks/enqueue";
import { recordEvent, updateContract, type ContractRow } from "../store/contracts";

export interface StatusEvent {
  from: number;
  to: number;
  actor: "consumer" | "provider" | "admin";
  note?: string | null;
}

export async function saveContract(tx: Tx, ctx: SandboxContext, previousStatus: number, row: ContractRow, events: StatusEvent[]): Promise<Record<string, unknown>> {
  const record = await updateContract(tx, row);
  for (const event of events) await recordEvent(tx, row.id, event.from, event.to, event.actor, event.note);
  const callback = row.record.callback;
  if (row.status !== previousStatus && typeof callback === "string" && callback) {
    const due = await enqueueCallback(tx, ctx, {
      consumerId: row.consumerId,
      contractId: row.id,
      url: callback,
      status: row.status,
      updatedAt: String(record.updatedAt),
      statusNote: record.statusNote,
      contractNumber: record.contractNumber,
    });
    if (due) ctx.wake(due);
  }
  return record;
}
