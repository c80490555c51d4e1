/**
 * Queues the callback of one status change (FINUM.md, "Callbacks"), in the transaction of the
 * change, with this consumer's callback faults decided now and written down with the delivery.
 * The body is written in the consumer's dialect.
 */
import { CONTRACT_STATUS as S, type CallbackBody } from "../../lib/finum";
import type { Tx } from "../db/pool";
import { chance, effectiveFaults } from "../consumers/faults";
import { getConsumer } from "../consumers/registry";
import type { SandboxContext } from "../context";
import { dialectOf } from "../dialects/table";
import { wireCallbackBody } from "../dialects/wire";
import { newWebhookId } from "../ids";

export interface CallbackRequest {
  consumerId: string;
  contractId: string;
  url: string;
  status: number;
  updatedAt: string;
  statusNote?: unknown;
  contractNumber?: unknown;
}

const DAY_MS = 86_400_000;

/** A lying callback: a status and an updatedAt that are not the record's (the re-read record must win). */
function lie(body: CallbackBody): CallbackBody {
  return { ...body, status: body.status === S.ACTIVE ? S.PROPOSAL_AVAILABLE : S.ACTIVE, updatedAt: new Date(Date.parse(body.updatedAt) + DAY_MS).toISOString() };
}

/** Returns when the first delivery is due (undefined when dropped). */
export async function enqueueCallback(tx: Tx, ctx: SandboxContext, request: CallbackRequest): Promise<Date | undefined> {
  const consumer = await getConsumer(tx, request.consumerId);
  const faults = effectiveFaults(ctx.config.defaultFaults, consumer?.faults ?? {});
  const truthful: CallbackBody = { recordType: "contract", id: request.contractId, status: request.status, updatedAt: request.updatedAt };
  const lying = chance(faults.lyingCallbackRate);
  const body = lying ? lie(truthful) : truthful;
  const dialect = dialectOf(consumer?.dialect, ctx.config.defaultDialect);
  const text = JSON.stringify(
    dialect.name === "standard" ? body : wireCallbackBody(dialect, body, { statusNote: request.statusNote, contractNumber: request.contractNumber, sentAt: new Date() }),
  );
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
  const { rows } = await insert("pending", delay, lying ? "lying" : reordered ? "reordered" : null);
  if (chance(faults.duplicateCallbackRate)) {
    // The same message (same webhook-id) delivered twice, shortly after each other.
    await insert("pending", delay + 50, "duplicate");
  }
  return rows[0].next_attempt_at as Date;
}
