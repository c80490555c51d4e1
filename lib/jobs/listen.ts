/**
 * LISTEN on a PostgreSQL channel with its own connection, reconnecting when the database goes
 * away and comes back. NOTIFY is transactional: a notification sent inside a transaction arrives
 * only when it commits, so a listener never wakes for work that was rolled back.
 */
import pg from "pg";
import { env } from "../env";
import { logUnexpected } from "../errors";

export interface Listener {
  stop(): Promise<void>;
}

export function listen(channel: string, onNotify: (payload: string | undefined) => void): Listener {
  let stopped = false;
  let client: pg.Client | undefined;
  let reported = false; // one log line per outage, not one a second

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: env().DATABASE_URL });
    client = next;
    let retried = false;
    const retry = () => {
      if (retried) return;
      retried = true;
      next.removeAllListeners();
      next.on("error", () => undefined);
      next.end().catch(() => undefined);
      if (!stopped) setTimeout(() => void connect(), 1_000).unref();
    };
    next.on("notification", (message) => onNotify(message.payload));
    next.on("error", retry);
    next.on("end", retry);
    try {
      await next.connect();
      await next.query(`LISTEN ${channel}`);
      reported = false;
    } catch (error) {
      if (!stopped && !reported) logUnexpected(error, { where: `listen ${channel}` });
      reported = true;
      retry();
    }
  };
  void connect();

  return {
    async stop() {
      stopped = true;
      const current = client;
      current?.removeAllListeners();
      current?.on("error", () => undefined);
      await current?.end().catch(() => undefined);
    },
  };
}

/**
 * Coalesces wake-ups: the returned function answers true when the caller should act now (quiet for
 * `ms`); otherwise `later` runs once at the end of the window, however many calls came in it.
 */
export function coalesce(ms: number, later: () => void): () => boolean {
  let last = 0;
  let trailing: NodeJS.Timeout | undefined;
  return () => {
    const now = Date.now();
    if (now - last >= ms) {
      last = now;
      return true;
    }
    trailing ??= setTimeout(() => {
      trailing = undefined;
      last = Date.now();
      later();
    }, ms - (now - last));
    return false;
  };
}

/** Calls `run` at once, then at most once per `ms` (a call in between is made at the window's end). */
export function leadingAndTrailing(run: () => void, ms: number): () => void {
  const now = coalesce(ms, run);
  return () => {
    if (now()) run();
  };
}
