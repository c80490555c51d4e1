/**
 * Applies each recipient's notification settings (issue 14, item 7). A notification row is written
 * in the transaction of what caused it (the engine's status changes, the customer's decision), so
 * it is the durable record that something happened; it starts undispatched. The dispatcher then,
 * in one transaction per batch: queues the email (through the mail job, in the recipient's
 * language, deduplicated per event and user) when email is on, removes the row when the bell is off,
 * and marks the rest dispatched. A crash before that commit leaves the rows undispatched, and the
 * next run takes them: nothing is lost and nothing is sent twice.
 *
 * Runs as a pg-boss job: every minute by the scheduler, and at once when a notification is
 * announced on the live-event channel. Until then the bell already leaves out a row whose event
 * its reader turned off (queries.ts).
 */
import type PgBoss from "pg-boss";
import { db } from "../db";
import { env } from "../env";
import { logUnexpected } from "../errors";
import { appLocaleOr } from "../i18n/locales";
import { queueMail, wakeMailer, type QueuedMailInput } from "../mail/mail-queue";
import { subscribe } from "../events/subscribe";
import { onBossStop } from "../jobs/boss";
import { eventOfNotification } from "./events";
import { settingsOfUsers } from "./preferences";
import { statusMail } from "./status-mail";

export const NOTIFICATION_QUEUE = "notification-dispatch";
const BATCH = 100;

export interface DispatchResult {
  dispatched: number;
  mailed: number;
  removed: number;
}

/** Dispatches one batch of undispatched notifications; returns what it did. */
async function dispatchBatch(limit: number): Promise<DispatchResult & { seen: number }> {
  return db().$transaction(async (tx) => {
    const claimed = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT "id" FROM "Notification" WHERE "dispatchedAt" IS NULL ORDER BY "createdAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
    if (claimed.length === 0) return { seen: 0, dispatched: 0, mailed: 0, removed: 0 };
    const rows = await tx.notification.findMany({
      where: { id: { in: claimed.map((row) => row.id) } },
      select: {
        id: true,
        kind: true,
        title: true,
        userId: true,
        contractId: true,
        user: { select: { email: true, name: true, locale: true, disabled: true, organization: { select: { name: true, defaultLocale: true } } } },
        contract: { select: { client: { select: { displayName: true } }, product: { select: { name: true } }, provider: { select: { name: true } } } },
      },
    });
    const settings = await settingsOfUsers(tx, rows.map((row) => row.userId));
    const appUrl = env().APP_URL.replace(/\/$/, "");
    const mails: QueuedMailInput[] = [];
    const remove: string[] = [];
    for (const row of rows) {
      const event = eventOfNotification(row);
      if (!event) continue;
      const chosen = settings.get(row.userId)![event];
      if (chosen.email && !row.user.disabled) {
        const mail = statusMail({
          locale: appLocaleOr(row.user.locale ?? row.user.organization.defaultLocale),
          to: row.user.email,
          recipientName: row.user.name,
          firmName: row.user.organization.name,
          event,
          approved: row.kind === "approval.approved",
          clientName: row.contract?.client.displayName ?? null,
          productName: row.contract?.product?.name ?? null,
          providerName: row.contract?.provider.name ?? null,
          contractUrl: row.contractId ? `${appUrl}/contracts/${row.contractId}` : `${appUrl}/`,
          settingsUrl: `${appUrl}/account/notifications`,
        });
        // One mail per notification: the row is this event for this user, so its id is the key.
        mails.push({ ...mail, organizationId: null, kind: `notify.${event}`, dedupeKey: `notify:${event}:${row.userId}:${row.id}` });
      }
      if (!chosen.inApp) remove.push(row.id);
    }
    const mailed = mails.length ? await queueMail(tx, mails) : 0;
    if (remove.length) await tx.notification.deleteMany({ where: { id: { in: remove } } });
    const keep = rows.map((row) => row.id).filter((id) => !remove.includes(id));
    if (keep.length) await tx.notification.updateMany({ where: { id: { in: keep } }, data: { dispatchedAt: new Date() } });
    return { seen: claimed.length, dispatched: rows.length, mailed, removed: remove.length };
  });
}

/** Dispatches every undispatched notification, a batch at a time; wakes the mailer when mail was queued. */
export async function dispatchNotifications(options: { wake?: boolean } = {}): Promise<DispatchResult> {
  const total: DispatchResult = { dispatched: 0, mailed: 0, removed: 0 };
  for (;;) {
    const round = await dispatchBatch(BATCH);
    total.dispatched += round.dispatched;
    total.mailed += round.mailed;
    total.removed += round.removed;
    if (round.seen < BATCH) break;
  }
  if (total.mailed > 0 && options.wake !== false) await wakeMailer();
  return total;
}

async function wake(instance: PgBoss): Promise<void> {
  await instance.send(NOTIFICATION_QUEUE, {}, { singletonKey: NOTIFICATION_QUEUE, singletonSeconds: 1 });
}

export async function startNotificationWorker(instance: PgBoss): Promise<void> {
  await instance.createQueue(NOTIFICATION_QUEUE, { name: NOTIFICATION_QUEUE, policy: "stately", retryLimit: 0, expireInSeconds: 300 });
  await instance.work(NOTIFICATION_QUEUE, { batchSize: 1, pollingIntervalSeconds: 2 }, () => dispatchNotifications());
  await instance.schedule(NOTIFICATION_QUEUE, "* * * * *", {});
  // A notification announced anywhere (the engine, the customer's page) wakes the dispatcher at once.
  try {
    const stop = await subscribe({
      onEvent: ({ event }) => {
        if (event.type === "notification.created") void wake(instance).catch((error: unknown) => logUnexpected(error, { where: "notification wake-up" }));
      },
      onResync: () => void wake(instance).catch(() => undefined),
    });
    onBossStop(async () => stop());
  } catch (error) {
    logUnexpected(error, { where: "notification wake-up listener" }); // the minute schedule still runs
  }
  await wake(instance);
}
