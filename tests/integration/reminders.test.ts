/**
 * Reminders (lib/reminders/send-reminders.ts) against the real PostgreSQL: queued through the mail
 * queue and delivered into OutboxMail exactly once, in the reader's language; the customer's
 * reminder carries no link; the firm's settings switch each kind off and set the window.
 */
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { deliverQueuedMail } from "@/lib/mail/mail-queue";
import { queueRemindersFor, runReminders } from "@/lib/reminders/send-reminders";
import { saveOfficeSettings } from "@/lib/tasks/office-settings";
import { makeClient, makeFirm, makeOrganization, makeUser } from "../factories";
import { daysAgo, hoursAgo, makeContract, makeProduct, makeProvider } from "../office-fixtures";

const HOUR = 3_600_000;

async function orgOf(id: string) {
  return db().organization.findUniqueOrThrow({ where: { id }, select: { id: true, name: true, defaultLocale: true } });
}

/** A proposal at 130 whose approval link (for version 1) went out `sentHoursAgo` and expires in `expiresInHours`. */
async function linkOut(advisor: Awaited<ReturnType<typeof makeUser>>, options: { sentHoursAgo: number; expiresInHours: number; clientLocale?: "de" | "en"; now?: Date }) {
  const now = options.now ?? new Date();
  const provider = await makeProvider(advisor.organizationId);
  const product = await makeProduct(provider.id, "Privathaftpflicht");
  const email = `kunde-${crypto.randomBytes(4).toString("hex")}@example.com`;
  const client = await makeClient(advisor, { email, ...(options.clientLocale ? { locale: options.clientLocale } : {}) });
  const contract = await makeContract({ advisor, clientId: client.id, providerId: provider.id, productId: product.id, status: 130, approvalState: "PENDING" });
  const approval = await db().approvalRequest.create({
    data: {
      contractId: contract.id,
      channel: "LINK",
      proposalVersion: 1,
      documentSha256: "0".repeat(64),
      tokenHash: crypto.randomBytes(32).toString("hex"),
      email,
      createdAt: hoursAgo(options.sentHoursAgo, now),
      expiresAt: new Date(now.getTime() + options.expiresInHours * HOUR),
    },
  });
  return { email, contract, approval };
}

const outbox = (to: string) => db().outboxMail.findMany({ where: { to }, orderBy: { createdAt: "asc" } });

/** Delivers what is queued (mail of other tests too: this is the real queue). */
async function deliverAll() {
  for (let round = 0; round < 20; round++) if ((await deliverQueuedMail(50)).sent === 0) return;
}

