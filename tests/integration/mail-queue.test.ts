import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { boss, stopBoss } from "@/lib/jobs/boss";
import { deliverQueuedMail, queueMail, retryDelayMs, startMailWorker, wakeMailer } from "@/lib/mail/mail-queue";
import { listUndeliveredMail, retryMail } from "@/lib/mail/mail-admin";
import { eventually } from "../sandbox";
import { makeFirm } from "../factories";

afterAll(async () => {
  await stopBoss();
});

const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2)}`;

describe("mail through a job", () => {
  it("queues only what is committed, once per dedupe key, and refuses a bad address before storing anything", async () => {
    const key = unique();
    await db()
      .$transaction(async (tx) => {
        await queueMail(tx, { kind: "test", to: `rolled-${key}@example.test`, subject: "Rolled back", text: "x" });
        throw new Error("roll back");
      })
      .catch(() => undefined);
    expect(await db().queuedMail.count({ where: { to: `rolled-${key}@example.test` } })).toBe(0);

    const first = await db().$transaction((tx) => queueMail(tx, { kind: "test", dedupeKey: `k-${key}`, to: `once-${key}@example.test`, subject: "Once", text: "x" }));
    const again = await queueMail(db(), { kind: "test", dedupeKey: `k-${key}`, to: `once-${key}@example.test`, subject: "Once", text: "x" });
    expect([first, again]).toEqual([1, 0]);
    expect(await db().queuedMail.count({ where: { to: `once-${key}@example.test` } })).toBe(1);

    await expect(queueMail(db(), [{ kind: "test", to: `good-${key}@example.test`, subject: "s", text: "t" }, { kind: "test", to: "not an address", subject: "s", text: "t" }])).rejects.toThrow();
    expect(await db().queuedMail.count({ where: { to: `good-${key}@example.test` } })).toBe(0);
  });

  it("delivers a due mail once, leaves a claimed one to its sender, and waits for a mail's sendAfter", async () => {
    const key = unique();
    const later = new Date(Date.now() + 3_600_000);
    await queueMail(db(), [
      { kind: "test", to: `now-${key}@example.test`, subject: `Now ${key}`, text: "Hello" },
      { kind: "test", to: `later-${key}@example.test`, subject: `Later ${key}`, text: "Hello", sendAfter: later },
    ]);
    // Deliver everything due (other tests' mail may be due too).
    while ((await deliverQueuedMail(50)).sent === 50);
    const sent = await db().queuedMail.findFirstOrThrow({ where: { to: `now-${key}@example.test` } });
    expect(sent).toMatchObject({ state: "SENT", attempts: 1 });
    expect(await db().outboxMail.count({ where: { subject: `Now ${key}` } })).toBe(1);
    const waiting = await db().queuedMail.findFirstOrThrow({ where: { to: `later-${key}@example.test` } });
    expect(waiting).toMatchObject({ state: "PENDING", attempts: 0 });

    // A second delivery round sends nothing twice.
    await deliverQueuedMail(50);
    expect(await db().outboxMail.count({ where: { subject: `Now ${key}` } })).toBe(1);
    // Once its time has come, it goes.
    await deliverQueuedMail(50, new Date(later.getTime() + 1000));
    expect(await db().outboxMail.count({ where: { subject: `Later ${key}` } })).toBe(1);
  });

  it("backs off 1, 2, 4 … minutes, at most an hour", () => {
    expect([1, 2, 3, 4, 8, 20].map((n) => retryDelayMs(n) / 60_000)).toEqual([1, 2, 4, 8, 60, 60]);
  });

  it("is delivered by the pg-boss worker when woken after the commit", async () => {
    const key = unique();
    await startMailWorker(await boss());
    await db().$transaction((tx) => queueMail(tx, { kind: "test", to: `worker-${key}@example.test`, subject: `Worker ${key}`, text: "Hello" }));
    await wakeMailer();
    await eventually(async () => (await db().outboxMail.count({ where: { subject: `Worker ${key}` } })) === 1 || undefined, 20_000, "the worker to send the mail");
    expect(await db().queuedMail.findFirstOrThrow({ where: { to: `worker-${key}@example.test` } })).toMatchObject({ state: "SENT" });
  });

  it("shows a firm's admins the mails that did not go out, and sends one again from the first attempt", async () => {
    const firm = await makeFirm();
    const other = await makeFirm();
    const later = new Date(Date.now() + 3_600_000); // no worker of another test sends these meanwhile
    const row = (organizationId: string, state: "FAILED" | "PENDING" | "SENT", attempts: number, to: string) =>
      db().queuedMail.create({ data: { organizationId, kind: "test.admin", to, subject: `About ${to}`, text: "x", state, attempts, lastError: attempts ? "550 mailbox unavailable" : null, sendAfter: later } });
    const failed = await row(firm.org.id, "FAILED", 8, "gone@example.test");
    const retrying = await row(firm.org.id, "PENDING", 2, "slow@example.test");
    await row(firm.org.id, "PENDING", 0, "fresh@example.test"); // not tried yet: nothing to see
    await row(firm.org.id, "SENT", 1, "done@example.test");
    const theirs = await row(other.org.id, "FAILED", 8, "theirs@example.test");

    const listed = await listUndeliveredMail(firm.admin);
    expect(listed.total).toBe(2);
    expect(listed.items.map((mail) => [mail.to, mail.state, mail.lastError])).toEqual([
      ["slow@example.test", "PENDING", "550 mailbox unavailable"],
      ["gone@example.test", "FAILED", "550 mailbox unavailable"],
    ]);
    await expect(listUndeliveredMail(firm.advisor)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(retryMail(firm.admin, theirs.id)).rejects.toMatchObject({ code: "NOT_FOUND" });

    await retryMail(firm.admin, failed.id);
    expect(await db().queuedMail.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({ state: "PENDING", attempts: 0, lastError: null });
    expect(await db().auditEvent.count({ where: { organizationId: firm.org.id, action: "mail.retry", entityId: failed.id } })).toBe(1);
    expect((await listUndeliveredMail(firm.admin)).items.map((mail) => mail.id)).toEqual([retrying.id]);
  });
});
