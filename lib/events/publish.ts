/**
 * Live events: a PostgreSQL NOTIFY on one channel. Sent inside the transaction that made the
 * change, so listeners (the SSE endpoint on every app instance) hear of it only once committed.
 */
import type { Tx } from "../db";

export const EVENTS_CHANNEL = "proposal_desk_events";

export type LiveEvent =
  | { type: "contract.updated"; organizationId: string; advisorId: string; contractId: string; status: number }
  // Many contracts of one advisor changed at once (a sync chunk): screens re-read what they show.
  | { type: "contracts.updated"; organizationId: string; advisorId: string; count: number }
  | { type: "notification.created"; organizationId: string; userId: string; notificationId: string };

export async function publishEvent(tx: Tx, event: LiveEvent): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify(event)})`;
}
