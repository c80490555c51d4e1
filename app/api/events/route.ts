import { getSessionUser, sessionStillValid } from "@/lib/auth/session";
import { AppError, problemResponse } from "@/lib/errors";
import { eventVisibleTo, subscribe } from "@/lib/events/subscribe";

// Live events for the signed-in user as Server-Sent Events, fed by PostgreSQL LISTEN/NOTIFY.
// Reconnects resume with Last-Event-ID; the stream ends when the session does.
export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;

export async function GET(request: Request) {
  const user = await getSessionUser();
  if (!user) return problemResponse(new AppError("UNAUTHENTICATED", "common.liveSignIn"));
  const encoder = new TextEncoder();
  let cleanup = () => {};

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const close = () => {
        if (closed) return;
        closed = true;
        cleanup();
        try {
          controller.close();
        } catch {
          /* already closed by the client */
        }
      };
      send("retry: 3000\n\n");
      const unsubscribe = await subscribe(
        {
          onEvent: ({ id, event }) => {
            if (eventVisibleTo(event, user)) send(`id: ${id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
          },
          onResync: () => send(`event: resync\ndata: {}\n\n`),
        },
        request.headers.get("last-event-id"),
      );
      const heartbeat = setInterval(async () => {
        if (!(await sessionStillValid(user).catch(() => true))) {
          send(`event: session-ended\ndata: {}\n\n`);
          return close();
        }
        send(`: keep-alive\n\n`);
      }, HEARTBEAT_MS);
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      request.signal.addEventListener("abort", close);
    },
    cancel() {
      cleanup();
    },
  });

  return new Response(stream, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
  });
}
