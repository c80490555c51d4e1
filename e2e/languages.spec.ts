import crypto from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { PHONE, approvalLinkIn, catalogueTexts, completeAdviceOnPage, de, mailTo, demoAdvisor, expectAccessible, expectGerman, providerTextsOf, screen, setUserLocale, t } from "./fixtures";
import { createClient } from "../lib/clients/save-client";
import { createProposal } from "../lib/contracts/create-proposal";
import { refreshContract } from "../lib/sync/refresh-contract";
import { sendApprovalRequest } from "../lib/approvals/send-approval-request";
import { db } from "../lib/db";
import { completeTestAdvice, giveConsents, makeUser, TEST_PASSWORD, type TestUser } from "../tests/factories";

// German and English for the same people. The demo firm speaks English in the e2e stack
// (e2e/global-setup.ts); here an advisor and an admin of that firm choose German, as their user
// rows say, and their client is German too. Texts are the catalogue's: de("English text") is the
// German of the key whose English is that text (e2e/fixtures.ts), so nothing German is written here.
test.describe.configure({ timeout: 240_000 });

const unique = () => Date.now().toString(36) + crypto.randomBytes(2).toString("hex");

/** A German advisor (or admin) of the demo firm, who sees the demo provider's products. */
async function germanUser(role: "ADVISOR" | "ADMIN", name: string): Promise<TestUser> {
  const { organizationId } = await demoAdvisor();
  const user = await makeUser(organizationId, role, `${name} ${unique()}`);
  await setUserLocale(user.email, "de");
  return user;
}

/** A German client of that advisor, with an email of their own (and the consents the firm needs, unless `consents: false`). */
async function germanClient(advisor: TestUser, lastName: string, options: { consents?: boolean } = {}) {
  const id = unique();
  const email = `lena-${id}@example.com`;
  const { id: clientId } = await createClient(advisor, { kind: "PERSON", firstName: "Lena", lastName: `${lastName} ${id}`, birthDate: "1984-09-12", email });
  await db().client.update({ where: { id: clientId }, data: { locale: "de" } });
  if (options.consents !== false) await giveConsents(advisor, clientId);
  return { id: clientId, email, displayName: `${lastName} ${id}, Lena`, fullName: `Lena ${lastName} ${id}` };
}

/** Signs in through the form in German: a German browser (Accept-Language) gets the German sign-in page. */
async function signInGerman(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel(de("Email")).fill(email);
  await page.getByLabel(de("Password")).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: de("Sign in") }).click();
  await expect(page.getByRole("heading", { name: de("Pipeline") })).toBeVisible();
}

/** Signs in without reading any text (for the sweep over every page, which must run before the texts are German). */
async function signInByForm(page: Page, email: string) {
  await page.goto("/login");
  await page.locator("input[name=email]").fill(email);
  await page.locator("input[type=password]").fill(TEST_PASSWORD);
  await page.locator("input[type=password]").press("Enter");
  await expect(page).toHaveURL((url) => url.pathname === "/", { timeout: 20_000 });
}

const nextStep = (page: Page) => page.getByTestId("next-step");

async function german(browser: Browser, phone = false) {
  return browser.newContext({ locale: "de-DE", ...(phone ? PHONE : { viewport: { width: 1280, height: 900 } }) });
}

