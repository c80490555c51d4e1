/**
 * The "needs attention" list (lib/tasks/task-list.ts) against the real PostgreSQL, and the real
 * sandbox for the customer's decline and an expired link: every kind, who sees what, due dates
 * from the firm's setting, overdue first, and the settings themselves.
 */
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { countTasks, listTasks, type Task } from "@/lib/tasks/task-list";
import { getOfficeSettings, OFFICE_DEFAULTS, saveOfficeSettings } from "@/lib/tasks/office-settings";
import { createProposal } from "@/lib/contracts/create-proposal";
import { refreshContract } from "@/lib/sync/refresh-contract";
import { sendApprovalRequest } from "@/lib/approvals/send-approval-request";
import { declineByLink } from "@/lib/approvals/decide-by-link";
import { getCustomerApproval } from "@/lib/approvals/customer-approval";
import { expireApprovalLinks } from "@/lib/approvals/expire-approval-links";
import { completeTestAdvice, makeClient, makeFirm, makeUser } from "../factories";
import { connectFirmToSandbox, eventually } from "../sandbox";
import { daysAgo, makeContract, makeProduct, makeProvider } from "../office-fixtures";
import { seedOfficeDemo } from "../../prisma/seed-office";

const DAY = 86_400_000;
const fullData = { coverage: "5000000", family: "true", dogOwner: "false", startDate: "2027-01-01" };
const meta = { ip: "203.0.113.7", userAgent: "Vitest Browser/1.0" };
const byContract = (tasks: Task[]) => new Map(tasks.filter((task) => task.contractId).map((task) => [task.contractId!, task]));