describe("the customer's reminder before their approval link expires", () => {
  it("is sent once, in the client's language, asks them to open the earlier email and carries no link", async () => {
    const org = await makeOrganization(undefined, "en");
    const advisor = await makeUser(org.id, "ADVISOR", "Anna Berater");
    const german = await linkOut(advisor, { sentHoursAgo: 100, expiresInHours: 10, clientLocale: "de" });
    const english = await linkOut(advisor, { sentHoursAgo: 100, expiresInHours: 20 });
    const later = await linkOut(advisor, { sentHoursAgo: 100, expiresInHours: 30 }); // outside the 24 h window
    const brandNew = await linkOut(advisor, { sentHoursAgo: 1, expiresInHours: 10 }); // sent inside the window: no reminder

    const first = await queueRemindersFor(await orgOf(org.id));
    expect(first.customer).toBe(2);
    expect((await queueRemindersFor(await orgOf(org.id))).customer).toBe(0); // the dedupe key holds
    expect(await db().queuedMail.count({ where: { dedupeKey: `reminder.link-expiry:${german.approval.id}` } })).toBe(1);
    await deliverAll();

    const [de] = await outbox(german.email);
    const [en] = await outbox(english.email);
    expect(await outbox(german.email)).toHaveLength(1);
    expect(de!.subject).toBe(`${org.name}: Ihr Angebot für Privathaftpflicht wartet auf Ihre Antwort`);
    expect(de!.text).toContain("Bitte öffnen Sie die E-Mail");
    expect(de!.text).toContain("Anna Berater");
    expect(en!.subject).toBe(`${org.name}: your Privathaftpflicht proposal is waiting for your answer`);
    expect(en!.text).toContain("Please open the email");
    for (const mail of [de!, en!]) {
      expect(mail.text).not.toMatch(/\/approve\//);
      expect(mail.html ?? "").not.toMatch(/\/approve\//);
    }
    expect(await outbox(later.email)).toHaveLength(0);
    expect(await outbox(brandNew.email)).toHaveLength(0);

    // Running again, after delivery, sends nothing new.
    await queueRemindersFor(await orgOf(org.id));
    await deliverAll();
    expect(await outbox(german.email)).toHaveLength(1);
  });

  it("follows the firm's window and on/off setting, and skips links that were answered or replaced", async () => {
    const firm = await makeFirm();
    const in30 = await linkOut(firm.advisor, { sentHoursAgo: 200, expiresInHours: 30 });
    const answered = await linkOut(firm.advisor, { sentHoursAgo: 200, expiresInHours: 5 });
    await db().approvalRequest.update({ where: { id: answered.approval.id }, data: { status: "APPROVED", decidedAt: new Date(), usedAt: new Date() } });
    await db().contract.update({ where: { id: answered.contract.id }, data: { approvalState: "APPROVED", turn: "ADVISOR", nextStep: "order", needsAttention: false } });

    await saveOfficeSettings(firm.admin, { taskDueDays: "2", customerReminderEnabled: false, customerReminderHours: "48", advisorOverdueReminderEnabled: false });
    expect(await queueRemindersFor(await orgOf(firm.org.id))).toEqual({ customer: 0, advisor: 0 });

    await saveOfficeSettings(firm.admin, { taskDueDays: "2", customerReminderEnabled: true, customerReminderHours: "48", advisorOverdueReminderEnabled: false });
    expect(await queueRemindersFor(await orgOf(firm.org.id))).toEqual({ customer: 1, advisor: 0 });
    expect(await db().queuedMail.findFirst({ where: { dedupeKey: `reminder.link-expiry:${in30.approval.id}` } })).not.toBeNull();
    expect(await db().queuedMail.findFirst({ where: { dedupeKey: `reminder.link-expiry:${answered.approval.id}` } })).toBeNull();
  });
});

describe("the advisor's reminder about an overdue task", () => {
  it("is sent once per task and due date, in the advisor's language, with a link to the contract", async () => {
    const org = await makeOrganization(undefined, "en");
    const german = await makeUser(org.id, "ADVISOR", "Greta Lange");
    await db().user.update({ where: { id: german.id }, data: { locale: "de" } });
    const english = await makeUser(org.id, "ADVISOR", "Paul Smith");
    const provider = await makeProvider(org.id);
    const client = await db().client.findUniqueOrThrow({ where: { id: (await makeClient(german, { firstName: "Erika", lastName: "Muster" })).id } });
    const englishClient = await makeClient(english);
    const now = new Date();
    const overdue = await makeContract({ advisor: german, clientId: client.id, providerId: provider.id, status: 110, statusChangedAt: daysAgo(3, now) });
    const notYet = await makeContract({ advisor: german, clientId: client.id, providerId: provider.id, status: 420, statusChangedAt: daysAgo(1, now) });
    const waiting = await makeContract({ advisor: german, clientId: client.id, providerId: provider.id, status: 120, statusChangedAt: daysAgo(9, now) }); // the provider's turn
    const englishOverdue = await makeContract({ advisor: english, clientId: englishClient.id, providerId: provider.id, status: 130, approvalState: "DECLINED", statusChangedAt: daysAgo(4, now) });

    expect((await queueRemindersFor(await orgOf(org.id), now)).advisor).toBe(2);
    expect((await queueRemindersFor(await orgOf(org.id), now)).advisor).toBe(0);
    await deliverAll();
    const mails = await outbox(german.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`Überfällig: Anbieter benötigt weitere Daten (${client.displayName})`);
    expect(mails[0]!.text).toContain(`/contracts/${overdue.id}`);
    expect(mails[0]!.text).not.toContain(notYet.id);
    expect(mails[0]!.text).not.toContain(waiting.id);
    const [englishMail] = await outbox(english.email);
    expect(englishMail!.subject).toMatch(/^Overdue: Declined by the customer/);
    expect(englishMail!.text).toContain(`/contracts/${englishOverdue.id}`);

    // The same task with a new cause (the provider asked again) has a new due date: reminded once more.
    await db().contract.update({ where: { id: overdue.id }, data: { statusChangedAt: daysAgo(2.5, now) } });
    expect((await queueRemindersFor(await orgOf(org.id), now)).advisor).toBe(1);
    // A disabled advisor is not emailed; the setting switches it off for the firm.
    await db().user.update({ where: { id: english.id }, data: { disabled: true } });
    await db().contract.update({ where: { id: englishOverdue.id }, data: { statusChangedAt: daysAgo(5, now) } });
    expect((await queueRemindersFor(await orgOf(org.id), now)).advisor).toBe(0);
  });

  it("is not sent when the firm switched it off; runReminders covers every firm", async () => {
    const firm = await makeFirm();
    const provider = await makeProvider(firm.org.id);
    const client = await makeClient(firm.advisor);
    const contract = await makeContract({ advisor: firm.advisor, clientId: client.id, providerId: provider.id, status: 110, statusChangedAt: daysAgo(10) });
    await saveOfficeSettings(firm.admin, { taskDueDays: "2", customerReminderEnabled: true, customerReminderHours: "24", advisorOverdueReminderEnabled: false });
    await runReminders();
    expect(await db().queuedMail.count({ where: { organizationId: firm.org.id } })).toBe(0);
    await saveOfficeSettings(firm.admin, { taskDueDays: "2", customerReminderEnabled: true, customerReminderHours: "24", advisorOverdueReminderEnabled: true });
    const run = await runReminders();
    expect(run.advisor).toBeGreaterThanOrEqual(1);
    expect(await db().queuedMail.findMany({ where: { organizationId: firm.org.id }, select: { kind: true, to: true, dedupeKey: true } })).toEqual([
      { kind: "reminder.task-overdue", to: firm.advisor.email, dedupeKey: expect.stringContaining(`reminder.task-overdue:${contract.id}:needs-data:`) },
    ]);
  });
});
