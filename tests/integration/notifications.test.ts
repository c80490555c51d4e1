/**
 * Status emails and notification settings (issue 14, item 7) against the real PostgreSQL and the
 * real sandbox: a 130 and a 320 arriving from the provider reach each advisor as their settings
 * say, by email in the advisor's own language, once; the bell keeps only what they want in it.
 */
import crypto from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { stopBoss } from "@/lib/jobs/boss";
import { createProposal } from "@/lib/contracts/create-proposal";
import { refreshContract } from "@/lib/sync/refresh-contract";
import { deliverQueuedMail } from "@/lib/mail/mail-queue";
import { dispatchNotifications } from "@/lib/notifications/dispatch";
import { notificationSettings, saveNotificationSettings } from "@/lib/notifications/preferences";
import { listNotifications } from "@/lib/notifications/queries";
import { DEFAULT_CHANNELS, eventOfNotification } from "@/lib/notifications/events";
import { createNotification } from "@/lib/notifications/create-notification";
import { msg } from "@/lib/i18n/message";
import { makeClient, makeFirm, makeUser, type TestUser } from "../factories";
import { connectFirmToSandbox, eventually, setSandboxContractStatus } from "../sandbox";

afterAll(async () => {
  await stopBoss();
});

const fullData = { coverage: "5000000", family: "true", dogOwner: "false", startDate: "2027-01-01" };
const everythingOff = Object.fromEntries(Object.keys(DEFAULT_CHANNELS).map((event) => [event, { inApp: true, email: false }]));

async function deliverAll() {
  await dispatchNotifications({ wake: false });
  while ((await deliverQueuedMail(50)).sent === 50);
}