describe("tasks", () => {
  it("lists each kind that waits on the advisor, and nothing that waits on someone else", async () => {
    const firm = await makeFirm();
    const provider = await makeProvider(firm.org.id);
    const product = await makeProduct(provider.id);
    const client = await db().client.findUniqueOrThrow({ where: { id: (await makeClient(firm.advisor)).id } });
    const make = (status: number, extra: Partial<Parameters<typeof makeContract>[0]> = {}) =>
      makeContract({ advisor: firm.advisor, clientId: client.id, providerId: provider.id, productId: product.id, status, ...extra });
    // Links went out (or can) only with the advice recorded; without it the task is the advice.
    const advised = async (contract: Awaited<ReturnType<typeof make>>) => (await completeTestAdvice(firm.advisor, contract.id), contract);
    const expected = {
      "needs-data": await make(110),
      "needs-advice": await make(130),
      unsent: await advised(await make(130)),
      declined: await make(130, { approvalState: "DECLINED" }),
      expired: await advised(await make(130, { approvalState: "EXPIRED" })),
      voided: await advised(await make(130, { approvalState: "VOID" })),
      "provider-declined": await make(420),
    };
    const notTasks = [
      await make(0),
      await make(120),
      await make(130, { approvalState: "PENDING" }),
      await make(130, { approvalState: "APPROVED" }),
      await make(130, { approvalState: "DECLINED", hasSuccessor: true }),
      await make(230),
      await make(320),
      await make(420, { hasSuccessor: true }),
      await make(430),
    ];

    const list = await listTasks(firm.advisor);
    const tasks = byContract(list.tasks);
    for (const [kind, contract] of Object.entries(expected)) {
      expect(tasks.get(contract.id), kind).toMatchObject({ kind, href: `/contracts/${contract.id}`, clientName: client.displayName, providerName: provider.name, productName: product.name, advisor: { id: firm.advisor.id } });
    }
    for (const contract of notTasks) expect(tasks.has(contract.id)).toBe(false);
    expect(list.total).toBe(7);
    expect(await countTasks(firm.advisor)).toBe(7);
    // An advisor's list has no advisor filter and no sync review items.
    expect(list.advisors).toBeNull();
    expect(list.tasks.some((task) => task.kind === "sync-review")).toBe(false);
  });

  it("dates each task from what caused it plus the firm's days, overdue first, and follows the setting", async () => {
    const firm = await makeFirm();
    const provider = await makeProvider(firm.org.id);
    const client = await makeClient(firm.advisor);
    const now = new Date();
    const old = await makeContract({ advisor: firm.advisor, clientId: client.id, providerId: provider.id, status: 110, statusChangedAt: daysAgo(5, now) });
    const fresh = await makeContract({ advisor: firm.advisor, clientId: client.id, providerId: provider.id, status: 420, statusChangedAt: daysAgo(1, now) });
    const middle = await makeContract({ advisor: firm.advisor, clientId: client.id, providerId: provider.id, status: 130, statusChangedAt: daysAgo(3, now) });

    const list = await listTasks(firm.advisor, {}, now);
    expect(list.dueDays).toBe(OFFICE_DEFAULTS.taskDueDays);
    expect(list.tasks.map((task) => task.contractId)).toEqual([old.id, middle.id, fresh.id]);
    const tasks = byContract(list.tasks);
    expect(tasks.get(old.id)!.due.getTime()).toBe(old.statusChangedAt.getTime() + 2 * DAY);
    expect(tasks.get(old.id)!.overdue).toBe(true);
    expect(tasks.get(middle.id)!.overdue).toBe(true);
    expect(tasks.get(fresh.id)!.overdue).toBe(false);
    expect(list.overdue).toBe(2);

    await saveOfficeSettings(firm.admin, { taskDueDays: "4", customerReminderEnabled: true, customerReminderHours: "24", advisorOverdueReminderEnabled: true });
    const later = await listTasks(firm.advisor, {}, now);
    expect(later.dueDays).toBe(4);
    expect(byContract(later.tasks).get(old.id)!.due.getTime()).toBe(old.statusChangedAt.getTime() + 4 * DAY);
    expect(later.overdue).toBe(1); // only the five-day-old one
  });

  it("shows advisors their own tasks, back office and admins the whole firm's, and the review queue to admins only", async () => {
    const firm = await makeFirm();
    const backOffice = await makeUser(firm.org.id, "BACK_OFFICE");
    const provider = await makeProvider(firm.org.id);
    const mine = await makeContract({ advisor: firm.advisor, clientId: (await makeClient(firm.advisor)).id, providerId: provider.id, status: 110 });
    const theirs = await makeContract({ advisor: firm.otherAdvisor, clientId: (await makeClient(firm.otherAdvisor)).id, providerId: provider.id, status: 420 });
    const review = await db().syncReviewItem.create({ data: { organizationId: firm.org.id, providerId: provider.id, recordType: "contract", remoteId: `ct_${crypto.randomUUID()}`, reason: "UNKNOWN_HOLDER", message: "Unknown holder" } });
    // Another firm's task is nobody's here.
    const elsewhere = await makeFirm();
    const foreign = await makeContract({ advisor: elsewhere.advisor, clientId: (await makeClient(elsewhere.advisor)).id, providerId: (await makeProvider(elsewhere.org.id)).id, status: 110 });

    const ids = (tasks: Task[]) => tasks.map((task) => task.contractId ?? task.key).sort();
    expect(ids((await listTasks(firm.advisor)).tasks)).toEqual([mine.id]);
    expect(ids((await listTasks(firm.otherAdvisor)).tasks)).toEqual([theirs.id]);
    const office = await listTasks(backOffice);
    expect(ids(office.tasks)).toEqual([mine.id, theirs.id].sort());
    expect(office.advisors?.map((advisor) => advisor.id)).toEqual(expect.arrayContaining([firm.advisor.id, firm.otherAdvisor.id]));
    expect(ids((await listTasks(backOffice, { advisor: firm.otherAdvisor.id })).tasks)).toEqual([theirs.id]);
    // An advisor cannot widen their list with the filter.
    expect(ids((await listTasks(firm.advisor, { advisor: firm.otherAdvisor.id })).tasks)).toEqual([mine.id]);

    const admin = await listTasks(firm.admin);
    expect(ids(admin.tasks)).toEqual([mine.id, theirs.id, `review:${review.id}`].sort());
    expect(admin.tasks.find((task) => task.kind === "sync-review")).toMatchObject({ href: "/admin/review", providerName: provider.name, clientName: null });
    expect(await countTasks(firm.admin)).toBe(3);
    expect(await countTasks(backOffice)).toBe(2);
    expect(ids(admin.tasks)).not.toContain(foreign.id);

    await db().syncReviewItem.update({ where: { id: review.id }, data: { state: "RESOLVED" } });
    expect(await countTasks(firm.admin)).toBe(2);
  });

  it("a proposal the customer declines, and one whose link expires, become the advisor's tasks, dated from the decline and the expiry (sandbox)", async () => {
    const firm = await makeFirm();
    const { providerId } = await connectFirmToSandbox(firm.admin);
    const liability = (await db().product.findMany({ where: { providerId }, select: { id: true, name: true } })).find((p) => p.name === "Private Liability")!;
    const client = await db().client.findUniqueOrThrow({ where: { id: (await makeClient(firm.advisor)).id } });
    const proposal = async () => {
      const { contractId } = await createProposal(firm.advisor, { clientId: client.id, productId: liability.id, data: fullData, requestKey: crypto.randomUUID() });
      await eventually(async () => (await refreshContract(contractId, "POLL")) && (await db().contract.findUniqueOrThrow({ where: { id: contractId } })).status === 130, 15_000, "status 130");
      return contractId;
    };
    const [declined, expiring] = [await proposal(), await proposal()];
    // Not yet sent to the customer, and no advice recorded: the advice is the task, then the link.
    expect([...byContract((await listTasks(firm.advisor)).tasks).values()].map((task) => task.kind)).toEqual(["needs-advice", "needs-advice"]);

    await completeTestAdvice(firm.advisor, declined);
    expect(byContract((await listTasks(firm.advisor)).tasks).get(declined)?.kind).toBe("unsent");
    await sendApprovalRequest(firm.advisor, declined);
    const mail = await db().outboxMail.findFirstOrThrow({ where: { to: client.email! }, orderBy: { createdAt: "desc" } });
    const token = /\/approve\/([A-Za-z0-9_-]{43})/.exec(mail.text)![1]!;
    expect(byContract((await listTasks(firm.advisor)).tasks).has(declined)).toBe(false); // the customer's turn now
    const view = await getCustomerApproval(token);
    if (!("digest" in view)) throw new Error("unknown token");
    await declineByLink(token, { digest: view.digest, reason: "Too expensive" }, meta);

    await completeTestAdvice(firm.advisor, expiring);
    const { approvalId } = await sendApprovalRequest(firm.advisor, expiring);
    const expiredAt = new Date(Date.now() - 1000);
    await db().approvalRequest.update({ where: { id: approvalId }, data: { expiresAt: expiredAt } });
    await expireApprovalLinks();

    const tasks = byContract((await listTasks(firm.advisor)).tasks);
    const decision = await db().approvalRequest.findFirstOrThrow({ where: { contractId: declined, status: "DECLINED" }, select: { decidedAt: true } });
    expect(tasks.get(declined)).toMatchObject({ kind: "declined", status: 130, overdue: false });
    expect(tasks.get(declined)!.since.getTime()).toBe(decision.decidedAt!.getTime());
    expect(tasks.get(declined)!.due.getTime()).toBe(decision.decidedAt!.getTime() + 2 * DAY);
    expect(tasks.get(expiring)).toMatchObject({ kind: "expired", status: 130 });
    expect(tasks.get(expiring)!.since.getTime()).toBe(Math.max(expiredAt.getTime(), (await db().contract.findUniqueOrThrow({ where: { id: expiring } })).statusChangedAt.getTime()));
  }, 90_000);
});

