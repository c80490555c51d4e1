/**
 * Outbound webhook events: written as outbox rows (one WebhookDelivery per subscribed endpoint)
 * in the transaction of the change they report, so an event exists exactly when its change
 * committed. pg-boss jobs deliver them (./deliver.ts). Payloads carry ids; receivers re-read
 * the records through /api/v1.
 */
import crypto from "node:crypto";
import type { Tx } from "../db";
import type { Prisma } from "../generated/prisma/client";

export const WEBHOOK_EVENT_TYPES = {
  "contract.status_changed": "A contract's status changed (data: contractId, from, to).",
  "contract.turn_changed": "Whose move it is on a contract changed (data: contractId, from, to).",
  "approval.decided": "The customer approved or declined a proposal (data: contractId, approvalId, decision).",
  "document.added": "A document arrived for a contract (data: contractId, documentId, kind).",
} as const;

export type WebhookEventType = keyof typeof WEBHOOK_EVENT_TYPES;
export const WEBHOOK_EVENT_NAMES = Object.keys(WEBHOOK_EVENT_TYPES) as WebhookEventType[];

/** Sent only by an administrator's "Send test event"; not subscribable. */
export const TEST_EVENT_TYPE = "webhook.test";

type Writer = Tx;

/** NOTIFY channel the webhook workers listen on (lib/webhooks/worker.ts). */
export const WEBHOOKS_CHANNEL = "proposal_desk_webhooks";

/** Wakes the webhook workers when the caller's transaction commits (NOTIFY is transactional; nothing on rollback). */
export async function wakeWebhookDispatch(tx: Writer): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${WEBHOOKS_CHANNEL}, '')`;
}

export function newMessageId(): string {
  return `msg_${crypto.randomBytes(12).toString("base64url")}`;
}

/**
 * Queues an event for every enabled endpoint of the organization subscribed to it, in the
 * caller's transaction. Returns the message id, or null when nobody is subscribed.
 */
export async function emitWebhookEvent(tx: Writer, event: { organizationId: string; type: WebhookEventType | typeof TEST_EVENT_TYPE; data: Record<string, unknown>; endpointId?: string }): Promise<string | null> {
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { organizationId: event.organizationId, enabled: true, ...(event.endpointId ? { id: event.endpointId } : {}) },
    select: { id: true, events: true },
  });
  const targets = event.type === TEST_EVENT_TYPE ? endpoints : endpoints.filter((endpoint) => endpoint.events.length === 0 || endpoint.events.includes(event.type));
  if (!targets.length) return null;
  const messageId = newMessageId();
  const payload = { type: event.type, timestamp: new Date().toISOString(), data: event.data } as Prisma.InputJsonValue;
  await tx.webhookDelivery.createMany({
    data: targets.map((endpoint) => ({ endpointId: endpoint.id, organizationId: event.organizationId, messageId, type: event.type, payload })),
  });
  await wakeWebhookDispatch(tx);
  return messageId;
}

/**
 * Many events at once (a sync chunk's status or turn changes): one query for the subscribed
 * endpoints of all their organizations, one insert for all deliveries. Each event gets its own
 * message id, as emitWebhookEvent gives it.
 */
export async function emitWebhookEvents(tx: Writer, events: ReadonlyArray<{ organizationId: string; type: WebhookEventType; data: Record<string, unknown> }>): Promise<number> {
  if (events.length === 0) return 0;
  // Plain SQL: the sync's chunk transactions run on a plain connection (lib/sync/bulk-transaction.ts).
  const endpoints = await tx.$queryRaw<Array<{ id: string; organizationId: string; events: string[] }>>`
    SELECT "id", "organizationId", "events" FROM "WebhookEndpoint"
    WHERE "organizationId" = ANY(${[...new Set(events.map((event) => event.organizationId))]}::text[]) AND "enabled"`;
  if (endpoints.length === 0) return 0;
  const timestamp = new Date().toISOString();
  const rows: Array<{ endpointId: string; organizationId: string; messageId: string; type: string; payload: string }> = [];
  for (const event of events) {
    const targets = endpoints.filter((endpoint) => endpoint.organizationId === event.organizationId && (endpoint.events.length === 0 || endpoint.events.includes(event.type)));
    if (targets.length === 0) continue;
    const messageId = newMessageId();
    const payload = JSON.stringify({ type: event.type, timestamp, data: event.data });
    for (const endpoint of targets) rows.push({ endpointId: endpoint.id, organizationId: event.organizationId, messageId, type: event.type, payload });
  }
  if (rows.length === 0) return 0;
  await tx.$executeRaw`
    INSERT INTO "WebhookDelivery" ("id", "endpointId", "organizationId", "messageId", "type", "payload", "nextAttemptAt", "createdAt")
    SELECT gen_random_uuid()::text, d.endpoint, d.org, d.message, d.type, d.payload::jsonb, ${timestamp}::timestamp, ${timestamp}::timestamp
    FROM unnest(${rows.map((r) => r.endpointId)}::text[], ${rows.map((r) => r.organizationId)}::text[], ${rows.map((r) => r.messageId)}::text[],
                ${rows.map((r) => r.type)}::text[], ${rows.map((r) => r.payload)}::text[]) AS d(endpoint, org, message, type, payload)`;
  await wakeWebhookDispatch(tx);
  return rows.length;
}

/** For the status writer: "status changed" for each change, in the organizations that subscribe at all. */
export async function emitContractStatusEvents(tx: Writer, changes: ReadonlyArray<{ contract: { id: string; organizationId: string }; from: number | null; to: number }>): Promise<void> {
  const moved = changes.filter((change) => change.from !== change.to);
  await emitWebhookEvents(
    tx,
    moved.map((change) => ({ organizationId: change.contract.organizationId, type: "contract.status_changed", data: { contractId: change.contract.id, from: change.from, to: change.to } })),
  );
}

/** For the turn writer (lib/contracts/transition-contract.ts and the apply path): "turn changed". */
export async function emitTurnChanges(tx: Writer, changes: ReadonlyArray<{ contractId: string; organizationId: string; from: string | null; to: string }>): Promise<void> {
  const moved = changes.filter((change) => change.from !== change.to);
  await emitWebhookEvents(
    tx,
    moved.map((change) => ({ organizationId: change.organizationId, type: "contract.turn_changed", data: { contractId: change.contractId, from: change.from, to: change.to } })),
  );
}
