/**
 * Sends due callbacks: claims them with a lease (so a crash mid-send retries, never loses),
 * POSTs with Standard Webhooks headers, logs every attempt, retries non-2xx and timeouts with
 * exponential backoff until callbackMaxAttempts.
 */
import { webhookHeaders } from "../../lib/finum";
import { getConsumer } from "../consumers/registry";
import type { SandboxContext } from "../context";

interface Claimed {
  id: number;
  webhookId: string;
  consumerId: string;
  url: string;
  body: string;
  attempts: number;
}

const BATCH = 20;

/** Delivers what is due now; returns how many deliveries it worked on. */
export async function deliverDueCallbacks(ctx: SandboxContext): Promise<number> {
  const leaseMs = ctx.config.callbackTimeoutMs + 30_000;
  const { rows } = await ctx.db.query(
    `update callback_deliveries set next_attempt_at = clock_timestamp() + $2 * interval '1 millisecond', attempts = attempts + 1
     where id in (select id from callback_deliveries where status = 'pending' and next_attempt_at <= clock_timestamp()
                  order by next_attempt_at, id limit $1 for update skip locked)
     returning id, webhook_id, consumer_id, url, body, attempts`,
    [BATCH, leaseMs],
  );
  const claimed: Claimed[] = rows.map((row) => ({
    id: Number(row.id),
    webhookId: row.webhook_id,
    consumerId: row.consumer_id,
    url: row.url,
    body: row.body,
    attempts: row.attempts,
  }));
  await Promise.all(claimed.map((delivery) => attempt(ctx, delivery)));
  return claimed.length;
}

async function attempt(ctx: SandboxContext, delivery: Claimed): Promise<void> {
  const consumer = await getConsumer(ctx.db, delivery.consumerId);
  const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "finum-sandbox/1" };
  if (consumer?.webhookSecret) Object.assign(headers, webhookHeaders({ id: delivery.webhookId, body: delivery.body, secret: consumer.webhookSecret }));
  else Object.assign(headers, { "webhook-id": delivery.webhookId, "webhook-timestamp": String(Math.floor(Date.now() / 1000)) });

  const startedAt = new Date();
  let status: number | null = null;
  let error: string | null = null;
  try {
    const response = await fetch(delivery.url, {
      method: "POST",
      headers,
      body: delivery.body,
      redirect: "manual",
      signal: AbortSignal.timeout(ctx.config.callbackTimeoutMs),
    });
    status = response.status;
    await response.body?.cancel().catch(() => {});
    if (status < 200 || status > 299) error = `HTTP ${status}`;
  } catch (caught) {
    const err = caught as Error;
    error = err.name === "TimeoutError" ? `timeout after ${ctx.config.callbackTimeoutMs} ms` : `${err.name}: ${(err.cause as Error | undefined)?.message ?? err.message}`;
  }
  const durationMs = Date.now() - startedAt.getTime();

  const delivered = error === null;
  const exhausted = !delivered && delivery.attempts >= ctx.config.callbackMaxAttempts;
  const backoff = Math.min(ctx.config.callbackRetryBaseMs * 2 ** (delivery.attempts - 1), ctx.config.callbackRetryMaxMs);
  const jittered = Math.round(backoff * (0.9 + Math.random() * 0.2));

  await ctx.db.query(
    "insert into callback_attempts (delivery_id, attempt, started_at, duration_ms, response_status, error) values ($1, $2, $3, $4, $5, $6)",
    [delivery.id, delivery.attempts, startedAt, durationMs, status, error],
  );
  await ctx.db.query(
    `update callback_deliveries set
       status = $2,
       last_error = $3,
       next_attempt_at = case when $2 = 'pending' then clock_timestamp() + $4 * interval '1 millisecond' end,
       finished_at = case when $2 = 'pending' then null else clock_timestamp() end
     where id = $1`,
    [delivery.id, delivered ? "delivered" : exhausted ? "failed" : "pending", error, jittered],
  );
  if (!delivered && !exhausted) ctx.wake(new Date(Date.now() + jittered));
  if (!delivered) ctx.log(`callback ${delivery.webhookId} to ${delivery.url} attempt ${delivery.attempts} failed: ${error}${exhausted ? " (giving up)" : ""}`);
}