describe("the demo's tasks", () => {
  it("the seed's three proposals for Ben become his tasks at the sandbox: missing data (overdue), advice to record, declined by the provider", async () => {
    const firm = await makeFirm();
    await connectFirmToSandbox(firm.admin);
    await makeClient(firm.otherAdvisor, { firstName: "Lena", lastName: "Fischer", birthDate: "1976-06-25" });
    await makeClient(firm.otherAdvisor, { firstName: "Karl", lastName: "Hoffmann", birthDate: "1946-01-19" });
    await seedOfficeDemo({ ...firm.otherAdvisor });
    const contracts = await db().contract.findMany({ where: { advisorId: firm.otherAdvisor.id }, select: { id: true } });
    expect(contracts).toHaveLength(3);
    await eventually(async () => {
      for (const contract of contracts) await refreshContract(contract.id, "POLL");
      const list = await listTasks(firm.otherAdvisor);
      return list.total === 3 && list;
    }, 20_000, "three tasks");
    const list = await listTasks(firm.otherAdvisor);
    // The missing data is four days old: overdue, so first; the other two arrived just now.
    expect(list.tasks[0]).toMatchObject({ kind: "needs-data", overdue: true });
    expect(list.tasks.slice(1).map((task) => [task.kind, task.overdue]).sort()).toEqual([["needs-advice", false], ["provider-declined", false]]);
  }, 90_000);
});

describe("task and reminder settings", () => {
  it("start at the defaults, are saved by an admin with an audit row, and refuse bad values and other roles", async () => {
    const firm = await makeFirm();
    const backOffice = await makeUser(firm.org.id, "BACK_OFFICE");
    expect(await getOfficeSettings(firm.org.id)).toEqual(OFFICE_DEFAULTS);

    const saved = await saveOfficeSettings(firm.admin, { taskDueDays: "3", customerReminderEnabled: "on", customerReminderHours: "48", advisorOverdueReminderEnabled: false });
    expect(saved).toEqual({ taskDueDays: 3, customerReminderEnabled: true, customerReminderHours: 48, advisorOverdueReminderEnabled: false });
    expect(await getOfficeSettings(firm.org.id)).toEqual(saved);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { organizationId: firm.org.id, action: "office.settings" } });
    expect(audit).toMatchObject({ actorId: firm.admin.id, data: { before: OFFICE_DEFAULTS, after: saved } });

    await expect(saveOfficeSettings(firm.admin, { taskDueDays: "-1", customerReminderHours: "0" })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { taskDueDays: ["Enter a whole number of days from 0 to 60."], customerReminderHours: ["Enter a whole number of hours from 1 to 720."] },
    });
    await expect(saveOfficeSettings(firm.advisor, { taskDueDays: "1", customerReminderHours: "1" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(saveOfficeSettings(backOffice, { taskDueDays: "1", customerReminderHours: "1" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await getOfficeSettings(firm.org.id)).toEqual(saved);
  });
});