test("a German advisor and a German customer: sign-in to approval, all in German; then the advisor switches to English", async ({ browser }) => {
  const advisor = await germanUser("ADVISOR", "Greta Lange");
  const client = await germanClient(advisor, "Hoffmann", { consents: false });
  const context = await german(browser);
  const page = await context.newPage();

  await page.goto("/login");
  await expect(page.getByRole("heading", { name: de("Sign in") })).toBeVisible();
  await expectGerman(page, "login");
  await expectAccessible(page, "the German sign-in page");
  await screen(page, "de", "login");
  await signInGerman(page, advisor.email);
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await expectGerman(page, "pipeline");
  await expectAccessible(page, "the German pipeline");
  await screen(page, "de", "pipeline");

  await page.getByRole("navigation", { name: de("Main") }).getByRole("link", { name: de("Clients") }).click();
  await expect(page.getByRole("heading", { name: de("Clients") })).toBeVisible();
  await expect(page.getByRole("link", { name: client.displayName })).toBeVisible();
  await expectGerman(page, "clients");
  await expectAccessible(page, "the German client list");
  await screen(page, "de", "clients");
  await page.getByRole("link", { name: client.displayName }).click();
  await expect(page.getByRole("heading", { name: client.displayName })).toBeVisible();
  await expectGerman(page, "client");
  await expectAccessible(page, "the German client page");
  await screen(page, "de", "client");

  // The wizard: client, product, details (the provider's own field labels stay as the provider sent them), review.
  await page.goto("/proposals/new");
  await page.getByLabel(de("Find a client")).fill(client.displayName);
  await page.getByText(client.displayName).click();
  await expectGerman(page, "wizard-client");
  await expectAccessible(page, "the German wizard (client)");
  await page.getByRole("button", { name: de("Continue") }).click();
  await page.getByText("Private Liability").click();
  await page.getByRole("button", { name: de("Continue") }).click();
  await page.getByLabel("Coverage (EUR)").selectOption("3000000");
  await page.getByLabel("Start date").fill("2027-06-01");
  await expectGerman(page, "wizard-details");
  await expectAccessible(page, "the German wizard (details)");
  await screen(page, "de", "wizard-details");
  await page.getByRole("button", { name: de("Review the request") }).click();
  await expect(page.getByRole("button", { name: de("Request proposal") })).toBeVisible();
  await expectGerman(page, "wizard-review");
  await screen(page, "de", "wizard-review");
  // The client agrees, with the advisor, to sharing their data with the provider: the German text, recorded on sending.
  // The checkbox's name is that sentence followed by the consent text itself.
  await page.getByRole("checkbox", { name: new RegExp(`^${t("consents.wizard.checkbox").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) }).check();
  await expectAccessible(page, "the German wizard (review, with the sharing consent)");
  await page.getByRole("button", { name: de("Request proposal") }).click();
  await expect(page).toHaveURL(/\/contracts\//);
  const contractId = /\/contracts\/([^/?#]+)/.exec(page.url())![1]!;
  const consent = await db().consent.findFirstOrThrow({ where: { clientId: client.id, purpose: "PROVIDER_SHARING" } });
  expect(consent).toMatchObject({ source: "ADVISOR", locale: "de" });

  // 130 arrives live by callback; the advice record comes first, completed on the page in German.
  await expect(nextStep(page)).toHaveAttribute("data-next-step", "record-advice", { timeout: 30_000 });
  await expectGerman(page, "contract-record-advice", await providerTextsOf(contractId));
  await expectAccessible(page, "the German contract page (advice record)");
  await screen(page, "de", "contract-record-advice");
  await completeAdviceOnPage(page, "de");
  await expect(nextStep(page)).toHaveAttribute("data-next-step", "send-approval");
  expect((await db().adviceRecord.findFirstOrThrow({ where: { contractId } })).locale).toBe("de");
  await expectGerman(page, "contract-available", await providerTextsOf(contractId));
  await expectAccessible(page, "the German contract page (proposal available)");
  await screen(page, "de", "contract-available");
  await page.getByRole("button", { name: de(`Send approval request to ${client.email}`) }).click();
  await expect(nextStep(page)).toHaveAttribute("data-next-step", "wait-customer");
  await expectGerman(page, "contract-waiting", await providerTextsOf(contractId));
  await expectAccessible(page, "the German contract page (waiting for the customer)");
  await screen(page, "de", "contract-waiting");

  // The mail is German: no English mail text in it, and German ones are.
  const mail = await mailTo(client.email);
  const mailText = `${mail.subject}\n${mail.text}`;
  const englishMail = [...catalogueArea("en", "mail")].filter(([key, text]) => text.length >= 12 && text !== catalogueArea("de", "mail").get(key) && mailText.includes(text));
  expect.soft(englishMail.map(([key, text]) => `${key}: ${text}`), "English texts in the German approval mail").toEqual([]);
  expect.soft(germanLiteralsIn(mailText), `German mail texts in the approval mail:\n${mailText}`).not.toEqual([]);
  const link = approvalLinkIn(mail.text);
  expect(link, "approval link in the mail").toBeTruthy();

  // The customer on a phone, German because their client row is.
  const customer = await browser.newContext(PHONE);
  const phonePage = await customer.newPage();
  await phonePage.goto(link!);
  await expect(phonePage.locator("html")).toHaveAttribute("lang", "de");
  await expect(phonePage.getByRole("heading", { name: de("Your Private Liability proposal is ready") })).toBeVisible();
  await expectGerman(phonePage, "customer");
  await expectAccessible(phonePage, "the German customer page on a phone");
  await screen(phonePage, "de", "customer");
  await phonePage.getByLabel(de("Your full name")).fill(client.fullName);
  await phonePage.getByRole("checkbox", { name: /have read proposal version|habe das Angebot in Version/ }).check();
  await phonePage.getByRole("button", { name: de("Approve the proposal") }).click();
  await expect(phonePage.getByRole("heading", { name: de("Thank you, your approval is recorded") })).toBeVisible();
  await expect(phonePage.getByRole("link", { name: de("Download your receipt (PDF)") })).toBeVisible();
  await expectGerman(phonePage, "customer-done");
  await expectAccessible(phonePage, "the German done page on a phone");
  await screen(phonePage, "de", "customer-done");
  await customer.close();

  // The advisor's page, open all along, is ready to order.
  await expect(page.getByRole("button", { name: de("Order proposal v1") })).toBeEnabled({ timeout: 30_000 });
  await expectGerman(page, "contract-approved", await providerTextsOf(contractId));
  await expectAccessible(page, "the German contract page (approved)");
  await screen(page, "de", "contract-approved");

  // The same advisor chooses English in the user menu: the page turns English and stays so.
  await page.goto("/");
  await page.getByRole("button", { name: new RegExp(advisor.name) }).click();
  await page.getByRole("menuitemradio", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("link", { name: "Clients", exact: true })).toBeVisible();
  expect((await db().user.findUniqueOrThrow({ where: { email: advisor.email }, select: { locale: true } })).locale).toBe("en");
  await page.reload();
  await expect(page.getByRole("heading", { name: "Pipeline" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await screen(page, "en", "pipeline-after-switch");
  await context.close();
});

/** Every page kind, reached by URL (no text needed), in German and then in English. */
test("nothing English on a German page: every page kind for a German advisor, customer and admin; pictures in both languages", async ({ browser }) => {
  const advisor = await germanUser("ADVISOR", "Paul Krüger");
  const admin = await germanUser("ADMIN", "Sabine Vogel");
  const client = await germanClient(advisor, "Fischer");
  const product = await db().product.findFirstOrThrow({ where: { name: "Private Liability", provider: { organizationId: advisor.organizationId } }, select: { id: true, providerId: true } });
  const { contractId } = await createProposal(advisor, { clientId: client.id, productId: product.id, data: { coverage: "5000000", family: "false", dogOwner: "false", startDate: "2027-06-01" }, requestKey: crypto.randomUUID() });
  await expect(async () => {
    await refreshContract(contractId, "POLL");
    expect((await db().contract.findUniqueOrThrow({ where: { id: contractId } })).status).toBe(130);
  }).toPass({ timeout: 30_000 });
  // The proposal's document may follow its status by a moment: try until the request can be sent.
  await completeTestAdvice(advisor, contractId);
  await expect(async () => {
    await refreshContract(contractId, "POLL");
    await sendApprovalRequest(advisor, contractId);
  }).toPass({ timeout: 30_000 });
  const link = approvalLinkIn((await mailTo(client.email)).text)!;

  const advisorPages: [string, string][] = [
    ["pipeline", "/"],
    ["clients", "/clients"],
    ["client", `/clients/${client.id}`],
    ["client-new", "/clients/new"],
    ["client-edit", `/clients/${client.id}/edit`],
    ["wizard", "/proposals/new"],
    ["contract", `/contracts/${contractId}`],
  ];
  const adminPages: [string, string][] = [
    ["admin", "/admin"],
    ["admin-users", "/admin/users"],
    ["admin-providers", "/admin/providers"],
    ["admin-provider", `/admin/providers/${product.providerId}`],
    ["admin-provider-new", "/admin/providers/new"],
    ["admin-settings", "/admin/settings"],
    ["admin-sync", "/admin/sync"],
    ["admin-review", "/admin/review"],
    ["admin-integration", "/admin/integration"],
    ["admin-api-clients", "/admin/api-clients"],
    ["admin-webhooks", "/admin/webhooks"],
  ];
  const visit = async (page: Page, lang: "de" | "en", name: string, url: string, options: { axe?: boolean } = {}) => {
    await page.goto(url);
    await expect(page.locator("h1").first()).toBeVisible();
    if (lang === "de") {
      await expectGerman(page, name, await providerTextsOf(contractId));
      if (options.axe) await expectAccessible(page, `the German ${name} page`);
    } else {
      await expect.soft(page.locator("html"), `${name}: <html lang>`).toHaveAttribute("lang", "en");
    }
    await screen(page, lang, name);
  };

  for (const lang of ["de", "en"] as const) {
    await Promise.all([advisor, admin].map((user) => setUserLocale(user.email, lang)));
    await db().client.update({ where: { id: client.id }, data: { locale: lang } });

    const visitor = await browser.newContext({ locale: lang === "de" ? "de-DE" : "en-GB" });
    const signedOut = await visitor.newPage();
    await visit(signedOut, lang, "login", "/login");
    await visitor.close();

    const advisorContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await advisorContext.newPage();
    await signInByForm(page, advisor.email);
    // The journey above scans these pages in German; the client form and its edit page are only here.
    for (const [name, url] of advisorPages) await visit(page, lang, name, url, { axe: name === "client-new" });
    await advisorContext.close();

    const customer = await browser.newContext(PHONE);
    const phonePage = await customer.newPage();
    await visit(phonePage, lang, "customer", link);
    await customer.close();

    const adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const adminPage = await adminContext.newPage();
    await signInByForm(adminPage, admin.email);
    for (const [name, url] of adminPages) await visit(adminPage, lang, name, url, { axe: true });
    await adminContext.close();
  }
});

// ------------------------------------------------------------------ helpers over one area

function catalogueArea(locale: "de" | "en", area: string): Map<string, string> {
  return new Map([...catalogueTexts(locale)].filter(([key]) => key.startsWith(`${area}.`)));
}

/** German mail texts (their literal parts of 12 characters or more) found in a mail. */
function germanLiteralsIn(text: string): string[] {
  return [...catalogueArea("de", "mail").values()].flatMap((message) => message.split(/\{[^}]*\}/)).map((part) => part.trim()).filter((part) => part.length >= 12 && text.includes(part));
}

