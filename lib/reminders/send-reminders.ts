/**
 * The reminder job: run by pg-boss's scheduler (lib/reminders/worker.ts), any number of times and
 * on any number of workers. Every reminder is queued through the mail queue with a dedupeKey, so
 * each is sent exactly once, and a crash after queueing never loses one (lib/mail/mail-queue.ts):
 *  - to the customer, `customerReminderHours` before their approval link expires (firm setting,
 *    on/off): once per approval request (`reminder.link-expiry:<approval id>`), in the client's
 *    language, WITHOUT the link (see reminder-mails.ts for why);
 *  - to the advisor, when a task becomes overdue: once per task and due date
 *    (`reminder.task-overdue:<contract id>:<task>:<due>`), in the advisor's language. A task that
 *    comes back later (a new decline, a new link that expires) has a new due date and is reminded again.
 */
import { db } from "../db";
import { env } from "../env";
import { appLocaleOr } from "../i18n/locales";
import { queueMail, wakeMailer, type QueuedMailInput } from "../mail/mail-queue";
import { getOfficeSettings } from "../tasks/office-settings";
import { overdueContractTasks, TASK_OF_STEP } from "../tasks/task-list";
import { linkExpiryReminderMail, taskOverdueReminderMail } from "./reminder-mails";

export interface ReminderRun {
  customer: number;
  advisor: number;
}

const HOUR_MS = 3_600_000;

/** Approval links of this firm that expire within the window and are still open for the current proposal. */
async function expiringLinks(organizationId: string, hours: number, now: Date) {
  const windowEnd = new Date(now.getTime() + hours * HOUR_MS);
  return db().$queryRaw<
    Array<{ id: string; email: string; createdAt: Date; expiresAt: Date; clientName: string; clientLocale: string | null; advisorName: string; productName: string | null; providerName: string }>
  >`
    SELECT a."id", a."email", a."createdAt", a."expiresAt", cl."displayName" AS "clientName", cl."locale" AS "clientLocale",
           u."name" AS "advisorName", pr."name" AS "productName", p."name" AS "providerName"
    FROM "ApprovalRequest" a
    JOIN "Contract" c ON c."id" = a."contractId"
    JOIN "Client" cl ON cl."id" = c."clientId"
    JOIN "User" u ON u."id" = c."advisorId"
    JOIN "Provider" p ON p."id" = c."providerId"
    LEFT JOIN "Product" pr ON pr."id" = c."productId"
    WHERE c."organizationId" = ${organizationId}
      AND a."channel" = 'LINK' AND a."status" = 'PENDING' AND a."usedAt" IS NULL AND a."email" IS NOT NULL
      AND a."expiresAt" > ${now} AND a."expiresAt" <= ${windowEnd}
      -- Only a link that was out before the reminder window opened (a link shorter than the window gets none).
      AND a."createdAt" < a."expiresAt" - make_interval(hours => ${hours}::int)
      AND c."status" = 130 AND c."approvalState" = 'PENDING' AND a."proposalVersion" = c."proposalVersion"
    ORDER BY a."expiresAt"
    LIMIT 1000`;
}

/** Queues the reminders that are due for one firm; returns how many were new (already queued ones are skipped). */
export async function queueRemindersFor(organization: { id: string; name: string; defaultLocale: string }, now = new Date()): Promise<ReminderRun> {
  const settings = await getOfficeSettings(organization.id);
  const mails: { customer: QueuedMailInput[]; advisor: QueuedMailInput[] } = { customer: [], advisor: [] };

  if (settings.customerReminderEnabled) {
    for (const link of await expiringLinks(organization.id, settings.customerReminderHours, now)) {
      const mail = linkExpiryReminderMail({
        locale: appLocaleOr(link.clientLocale ?? organization.defaultLocale),
        to: link.email,
        clientName: link.clientName,
        advisorName: link.advisorName,
        firmName: organization.name,
        productName: link.productName ?? link.providerName,
        sentAt: link.createdAt,
        expiresAt: link.expiresAt,
      });
      mails.customer.push({ organizationId: organization.id, kind: "reminder.link-expiry", dedupeKey: `reminder.link-expiry:${link.id}`, ...mail });
    }
  }

  if (settings.advisorOverdueReminderEnabled) {
    for (const task of await overdueContractTasks(organization.id, settings.taskDueDays, now)) {
      const kind = TASK_OF_STEP[task.nextStep]!;
      const mail = taskOverdueReminderMail({
        locale: appLocaleOr(task.advisorLocale ?? organization.defaultLocale),
        to: task.advisorEmail,
        advisorName: task.advisorName,
        firmName: organization.name,
        clientName: task.clientName,
        kind,
        due: task.due,
        link: new URL(`/contracts/${task.id}`, env().APP_URL).toString(),
      });
      mails.advisor.push({ organizationId: organization.id, kind: "reminder.task-overdue", dedupeKey: `reminder.task-overdue:${task.id}:${kind}:${task.due.toISOString()}`, ...mail });
    }
  }

  const [customer, advisor] = await db().$transaction(async (tx) => [await queueMail(tx, mails.customer), await queueMail(tx, mails.advisor)]);
  return { customer, advisor };
}

/** One run over every firm; wakes the mailer when something new was queued. */
export async function runReminders(now = new Date()): Promise<ReminderRun> {
  const organizations = await db().organization.findMany({ select: { id: true, name: true, defaultLocale: true }, orderBy: { id: "asc" } });
  const total: ReminderRun = { customer: 0, advisor: 0 };
  for (const organization of organizations) {
    const run = await queueRemindersFor(organization, now);
    total.customer += run.customer;
    total.advisor += run.advisor;
  }
  if (total.customer + total.advisor > 0) await wakeMailer();
  return total;
}
