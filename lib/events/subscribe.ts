/**
 * One LISTEN connection per process, fanned out to this process's subscribers (the open SSE
 * streams). Every app instance listens, so an event committed anywhere reaches every screen.
 * Keeps the last events in memory so a reconnecting browser can resume (Last-Event-ID).
 */
import crypto from "node:crypto";
import { EventEmitter } from "node:events";
import pg from "pg";
import { env } from "../env";
import { EVENTS_CHANNEL, type LiveEvent } from "./publish";

export interface DeliveredEvent {
  id: string;
  event: LiveEvent;
}

const BUFFER = 2_000;
// Event ids are "<process boot id>.<sequence>": a resume is only possible on the same process.
const bootId = crypto.randomBytes(4).toString("hex");

interface Hub {
  emitter: EventEmitter;
  recent: DeliveredEvent[];
  sequence: number;
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
    let event: LiveEvent;
    try {
      event = JSON.parse(message.payload) as LiveEvent;
    } catch {
      return;
    }
    const delivered = { id: `${bootId}.${++hub.sequence}`, event };
    hub.recent.push(delivered);
    if (hub.recent.length > BUFFER) hub.recent.shift();
    hub.emitter.emit("event", delivered);
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
    const created: Hub = { emitter: new EventEmitter(), recent: [], sequence: 0, ready: Promise.resolve() };
    created.emitter.setMaxListeners(0);
    created.ready = connect(created).catch((error: unknown) => {
      globalForHub.proposalDeskHub = undefined; // the next subscriber tries again
      throw error;
    });
    globalForHub.proposalDeskHub = created;
  }
  return globalForHub.proposalDeskHub;
}

/**
 * Subscribes to live events. With `lastEventId` from this process, the missed events are
 * replayed first; otherwise (another instance, or too old) `onResync` asks the screen to reload its data.
 */
export async function subscribe(handlers: { onEvent: (event: DeliveredEvent) => void; onResync: () => void }, lastEventId?: string | null): Promise<() => void> {
  const current = hub();
  await current.ready;
  if (lastEventId) {
    const index = current.recent.findIndex((event) => event.id === lastEventId);
    if (index >= 0) for (const event of current.recent.slice(index + 1)) handlers.onEvent(event);
    else handlers.onResync();
  }
  current.emitter.on("event", handlers.onEvent);
  current.emitter.on("resync", handlers.onResync);
  return () => {
    current.emitter.off("event", handlers.onEvent);
    current.emitter.off("resync", handlers.onResync);
  };
}

/** Whether a signed-in user may see an event. */
export function eventVisibleTo(event: LiveEvent, user: { id: string; organizationId: string; role: "ADMIN" | "ADVISOR" }): boolean {
  if (event.organizationId !== user.organizationId) return false;
  if (event.type === "notification.created") return event.userId === user.id;
  return user.role === "ADMIN" || event.advisorId === user.id;
}
