/**
 * Live events: a row in "LiveEvent" (kept LIVE_EVENT_RETENTION_MINUTES, so a browser that
 * reconnects to any instance resumes with Last-Event-ID) and a PostgreSQL NOTIFY carrying its id,
 * in one statement inside the transaction that made the change: listeners (the SSE endpoint on
 * every app instance) hear of it only once committed, and a rolled-back change leaves nothing.
 */
import type { Tx } from "../db";

export const EVENTS_CHANNEL = "proposal_desk_events";

export type LiveEvent =
  | { type: "contract.updated"; organizationId: string; advisorId: string; contractId: string; status: number }
  // Many contracts of one advisor changed at once (a sync chunk): screens re-read what they show.
  | { type: "contracts.updated"; organizationId: string; advisorId: string; count: number }
  | { type: "notification.created"; organizationId: string; userId: string; notificationId: string };

/** What travels on the channel: the stored event's id and the event. */
export interface EventNotice {
  id: string;
  event: LiveEvent;
}

export async function publishEvent(tx: Tx, event: LiveEvent): Promise<void> {
  await tx.$queryRaw`
    WITH stored AS (INSERT INTO "LiveEvent" ("payload") VALUES (${JSON.stringify(event)}::jsonb) RETURNING "id", "payload")
    SELECT pg_notify(${EVENTS_CHANNEL}, json_build_object('id', "id"::text, 'event', "payload")::text)::text FROM stored`;
}
