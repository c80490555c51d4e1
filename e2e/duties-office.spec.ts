/**
 * Issue 14, office: the advisor's tasks (a declined proposal appears, live), the back-office
 * journey (sees the whole firm, refused the admin pages), reassignment of a departing advisor's
 * clients, and the tasks and reminders settings. Set OFFICE_SCREENSHOTS=<dir> for pictures of the
 * new pages in English and German.
 */
import crypto from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { db } from "../lib/db";
import { createClient } from "../lib/clients/save-client";
import { createUser } from "../lib/users/manage-users";
import { DEMO_PASSWORD, DEMO_USERS, TEST_PASSWORD, completeAdviceOnPage, demoClient, expectAccessible, linkFromMail, phone, requestLiabilityProposal, setUserLocale, signIn } from "./fixtures";

test.describe.configure({ timeout: 180_000 });
const shotsDir = process.env.OFFICE_SCREENSHOTS;

async function signedIn(browser: Browser, email: string, password = DEMO_PASSWORD) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, email, password);
  return { context, page };
}

async function customerDeclines(browser: Browser, email: string, reason: string) {
  const context = await phone(browser);
  const page = await context.newPage();
  await page.goto(await linkFromMail(email));
  await page.getByRole("tab", { name: "Decline" }).click();
  await page.getByLabel("Why do you decline?").fill(reason);
  await page.getByRole("button", { name: "Decline the proposal" }).click();
  await expect(page.getByRole("heading", { name: "Your answer has been sent" })).toBeVisible();
  await context.close();
}

const taskRow = (page: Page, clientName: string) => page.getByRole("row").filter({ hasText: clientName });

