/**
 * Delivering the outbox: due deliveries are claimed (so two workers never send one twice at
 * once), signed with Standard Webhooks and POSTed. A failure is retried on a backoff schedule
 * that spans more than three days; then the delivery is marked failed and can be replayed.
 */
import { Webhook } from "standardwebhooks";
import { db } from "../db";
import { decryptSecret } from "../crypto/secrets";
import { storedText } from "../i18n/stored-message";

/** Waits after the 1st, 2nd, … failed attempt (seconds): 5 s up to 12 h, about 75 hours in all. */
export const RETRY_SCHEDULE_SECONDS = [5, 300, 1800, 7200, 18_000, 36_000, 36_000, 43_200, 43_200, 43_200, 43_200] as const;
export const MAX_ATTEMPTS = RETRY_SCHEDULE_SECONDS.length + 1;
const TIMEOUT_MS = 10_000;
const CLAIM_SECONDS = 120;
const MAX_ERROR_LENGTH = 500;

/** Claims up to `limit` due deliveries for this worker (of one organization, if given); returns their ids. */
export async function claimDueDeliveries(limit = 50, now = new Date(), organizationId: string | null = null): Promise<string[]> {
  const until = new Date(now.getTime() + CLAIM_SECONDS * 1000);
  const rows = await db().$queryRaw<Array<{ id: string }>>`
    UPDATE "WebhookDelivery" SET "claimedUntil" = ${until}
    WHERE id IN (
      SELECT id FROM "WebhookDelivery"
      WHERE state = 'PENDING' AND "nextAttemptAt" <= ${now} AND ("claimedUntil" IS NULL OR "claimedUntil" < ${now})
        AND (${organizationId}::text IS NULL OR "organizationId" = ${organizationId})
      ORDER BY "nextAttemptAt" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id`;
  return rows.map((row) => row.id);
}

/** The signing secrets in force: the current one, and the previous one during a rotation's overlap. */
function signingSecrets(endpoint: { secretEnc: string; previousSecretEnc: string | null; previousSecretExpiresAt: Date | null }, now: Date): string[] {
  const secrets = [decryptSecret(endpoint.secretEnc)];
  if (endpoint.previousSecretEnc && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now) secrets.push(decryptSecret(endpoint.previousSecretEnc));
  return secrets;
}

/** The Standard Webhooks headers for a body, one `v1,` signature per secret in force. */
export function signedHeaders(messageId: string, body: string, secrets: string[], at: Date): Record<string, string> {
  const signature = secrets.map((secret) => new Webhook(secret).sign(messageId, at, body)).join(" ");
  return { "webhook-id": messageId, "webhook-timestamp": String(Math.floor(at.getTime() / 1000)), "webhook-signature": signature };
}

export type AttemptOutcome = "succeeded" | "retrying" | "failed" | "skipped";

/**
 * One attempt at one delivery. `now` lets tests walk through the retry schedule; `onRetry` hears
 * when the next attempt is due (the worker queues a dispatch for a retry sooner than its minute).
 */
export async function deliverWebhook(deliveryId: string, options: { now?: Date; onRetry?: (at: Date) => Promise<void> } = {}): Promise<AttemptOutcome> {
  const now = options.now ?? new Date();
  const delivery = await db().webhookDelivery.findUnique({
    where: { id: deliveryId },
    include: { endpoint: { select: { url: true, enabled: true, secretEnc: true, previousSecretEnc: true, previousSecretExpiresAt: true } } },
  });
  if (!delivery || delivery.state !== "PENDING") return "skipped";

  const body = JSON.stringify(delivery.payload);
  const started = Date.now();
  let status: number | null = null;
  let error: string | null = null;
  if (!delivery.endpoint.enabled) {
    error = storedText("apiAdmin.webhooks.stored.disabled");
  } else {
    try {
      const response = await fetch(delivery.endpoint.url, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "ProposalDesk-Webhooks/1", ...signedHeaders(delivery.messageId, body, signingSecrets(delivery.endpoint, now), now) },
        body,
        // A receiver answers where it was asked; redirects are refused rather than followed.
        redirect: "manual",
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      status = response.status;
      await response.body?.cancel().catch(() => undefined);
      if (status < 200 || status >= 300) error = storedText("apiAdmin.webhooks.stored.status", { status });
    } catch (caught) {
      error = caught instanceof Error ? (caught.name === "TimeoutError" ? storedText("apiAdmin.webhooks.stored.timeout", { seconds: TIMEOUT_MS / 1000 }) : caught.message) : String(caught);
    }
  }
  const durationMs = Date.now() - started;
  const attempts = delivery.attempts + 1;
  const succeeded = error === null;
  const gaveUp = !succeeded && (attempts >= MAX_ATTEMPTS || !delivery.endpoint.enabled);
  const wait = RETRY_SCHEDULE_SECONDS[attempts - 1] ?? 0;
  const nextAttemptAt = new Date(now.getTime() + wait * 1000);

  await db().$transaction([
    db().webhookAttempt.create({ data: { deliveryId, at: now, status, durationMs, error: error?.slice(0, MAX_ERROR_LENGTH) ?? null } }),
    db().webhookDelivery.update({
      where: { id: deliveryId },
      data: {
        attempts,
        state: succeeded ? "SUCCEEDED" : gaveUp ? "FAILED" : "PENDING",
        lastStatus: status,
        lastError: error?.slice(0, MAX_ERROR_LENGTH) ?? null,
        lastAttemptAt: now,
        deliveredAt: succeeded ? now : null,
        nextAttemptAt: succeeded || gaveUp ? now : nextAttemptAt,
        claimedUntil: null,
      },
    }),
  ]);
  if (succeeded) return "succeeded";
  if (gaveUp) return "failed";
  await options.onRetry?.(nextAttemptAt);
  return "retrying";
}

/** Claims what is due and delivers it here, a few at a time (for tests and one-off drains). */
export async function deliverDueWebhooks(options: { now?: Date; limit?: number; organizationId?: string } = {}): Promise<Record<AttemptOutcome, number>> {
  const counts: Record<AttemptOutcome, number> = { succeeded: 0, retrying: 0, failed: 0, skipped: 0 };
  const ids = await claimDueDeliveries(options.limit ?? 50, options.now, options.organizationId ?? null);
  for (const id of ids) counts[await deliverWebhook(id, { now: options.now })] += 1;
  return counts;
}

/** Delivered or abandoned deliveries (and their attempts) are kept this long for the log. */
export const DELIVERY_RETENTION_DAYS = 30;

export async function deleteOldDeliveries(now = new Date()): Promise<number> {
  const { count } = await db().webhookDelivery.deleteMany({ where: { state: { in: ["SUCCEEDED", "FAILED"] }, createdAt: { lt: new Date(now.getTime() - DELIVERY_RETENTION_DAYS * 86_400_000) } } });
  return count;
}
