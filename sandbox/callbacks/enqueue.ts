/**
 * Queues the callback of one status change (FINUM.md, "Callbacks"), in the transaction of the
 * change, with this consumer's callback faults decided now and written down with the delivery.
 */
import type { CallbackBody } from "../../lib/finum";
import type { Tx } from "../db/pool";
import { chance, effectiveFaults } from "../consumers/faults";
import { getConsumer } from "../consumers/registry";
import type { SandboxContext } from "../context";
import { newWebhookId } from "../ids";

export interface CallbackRequest {
  consumerId: string;
  contractId: string;
  url: string;
  status: number;
  updatedAt: string;
}

/** Returns when the first delivery is due (undefined when dropped). */
export async function enqueueCallback(tx: Tx, ctx: SandboxContext, request: CallbackRequest): Promise<Date | undefined> {
  const consumer = await getConsumer(tx, request.consumerId);
  const faults = effectiveFaults(ctx.config.defaultFaults, consumer?.faults ?? {});
  const body: CallbackBody = { recordType: "contract", id: request.contractId, status: request.status, updatedAt: request.updatedAt };
  const text = JSON.stringify(body);
  const webhookId = newWebhookId();

  const insert = (status: string, delayMs: number, fault: string | null) =>
    tx.query(
      `insert into callback_deliveries (webhook_id, consumer_id, contract_id, url, body, status, next_attempt_at, fault, finished_at)
       values ($1, $2, $3, $4, $5, $6, case when $6 = 'pending' then clock_timestamp() + $7 * interval '1 millisecond' end, $8,
               case when $6 = 'dropped' then clock_timestamp() end)
       returning next_attempt_at`,
      [webhookId, request.consumerId, request.contractId, request.url, text, status, delayMs, fault],
    );

  if (chance(faults.dropCallbackRate)) {
    await insert("dropped", 0, "dropped");
    return undefined;
  }
  const reordered = chance(faults.reorderCallbackRate);
  const delay = faults.callbackDelayMs + (reordered ? faults.reorderDelayMs : 0);
  const { rows } = await insert("pending", delay, reordered ? "reordered" : null);
  if (chance(faults.duplicateCallbackRate)) {
    // The same message (same webhook-id) delivered twice, shortly after each other.
    await insert("pending", delay + 50, "duplicate");
  }
  return rows[0].next_attempt_at as Date;
}