const statusOf = async (id: string) => (await db().contract.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;

/** A proposal of `advisor` brought to 130 by the provider (the poll reads it), then to 320 by the provider. */
async function proposalTo130(advisor: TestUser, productId: string) {
  const { id } = await makeClient(advisor);
  const client = await db().client.findUniqueOrThrow({ where: { id }, select: { id: true, displayName: true, email: true } });
  const { contractId } = await createProposal(advisor, { clientId: client.id, productId, data: fullData, requestKey: crypto.randomUUID() });
  await eventually(async () => (await refreshContract(contractId, "POLL")) && (await statusOf(contractId)) === 130, 20_000, "status 130");
  return { contractId, client };
}

async function providerActivates(contractId: string) {
  const { remoteId } = await db().contract.findUniqueOrThrow({ where: { id: contractId }, select: { remoteId: true } });
  await setSandboxContractStatus(remoteId!, 320, { callback: false });
  await eventually(async () => (await refreshContract(contractId, "POLL")) && (await statusOf(contractId)) === 320, 20_000, "status 320");
}

const mailsTo = (email: string) => db().outboxMail.findMany({ where: { to: email }, orderBy: { createdAt: "asc" }, select: { subject: true, text: true } });

describe("status emails per the user's notification settings", () => {
  it("mails a 130 and a 320 as each advisor chose, in their language, once; email off means no mail", async () => {
    const firm = await makeFirm();
    const { providerId } = await connectFirmToSandbox(firm.admin);
    const liability = await db().product.findFirstOrThrow({ where: { providerId, name: "Private Liability" }, select: { id: true } });
    const quiet = await makeUser(firm.org.id, "ADVISOR");

    // German advisor: email for 130 too. English advisor: the defaults (email for 320 only). Quiet: no email, 130 out of the bell.
    await db().user.update({ where: { id: firm.advisor.id }, data: { locale: "de" } });
    await saveNotificationSettings(firm.advisor, { ...DEFAULT_CHANNELS, "proposal-available": { inApp: true, email: true } });
    await saveNotificationSettings(quiet, { ...everythingOff, "proposal-available": { inApp: false, email: false } });
    expect(await notificationSettings(firm.otherAdvisor)).toEqual(DEFAULT_CHANNELS);

    const [german, english, silent] = await Promise.all([proposalTo130(firm.advisor, liability.id), proposalTo130(firm.otherAdvisor, liability.id), proposalTo130(quiet, liability.id)]);

    // Before the dispatcher runs, the bell already leaves out what the quiet advisor turned off.
    const quietBell = await listNotifications({ id: quiet.id, locale: "en" });
    expect(quietBell.items.filter((item) => item.contractId === silent.contractId)).toHaveLength(0);
    expect(await db().notification.count({ where: { userId: quiet.id, contractId: silent.contractId } })).toBe(1);

    await deliverAll();
    await Promise.all([providerActivates(german.contractId), providerActivates(english.contractId), providerActivates(silent.contractId)]);
    await deliverAll();
    await deliverAll(); // a second round sends nothing again

    const germanMails = await mailsTo(firm.advisor.email);
    expect(germanMails.map((mail) => mail.subject)).toEqual([`Angebot liegt vor: ${german.client.displayName} – Private Liability`, `Vertrag aktiv: ${german.client.displayName} – Private Liability`]);
    expect(germanMails[0]!.text).toContain("Guten Tag");
    expect(germanMails[0]!.text).toContain(`/contracts/${german.contractId}`);
    // Nothing of the customer beyond their name: no email address, no birth date.
    expect(germanMails.map((mail) => mail.text).join("\n")).not.toContain(german.client.email!);

    const englishMails = await mailsTo(firm.otherAdvisor.email);
    expect(englishMails.map((mail) => mail.subject)).toEqual([`Contract active: ${english.client.displayName} – Private Liability`]);
    expect(englishMails[0]!.text).toContain(`/contracts/${english.contractId}`);

    expect(await mailsTo(quiet.email)).toEqual([]);
    expect(await db().queuedMail.count({ where: { to: { in: [firm.advisor.email, firm.otherAdvisor.email] } } })).toBe(3);

    // The bell: the quiet advisor's 130 row is gone, their 320 stays; everyone else keeps both.
    const quietRows = await db().notification.findMany({ where: { userId: quiet.id }, select: { kind: true, title: true, dispatchedAt: true } });
    expect(quietRows.map(eventOfNotification)).toEqual(["active"]);
    expect(quietRows.every((row) => row.dispatchedAt)).toBe(true);
    const germanRows = await db().notification.findMany({ where: { userId: firm.advisor.id }, select: { kind: true, title: true } });
    expect(germanRows.map(eventOfNotification).sort()).toEqual(["active", "proposal-available"]);
  }, 120_000);

  it("mails the customer's decision by default, and leaves other notices (a stale sync) in the bell and out of the mail", async () => {
    const firm = await makeFirm();
    const { id } = await makeClient(firm.advisor);
    const client = await db().client.findUniqueOrThrow({ where: { id }, select: { displayName: true } });
    const provider = await db().provider.create({ data: { organizationId: firm.org.id, name: "Hanse Leben", baseUrl: "http://127.0.0.1:1", consumerId: "t", publicKeyPem: "t", privateKeyEnc: "t", enabled: false }, select: { id: true } });
    const contract = await db().contract.create({ data: { organizationId: firm.org.id, providerId: provider.id, clientId: id, advisorId: firm.advisor.id, status: 130, callbackToken: crypto.randomBytes(16).toString("hex") }, select: { id: true } });
    await db().$transaction(async (tx) => {
      await createNotification(tx, { userId: firm.advisor.id, contractId: contract.id, kind: "approval.declined", title: msg("shell.notifications.declined.title", { name: "Erika" }) });
      await createNotification(tx, { userId: firm.advisor.id, kind: "sync.stale", title: "Provider sync stopped" });
    });
    await deliverAll();
    expect((await mailsTo(firm.advisor.email)).map((mail) => mail.subject)).toEqual([`Declined by the customer: ${client.displayName} – a proposal`]);
    const bell = await listNotifications({ id: firm.advisor.id, locale: "en" });
    expect(bell.items.map((item) => item.kind).sort()).toEqual(["approval.declined", "sync.stale"]);
  });

  it("refuses settings it cannot read and keeps the earlier ones", async () => {
    const firm = await makeFirm();
    await saveNotificationSettings(firm.advisor, { ...DEFAULT_CHANNELS, active: { inApp: false, email: false } });
    await expect(saveNotificationSettings(firm.advisor, { active: { inApp: "yes" } })).rejects.toMatchObject({ code: "VALIDATION" });
    expect((await notificationSettings(firm.advisor)).active).toEqual({ inApp: false, email: false });
    expect(await db().auditEvent.count({ where: { actorId: firm.advisor.id, action: "user.notification-settings" } })).toBe(1);
  });
});
