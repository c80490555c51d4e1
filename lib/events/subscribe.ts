/**
 * One LISTEN connection per process, fanned out to this process's subscribers (the open SSE
 * streams). Every app instance listens, so an event committed anywhere reaches every screen.
 * A reconnecting browser resumes (Last-Event-ID) from the events kept in PostgreSQL, on whichever
 * instance it lands.
 */
import { EventEmitter } from "node:events";
import pg from "pg";
import { env } from "../env";
import { pgPool } from "../pg-pool";
import { seesWholeFirm } from "../auth/roles";
import { EVENTS_CHANNEL, type EventNotice, type LiveEvent } from "./publish";

export interface DeliveredEvent {
  id: string;
  event: LiveEvent;
}

// A resume replays at most this many events; further behind, the screen reloads its data instead.
const MAX_REPLAY = 1_000;

interface Hub {
  emitter: EventEmitter;
  ready: Promise<void>;
}

const globalForHub = globalThis as unknown as { proposalDeskHub?: Hub };

/** Tries again every second until the database answers; the screens resync once it does. */
function reconnectSoon(hub: Hub) {
  setTimeout(() => void connect(hub).catch(() => reconnectSoon(hub)), 1_000);
}

async function connect(hub: Hub): Promise<void> {
  const client = new pg.Client({ connectionString: env().DATABASE_URL });
  client.on("notification", (message) => {
    if (message.channel !== EVENTS_CHANNEL || !message.payload) return;
    let notice: EventNotice;
    try {
      notice = JSON.parse(message.payload) as EventNotice;
    } catch {
      return;
    }
    if (typeof notice?.id !== "string" || !notice.event) return;
    hub.emitter.emit("event", { id: notice.id, event: notice.event } satisfies DeliveredEvent);
  });
  const swallow = () => undefined; // errors before the connection is up reject connect() below
  client.on("error", swallow);
  try {
    await client.connect();
    await client.query(`LISTEN ${EVENTS_CHANNEL}`);
  } catch (error) {
    client.end().catch(swallow);
    throw error;
  }
  // From here on, a lost connection ("error", or "end" after a server restart) is re-established.
  let lost = false;
  const onLost = () => {
    if (lost) return;
    lost = true;
    client.removeAllListeners();
    client.on("error", swallow);
    client.end().catch(swallow);
    hub.emitter.emit("resync"); // events may have been missed while disconnected
    reconnectSoon(hub);
  };
  client.off("error", swallow);
  client.on("error", onLost);
  client.on("end", onLost);
}

function hub(): Hub {
  if (!globalForHub.proposalDeskHub) {
    const created: Hub = { emitter: new EventEmitter(), ready: Promise.resolve() };
    created.emitter.setMaxListeners(0);
    created.ready = connect(created).catch((error: unknown) => {
      globalForHub.proposalDeskHub = undefined; // the next subscriber tries again
      throw error;
    });
    globalForHub.proposalDeskHub = created;
  }
  return globalForHub.proposalDeskHub;
}

/** The events after `lastEventId`, or null when that event is no longer kept (or never was). */
async function eventsAfter(lastEventId: string): Promise<DeliveredEvent[] | null> {
  if (!/^\d{1,18}$/.test(lastEventId)) return null;
  const kept = await pgPool().query(`SELECT 1 FROM "LiveEvent" WHERE "id" = $1::bigint`, [lastEventId]);
  if (!kept.rowCount) return null;
  const { rows: events } = await pgPool().query<{ id: string; payload: LiveEvent }>(
    `SELECT "id"::text AS id, "payload" FROM "LiveEvent" WHERE "id" > $1::bigint ORDER BY "id" LIMIT $2`,
    [lastEventId, MAX_REPLAY + 1],
  );
  if (events.length > MAX_REPLAY) return null;
  return events.map((row) => ({ id: row.id, event: row.payload }));
}

/**
 * Subscribes to live events. With `lastEventId`, the events missed since are replayed first
 * (from PostgreSQL, whichever instance sent them); when that event is too old or unknown,
 * `onResync` asks the screen to reload its data.
 */
export async function subscribe(handlers: { onEvent: (event: DeliveredEvent) => void; onResync: () => void }, lastEventId?: string | null): Promise<() => void> {
  const current = hub();
  await current.ready;
  if (!lastEventId) {
    current.emitter.on("event", handlers.onEvent);
    current.emitter.on("resync", handlers.onResync);
    return () => {
      current.emitter.off("event", handlers.onEvent);
      current.emitter.off("resync", handlers.onResync);
    };
  }
  // Listen first, hold live events back while the replay is read, then drop those it covered.
  const held: DeliveredEvent[] = [];
  let replaying = true;
  let lastSent = BigInt(/^\d{1,18}$/.test(lastEventId) ? lastEventId : "0");
  const forward = (event: DeliveredEvent) => {
    if (replaying) return void held.push(event);
    if (BigInt(event.id) <= lastSent) return;
    lastSent = BigInt(event.id);
    handlers.onEvent(event);
  };
  current.emitter.on("event", forward);
  current.emitter.on("resync", handlers.onResync);
  const missed = await eventsAfter(lastEventId).catch(() => null);
  replaying = false;
  if (missed) for (const event of missed) forward(event);
  else handlers.onResync();
  for (const event of held) forward(event);
  return () => {
    current.emitter.off("event", forward);
    current.emitter.off("resync", handlers.onResync);
  };
}

/** Whether a signed-in user may see an event. */
export function eventVisibleTo(event: LiveEvent, user: { id: string; organizationId: string; role: "ADMIN" | "ADVISOR" | "BACK_OFFICE" }): boolean {
  if (event.organizationId !== user.organizationId) return false;
  if (event.type === "notification.created") return event.userId === user.id;
  return seesWholeFirm(user.role) || event.advisorId === user.id;
}
