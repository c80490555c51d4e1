/**
 * Issue 14, items 7 and 8 in the browser: the reports page shows the demo history's figures (the
 * plan in prisma/seed-reports.ts, counted by hand), filters by advisor, downloads CSV and answers bad
 * input with problem details; notification settings are saved and a 130 from the sandbox is then
 * mailed and kept out of the bell as chosen. Screenshots in English and German for review.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS, expectAccessible, setUserLocale, signIn, t } from "./fixtures";
import { db } from "../lib/db";
import { createProposal } from "../lib/contracts/create-proposal";
import { todayInBerlin } from "../lib/reports/filters";
import { makeClient, makeUser } from "../tests/factories";

const SHOTS = path.join(process.cwd(), "test-results", "duties-reports");
const DAY_MS = 86_400_000;

/** The last 90 days up to yesterday: the demo history, and nothing the other journeys made today. */
function demoPeriod() {
  const today = todayInBerlin();
  const day = (offset: number) => new Date(Date.parse(`${today}T12:00:00Z`) - offset * DAY_MS).toISOString().slice(0, 10);
  return { from: day(89), to: day(1) };
}

async function funnelCounts(page: Page) {
  const table = page.getByRole("table", { name: "Conversion funnel" });
  await expect(table).toBeVisible({ timeout: 15_000 });
  return Promise.all(["draft", "requested", "proposal", "approved", "ordered", "active"].map(async (step) => (await table.locator(`tr[data-step="${step}"] td`).first().textContent())?.trim()));
}

/** A provider's row of a turnaround table: its number of spans and its median. */
async function expectProviderRow(table: Locator, provider: string, count: string, median: string) {
  const row = table.locator('tr[data-level="provider"]', { hasText: provider });
  await expect(row.locator("td").nth(0)).toHaveText(count, { timeout: 15_000 });
  await expect(row.locator("td").nth(1)).toHaveText(median);
}

async function shoot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

test("the reports page shows the demo history's figures, filters by advisor, exports CSV and refuses bad input", async ({ page }) => {
  test.setTimeout(120_000);
  await setUserLocale(DEMO_USERS.admin.email, "en");
  await signIn(page, DEMO_USERS.admin.email, DEMO_PASSWORD);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
  await expect(page.getByRole("heading", { name: "Reports", level: 1 })).toBeVisible();

  const { from, to } = demoPeriod();
  await page.getByLabel("From", { exact: true }).fill(from);
  await page.getByLabel("To", { exact: true }).fill(to);
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(new RegExp(`from=${from}&to=${to}`));
  // Hand count of the demo: the reports plan (nine started, eight requested and answered, four approved,
  // ordered and active) plus the tasks demo's proposal whose data request dates back four days (started,
  // requested, waiting at 110).
  expect(await funnelCounts(page)).toEqual(["10", "9", "8", "4", "4", "4"]);
  // Turnaround per provider of the plan (disabled providers no other journey touches; other journeys
  // may leave backdated spans of their own at the sandbox's providers in this period).
  const turnaround = page.getByRole("table", { name: "Proposal requested (120) to proposal available (130)" });
  await expectProviderRow(turnaround, "Nordstern Versicherung", "5", "2 days"); // median of [1,1,2,2,6]
  await expectProviderRow(turnaround, "Elbe Leben", "3", "4 days"); // median of [3,4,5]
  const activation = page.getByRole("table", { name: "Ordered (230) to active (320)" });
  await expectProviderRow(activation, "Nordstern Versicherung", "2", "4.5 days"); // median of [3,6]
  await expectProviderRow(activation, "Elbe Leben", "2", "7.5 days"); // median of [5,10]
  await expect(page.getByRole("img", { name: /Conversion funnel\. Started \(draft\): 10/ })).toBeVisible();
  await expectAccessible(page, "reports");
  await shoot(page, "reports-en");

  // One advisor: Ben's three contracts of the plan and the tasks demo's one.
  await page.getByLabel("Advisor", { exact: true }).selectOption({ label: DEMO_USERS.advisor2.name });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByText(`· ${DEMO_USERS.advisor2.name}`)).toBeVisible();
  expect(await funnelCounts(page)).toEqual(["4", "4", "3", "1", "1", "1"]);

  // The CSV of what is shown.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download Conversion funnel as CSV" }).click()]);
  expect(download.suggestedFilename()).toBe(`funnel-${from}-${to}.csv`);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  expect(csv).toContain("Step,Contracts,Share of started\r\n");
  expect(csv).toContain("Started (draft),4,1.0000\r\n");
  expect(csv).toContain("Approved by the customer,1,0.2500\r\n");

  // Bad input: problem details, in the reader's language.
  const bad = await page.request.get("/reports/export?report=everything");
  expect(bad.status()).toBe(422);
  expect(bad.headers()["content-type"]).toContain("application/problem+json");
  expect((await bad.json()).detail).toBe("Choose a report: funnel, turnaround or time-in-status.");
  const backwards = await page.request.get(`/reports/export?report=funnel&from=${to}&to=${from}`);
  expect(backwards.status()).toBe(422);
  // A wrong period on the page: the fields say what is wrong, with a way back.
  await page.goto(`/reports?from=${to}&to=${from}`);
  await expect(page.getByText("The end must not be before the start.")).toBeVisible();
  await expect(page.getByLabel("To", { exact: true })).toHaveAttribute("aria-invalid", "true");

  // German.
  await setUserLocale(DEMO_USERS.admin.email, "de");
  await page.goto(`/reports?from=${from}&to=${to}`);
  await expect(page.getByRole("heading", { name: "Berichte", level: 1 })).toBeVisible();
  await expect(page.getByRole("table", { name: "Konversionstrichter" })).toBeVisible();
  await expectProviderRow(page.getByRole("table", { name: "Angebot angefordert (120) bis Angebot liegt vor (130)" }), "Nordstern Versicherung", "5", "2 Tage");
  await expectProviderRow(page.getByRole("table", { name: "Beantragt (230) bis aktiv (320)" }), "Elbe Leben", "2", "7,5 Tage");
  await expectAccessible(page, "Berichte");
  await shoot(page, "reports-de");
  await setUserLocale(DEMO_USERS.admin.email, null);
});

