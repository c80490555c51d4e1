/**
 * Mail through a job. `queueMail` writes a QueuedMail row in the caller's transaction, so a mail is
 * sent exactly when what caused it is committed, and a crash after the commit never loses it. The
 * mail job (`startMailWorker`, scheduled every minute by pg-boss's scheduler and woken at once by
 * `wakeMailer` after a commit) claims due rows with a lease (SKIP LOCKED, so any number of workers
 * share them), sends them through `sendMail`, and retries a failure with backoff. A `dedupeKey` makes
 * queueing the same mail twice harmless ("reminder.link-expiry:<approval id>").
 */
import type PgBoss from "pg-boss";
import { z } from "zod";
import { db, type Tx } from "../db";
import { logUnexpected } from "../errors";
import { logger } from "../log/logger";
import { sendMail } from "./send-mail";

export const MAIL_QUEUE = "mail-deliver";
/** After this many failed attempts a mail is FAILED and stays visible; the next is never tried. */
export const MAX_MAIL_ATTEMPTS = 8;
/** How long a claimed mail is left alone by other workers while it is being sent. */
const LEASE_MS = 5 * 60_000;
const BATCH = 20;

const queuedMailSchema = z.object({
  organizationId: z.string().min(1).nullable().optional(),
  kind: z.string().min(1).max(100),
  dedupeKey: z.string().min(1).max(300).optional(),
  to: z.email(),
  subject: z.string().min(1).max(300),
  text: z.string().min(1),
  html: z.string().optional(),
  sendAfter: z.date().optional(),
});
export type QueuedMailInput = z.input<typeof queuedMailSchema>;

/**
 * Queues mails in the caller's transaction (or on their own without one). Returns how many were
 * new: a mail whose dedupeKey is already queued is skipped.
 */
export async function queueMail(tx: Tx | ReturnType<typeof db>, mails: QueuedMailInput | QueuedMailInput[]): Promise<number> {
  const rows = (Array.isArray(mails) ? mails : [mails]).map((mail) => queuedMailSchema.parse(mail));
  if (rows.length === 0) return 0;
  const { count } = await tx.queuedMail.createMany({
    data: rows.map((mail) => ({
      organizationId: mail.organizationId ?? null,
      kind: mail.kind,
      dedupeKey: mail.dedupeKey ?? null,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html ?? null,
      sendAfter: mail.sendAfter ?? new Date(),
    })),
    skipDuplicates: true,
  });
  return count;
}

/** Backoff after the n-th failed attempt: 1, 2, 4 … minutes, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
}

export interface DeliveryResult {
  sent: number;
  failed: number;
}

/** Claims up to `limit` due mails (a lease, so a crashed sender's mails come back) and sends them. */
export async function deliverQueuedMail(limit = BATCH, now = new Date()): Promise<DeliveryResult> {
  const claimed = await db().$queryRaw<Array<{ id: string; to: string; subject: string; text: string; html: string | null; attempts: number }>>`
    UPDATE "QueuedMail" SET "sendAfter" = ${new Date(now.getTime() + LEASE_MS)}, "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "QueuedMail" WHERE "state" = 'PENDING' AND "sendAfter" <= ${now}
      ORDER BY "sendAfter" LIMIT ${limit} FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "to", "subject", "text", "html", "attempts"`;
  const result: DeliveryResult = { sent: 0, failed: 0 };
  for (const mail of claimed) {
    try {
      await sendMail({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? undefined });
      await db().queuedMail.update({ where: { id: mail.id }, data: { state: "SENT", sentAt: new Date(), lastError: null } });
      result.sent++;
    } catch (error) {
      result.failed++;
      const gaveUp = mail.attempts >= MAX_MAIL_ATTEMPTS;
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      await db().queuedMail.update({
        where: { id: mail.id },
        data: { state: gaveUp ? "FAILED" : "PENDING", lastError: message, sendAfter: new Date(Date.now() + retryDelayMs(mail.attempts)) },
      });
      logger().warn({ where: "mail-deliver", mailId: mail.id, attempts: mail.attempts, gaveUp, error: message }, "Mail not sent");
    }
  }
  return result;
}

/** Asks a worker to deliver queued mail now (after the commit that queued it); the minute schedule catches it otherwise. */
export async function wakeMailer(): Promise<void> {
  try {
    const { boss } = await import("../jobs/boss");
    await (await boss()).send(MAIL_QUEUE, {}, { singletonKey: "mail-deliver", singletonSeconds: 1 });
  } catch (error) {
    logUnexpected(error, { where: "mail wake-up" });
  }
}

export async function startMailWorker(instance: PgBoss): Promise<void> {
  await instance.createQueue(MAIL_QUEUE, { name: MAIL_QUEUE, policy: "stately", retryLimit: 0, expireInSeconds: 600 });
  await instance.work(MAIL_QUEUE, { batchSize: 1, pollingIntervalSeconds: 2 }, async () => {
    let total: DeliveryResult = { sent: 0, failed: 0 };
    // Drain what is due, a batch at a time.
    for (;;) {
      const round = await deliverQueuedMail();
      total = { sent: total.sent + round.sent, failed: total.failed + round.failed };
      if (round.sent + round.failed < BATCH) return total;
    }
  });
  await instance.schedule(MAIL_QUEUE, "* * * * *", {});
}