test("a proposal the customer declines appears in the advisor's tasks, live, and leads to the contract", async ({ browser }) => {
  const { context, page } = await signedIn(browser, DEMO_USERS.advisor.email);
  const client = await demoClient("Tasks", "Maria");
  await requestLiabilityProposal(page, client.displayName, { coverage: "3000000", startDate: "2027-06-01" });
  await page.getByRole("button", { name: "Request proposal" }).click();
  await expect(page).toHaveURL(/\/contracts\//);
  // The proposal is there; the advice record comes before the customer's link.
  await expect(page.getByTestId("next-step")).toHaveAttribute("data-next-step", "record-advice", { timeout: 30_000 });
  const contractId = /\/contracts\/([^/?#]+)/.exec(page.url())![1]!;

  // Not yet sent to the customer, the advice first: a task already, reached from the navigation,
  // saying what the contract page says.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Tasks/ }).click();
  await expect(page.getByRole("heading", { name: "Tasks" })).toBeVisible();
  await expect(taskRow(page, client.displayName)).toContainText("Advice not yet recorded");
  await taskRow(page, client.displayName).getByRole("link", { name: /Record the advice, then send the link/ }).click();
  await expect(page).toHaveURL(new RegExp(`/contracts/${contractId}`));
  await completeAdviceOnPage(page);
  await page.getByRole("button", { name: `Send approval request to ${client.email}` }).click();
  await expect(page.getByTestId("next-step")).toHaveAttribute("data-next-step", "wait-customer");

  // The task list open while the customer declines: the task appears without a reload.
  await page.goto("/tasks");
  await expect(taskRow(page, client.displayName)).toHaveCount(0);
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
  await customerDeclines(browser, client.email!, "Too expensive for us.");
  const row = taskRow(page, client.displayName);
  await expect(row).toContainText("Declined by the customer", { timeout: 30_000 });
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await expect(row.getByText("Overdue")).toHaveCount(0);
  await expect(page.getByTestId("tasks-count")).toBeVisible();
  await expectAccessible(page, "the task list");

  await row.getByRole("link", { name: /Revise, withdraw or try another/ }).click();
  await expect(page.getByTestId("next-step")).toHaveAttribute("data-next-step", "after-decline");
  await context.close();
});

test("back office: sees and works every advisor's clients and contracts, and is refused the admin pages", async ({ browser }) => {
  // An admin adds the back-office user through the users page.
  const admin = await signedIn(browser, DEMO_USERS.admin.email);
  await admin.page.goto("/admin/users");
  const email = `office-${crypto.randomBytes(3).toString("hex")}@demo.proposal-desk.test`;
  await admin.page.getByLabel("Full name").fill("Olga Office");
  await admin.page.getByLabel("Email").fill(email);
  await admin.page.getByLabel("Role", { exact: true }).selectOption({ label: "Back office" });
  await admin.page.getByLabel("Initial password").fill(TEST_PASSWORD);
  await admin.page.getByRole("button", { name: "Add user" }).click();
  await expect(admin.page.getByText("Olga Office can now sign in.")).toBeVisible();
  await expect(admin.page.getByLabel("Role of Olga Office")).toHaveValue("BACK_OFFICE");
  await expectAccessible(admin.page, "the users page");
  await admin.context.close();

  const { context, page } = await signedIn(browser, email, TEST_PASSWORD);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(0);
  // The whole firm's pipeline, with the advisor column and filter.
  await expect(page.getByRole("columnheader", { name: "Advisor" })).toBeVisible();
  // The seeded demo: Ben's client's proposal that misses data is a task, overdue.
  await nav.getByRole("link", { name: /^Tasks/ }).click();
  await expect(page.getByLabel("Advisor")).toBeVisible();
  const lena = page.getByRole("row").filter({ hasText: "Fischer" }).filter({ hasText: "Provider needs more data" });
  await expect(lena).toContainText("Overdue");
  await expect(lena).toContainText(DEMO_USERS.advisor2.name);
  await expectAccessible(page, "the task list (back office)");
  await lena.getByRole("link", { name: /Complete the data/ }).click();
  await expect(page.getByTestId("next-step")).toHaveAttribute("data-next-step", "complete-data");

  // Anna's clients too.
  await page.goto("/clients");
  await expect(page.getByRole("row").filter({ hasText: "Schneider, Maria" }).first()).toContainText(DEMO_USERS.advisor.name);

  // The admin pages refuse on the server, whatever the link.
  for (const path of ["/admin", "/admin/users", "/admin/providers", "/admin/settings", "/admin/api-clients", "/admin/webhooks"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Pipeline" })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe("/");
  }
  await context.close();
});

test("an admin moves a departing advisor's clients to a colleague and then disables the advisor; the settings save", async ({ browser }) => {
  const org = await db().organization.findFirstOrThrow({ where: { slug: "hanse-finanz" } });
  const leavingEmail = `leaving-${crypto.randomBytes(3).toString("hex")}@demo.proposal-desk.test`;
  const leaving = await createUser(org.id, { name: "Lars Leaving", email: leavingEmail, role: "ADVISOR", password: TEST_PASSWORD });
  const actor = { id: leaving.id, organizationId: org.id, role: "ADVISOR" as const };
  const clients = [
    await createClient(actor, { kind: "PERSON", firstName: "Hanna", lastName: "Umzug", email: "hanna.umzug@example.com" }),
    await createClient(actor, { kind: "PERSON", firstName: "Felix", lastName: "Umzug", email: "felix.umzug@example.com" }),
  ];
  const anna = await db().user.findUniqueOrThrow({ where: { email: DEMO_USERS.advisor.email } });

  const { context, page } = await signedIn(browser, DEMO_USERS.admin.email);
  await page.goto("/admin/users");
  const card = page.locator("form").filter({ has: page.getByLabel("From") });
  await card.getByLabel("From").selectOption({ label: "Lars Leaving (2 clients)" });
  await card.getByRole("button", { name: "Reassign" }).click();
  await expect(card.getByText("Choose who takes them over.")).toBeVisible();
  await card.getByLabel("To", { exact: true }).selectOption(anna.id);
  await card.getByLabel("Only the clients I choose").check();
  await card.getByLabel(/Hanna Umzug|Umzug, Hanna/).check();
  await card.getByRole("button", { name: "Reassign" }).click();
  await expect(card.getByText(`Move 1 client from Lars Leaving to ${anna.name}?`)).toBeVisible();
  await expectAccessible(page, "the users page (reassign confirmation)");
  await card.getByRole("button", { name: "Reassign" }).click();
  await expect(page.getByText(`Moved 1 client and no contracts to ${anna.name}.`)).toBeVisible();
  expect((await db().client.findUniqueOrThrow({ where: { id: clients[0]!.id } })).ownerId).toBe(anna.id);
  expect((await db().client.findUniqueOrThrow({ where: { id: clients[1]!.id } })).ownerId).toBe(leaving.id);

  await card.getByLabel("From").selectOption({ label: "Lars Leaving (1 client)" });
  await card.getByLabel("To", { exact: true }).selectOption(anna.id);
  await card.getByRole("button", { name: "Reassign" }).click();
  await card.getByRole("button", { name: "Reassign" }).click();
  await expect(page.getByText(`Moved 1 client and no contracts to ${anna.name}.`)).toBeVisible();
  expect((await db().client.findUniqueOrThrow({ where: { id: clients[1]!.id } })).ownerId).toBe(anna.id);
  await page.getByRole("button", { name: "Disable Lars Leaving" }).click();
  await expect(page.getByRole("button", { name: "Enable Lars Leaving" })).toBeVisible();

  // Tasks and reminders settings (the page has other settings forms with their own Save button).
  await page.goto("/admin/settings");
  const office = page.locator("form").filter({ has: page.getByLabel("Days until a task is due") });
  await office.getByLabel("Days until a task is due").fill("99");
  await office.getByRole("button", { name: "Save settings" }).click();
  await expect(office.getByText("Enter a whole number of days from 0 to 60.")).toBeVisible();
  await office.getByLabel("Days until a task is due").fill("3");
  await office.getByRole("button", { name: "Save settings" }).click();
  await expect(office.getByText("Settings saved.")).toBeVisible();
  await expectAccessible(page, "the settings page");
  expect((await db().officeSettings.findUniqueOrThrow({ where: { organizationId: org.id } })).taskDueDays).toBe(3);
  await office.getByLabel("Days until a task is due").fill("2");
  await office.getByRole("button", { name: "Save settings" }).click();
  await expect(office.getByText("Settings saved.")).toBeVisible();
  await context.close();
});

test("an admin sees an email that did not go out, with the mail server's answer, and sends it again", async ({ browser }) => {
  const admin = await db().user.findUniqueOrThrow({ where: { email: DEMO_USERS.admin.email }, select: { organizationId: true } });
  const to = `unreachable-${crypto.randomBytes(3).toString("hex")}@example.test`;
  const mail = await db().queuedMail.create({
    data: { organizationId: admin.organizationId, kind: "status.130", to, subject: "Ihr Angebot liegt vor", text: "x", state: "FAILED", attempts: 8, lastError: "550 5.1.1 mailbox unavailable", sendAfter: new Date(Date.now() + 3_600_000) },
  });
  const { context, page } = await signedIn(browser, DEMO_USERS.admin.email);
  await page.goto("/admin/integration");
  const row = page.locator(`tr[data-mail-id="${mail.id}"]`);
  await expect(row).toContainText(to);
  await expect(row).toContainText("Given up");
  await expect(row).toContainText("550 5.1.1 mailbox unavailable");
  await expectAccessible(page, "the integration page with an undelivered email");
  await row.getByRole("button", { name: `Send the email to ${to} again` }).click();
  await expect(row.getByRole("status")).toHaveText("Queued: it goes out in a moment.");
  await expect.poll(async () => (await db().queuedMail.findUniqueOrThrow({ where: { id: mail.id } })).state, { timeout: 30_000 }).not.toBe("FAILED");
  await page.reload();
  await expect(page.locator(`tr[data-mail-id="${mail.id}"]`)).toHaveCount(0);
  await context.close();
});

test("screenshots of the office pages in English and German", async ({ browser }) => {
  test.skip(!shotsDir, "set OFFICE_SCREENSHOTS=<dir> to take them");
  // An email that did not go out, for the integration page.
  const { organizationId } = await db().user.findUniqueOrThrow({ where: { email: DEMO_USERS.admin.email }, select: { organizationId: true } });
  await db().queuedMail.create({ data: { organizationId, kind: "status.130", to: "lena.fischer@example.test", subject: "Ihr Angebot liegt vor", text: "x", state: "FAILED", attempts: 8, lastError: "550 5.1.1 <lena.fischer@example.test>: mailbox unavailable", sendAfter: new Date(Date.now() + 3_600_000) } });
  const admin = await signedIn(browser, DEMO_USERS.admin.email);
  const ben = await signedIn(browser, DEMO_USERS.advisor2.email);
  for (const locale of ["en", "de"] as const) {
    // The language is read from the user on every request: set it, then open the pages.
    await setUserLocale(DEMO_USERS.admin.email, locale);
    await setUserLocale(DEMO_USERS.advisor2.email, locale);
    for (const [path, name] of [["/tasks", "tasks-admin"], ["/admin/users", "users"], ["/admin/settings", "settings"], ["/admin/api-clients", "api-clients"], ["/admin/sync", "sync"], ["/admin/integration", "integration"]] as const) {
      await admin.page.goto(path);
      await admin.page.waitForLoadState("networkidle");
      await admin.page.screenshot({ path: `${shotsDir}/${name}-${locale}.png`, fullPage: true });
    }
    await ben.page.goto("/tasks");
    await ben.page.waitForLoadState("networkidle");
    await ben.page.screenshot({ path: `${shotsDir}/tasks-advisor-${locale}.png`, fullPage: true });
  }
  await setUserLocale(DEMO_USERS.admin.email, null);
  await setUserLocale(DEMO_USERS.advisor2.email, null);
  await admin.context.close();
  await ben.context.close();
});