test("an advisor sees only their own reports", async ({ page }) => {
  await signIn(page, DEMO_USERS.advisor2.email, DEMO_PASSWORD);
  const { from, to } = demoPeriod();
  await page.goto(`/reports?from=${from}&to=${to}`);
  expect(await funnelCounts(page)).toEqual(["4", "4", "3", "1", "1", "1"]);
  await expect(page.getByLabel("Advisor", { exact: true })).toHaveCount(0);
  const colleague = await db().user.findUniqueOrThrow({ where: { email: DEMO_USERS.advisor.email }, select: { id: true } });
  const refused = await page.request.get(`/reports/export?report=funnel&advisor=${colleague.id}`);
  expect(refused.status()).toBe(403);
});

test("notification settings are saved, and a 130 is then mailed and kept out of the bell as chosen", async ({ page }) => {
  test.setTimeout(120_000);
  const org = await db().organization.findFirstOrThrow({ where: { slug: "hanse-finanz" }, select: { id: true } });
  const advisor = await makeUser(org.id, "ADVISOR", `Nora Notify ${crypto.randomBytes(2).toString("hex")}`);
  await signIn(page, advisor.email);
  await page.getByRole("button", { name: `Account menu for ${advisor.name}` }).click();
  await page.getByRole("menuitem", { name: "Notification settings" }).click();
  await expect(page.getByRole("heading", { name: "Notification settings", level: 1 })).toBeVisible();
  const inApp = page.getByRole("checkbox", { name: "Proposal available (130): in the app" });
  const email = page.getByRole("checkbox", { name: "Proposal available (130): by email" });
  await expect(inApp).toBeChecked();
  await expect(email).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Contract active (320): by email" })).toBeChecked();
  await inApp.uncheck();
  await email.check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Your notification settings are saved.")).toBeVisible();
  await expectAccessible(page, "notification settings");
  await shoot(page, "notifications-en");
  await page.reload();
  await expect(page.getByRole("checkbox", { name: "Proposal available (130): by email" })).toBeChecked();
  await expect(page.getByRole("checkbox", { name: "Proposal available (130): in the app" })).not.toBeChecked();

  // A proposal the sandbox answers with 130 (its callback): an email, and nothing in the bell.
  const { id: clientId } = await makeClient(advisor);
  const product = await db().product.findFirstOrThrow({ where: { name: "Private Liability", provider: { organizationId: org.id, enabled: true } }, select: { id: true } });
  const { contractId } = await createProposal(advisor, { clientId, productId: product.id, data: { coverage: "5000000", family: "true", dogOwner: "false", startDate: "2027-01-01" }, requestKey: crypto.randomUUID() });
  await expect.poll(async () => (await db().outboxMail.findMany({ where: { to: advisor.email }, select: { subject: true, text: true } })).map((mail) => mail.subject), { timeout: 60_000 }).toEqual([
    expect.stringMatching(/^Proposal available: .+ – Private Liability$/),
  ]);
  const mail = await db().outboxMail.findFirstOrThrow({ where: { to: advisor.email } });
  expect(mail.text).toContain(`/contracts/${contractId}`);
  expect(await db().notification.count({ where: { userId: advisor.id, contractId } })).toBe(0);
  await page.goto("/");
  await page.getByRole("button", { name: "Notifications" }).click();
  await expect(page.getByText(t("shell.notifications.empty", {}, "en"))).toBeVisible();

  // The page in German.
  await setUserLocale(advisor.email, "de");
  await page.goto("/account/notifications");
  await expect(page.getByRole("heading", { name: "Benachrichtigungen", level: 1 })).toBeVisible();
  await expectAccessible(page, "Benachrichtigungen");
  await shoot(page, "notifications-de");
});
