import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS, completeAdviceOnPage, demoClient, expectAccessible, requestLiabilityProposal, signIn, linkFromMail, phone } from "./fixtures";

// Every step below waits for what the advisor or the customer sees; the advisor's contract page
// is never reloaded: each change arrives through the live query.
// Set CONTRACT_SCREENSHOTS=<dir> to keep pictures of each state (desktop and phone).
const shotsDir = process.env.CONTRACT_SCREENSHOTS;
// Whole journeys through two browsers and the provider's own delays: longer than one page's test.
test.describe.configure({ timeout: 180_000 });
const shot = async (page: Page, name: string) => {
  if (shotsDir) await page.screenshot({ path: `${shotsDir}/${name}.png`, fullPage: true });
};

/**
 * A Private Liability proposal requested through the wizard; its page open at 130 (arrived live by
 * callback) with the advice record completed on the page. With `askConsent` the client has not yet
 * agreed to sharing with the provider: the advisor ticks the wizard's consent before sending.
 */
async function proposalAt130(page: Page, lastName: string, options: { askConsent?: boolean } = {}) {
  const client = await demoClient(lastName, "Maria", { consents: !options.askConsent });
  await requestLiabilityProposal(page, client.displayName, { coverage: "3000000", startDate: "2027-06-01" });
  if (options.askConsent) {
    await page.getByRole("button", { name: "Request proposal" }).click();
    await expect(page.getByText("Confirm the client's consent to share their data with the provider before sending.")).toBeVisible();
    await page.getByRole("checkbox", { name: /The client agrees to this text/ }).check();
  }
  await page.getByRole("button", { name: "Request proposal" }).click();
  await expect(page).toHaveURL(/\/contracts\//);
  // 130: the customer cannot be asked before the advice record is complete.
  await expect(page.getByTestId("next-step")).toHaveAttribute("data-next-step", "record-advice", { timeout: 30_000 });
  await expect(page.getByRole("button", { name: /Send approval request/ })).toHaveCount(0);
  await completeAdviceOnPage(page);
  await expect(page.getByTestId("next-step")).toHaveAttribute("data-next-step", "send-approval");
  await expect(page.getByTestId("live-indicator")).toHaveAttribute("data-state", "open");
  const contractId = /\/contracts\/([^/?#]+)/.exec(page.url())![1]!;
  return { client, contractId };
}

const nextStep = (page: Page) => page.getByTestId("next-step");
const badge = (page: Page) => page.getByTestId("status-bar");

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

async function advisorPage(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, DEMO_USERS.advisor.email, DEMO_PASSWORD);
  return { context, page };
}

test("decline → revised proposal → approve → order → active, without a reload", async ({ browser }) => {
  const { context, page } = await advisorPage(browser);
  const { client } = await proposalAt130(page, "Revise", { askConsent: true });
  // A marker on the window: a reload or a full navigation would lose it.
  await page.evaluate(() => Object.assign(window, { __sameDocument: true }));

  await expect(nextStep(page)).toHaveAttribute("data-next-step", "send-approval");
  await expect(badge(page).getByText("Your turn")).toBeVisible();
  await shot(page, "contract-send-approval");
  await page.getByRole("button", { name: `Send approval request to ${client.email}` }).click();
  await expect(nextStep(page)).toHaveAttribute("data-next-step", "wait-customer");
  await expect(badge(page).getByText("Customer's turn")).toBeVisible();
  await expect(page.getByTestId("timeline").getByText("Approval link sent to the customer")).toBeVisible();
  await shot(page, "contract-wait-customer");

  await customerDeclines(browser, client.email!, "The premium is too high for us.");
  await expect(nextStep(page)).toHaveAttribute("data-next-step", "after-decline");
  await expect(nextStep(page).getByText(/declined proposal version 1.*too high/)).toBeVisible();
  await expect(badge(page).getByText("Your turn")).toBeVisible();
  await expect(page.getByTestId("timeline").getByText("Proposal declined")).toBeVisible();
  await shot(page, "contract-after-decline");
  await expectAccessible(page, "the contract page (after a decline)");

  await nextStep(page).getByRole("button", { name: "Request a revised proposal" }).click();
  await page.getByLabel("Coverage (EUR)").selectOption("10000000");
  await shot(page, "contract-revise-form");
  await nextStep(page).getByRole("button", { name: "Request a revised proposal" }).click();
  // 120, then version 2 arrives by callback: the earlier decline no longer counts.
  await expect(nextStep(page)).toHaveAttribute("data-next-step", "approval-voided", { timeout: 30_000 });
  await expect(page.getByRole("heading", { name: "What changed in version 2" })).toBeVisible();
  const changes = page.getByTestId("changes-v1-v2");
  await expect(changes.getByRole("row", { name: /Coverage/ })).toContainText("10,000,000");
  await shot(page, "contract-approval-voided");
  await expectAccessible(page, "the contract page (what changed in version 2)");

  await nextStep(page).getByRole("button", { name: "Send version 2 for approval" }).click();
  await expect(nextStep(page)).toHaveAttribute("data-next-step", "wait-customer");

  // The customer sees what changed since the version they declined, and approves.
  const customer = await phone(browser);
  const phonePage = await customer.newPage();
  await phonePage.goto(await linkFromMail(client.email!));
  await expect(phonePage.getByRole("heading", { name: "What changed since version 1" })).toBeVisible();
  await expect(phonePage.getByTestId("changes-v1-v2").getByRole("row", { name: /Premium/ })).toBeVisible();
  // The advice record beside the proposal: both are approved together.
  await expect(phonePage.getByRole("heading", { name: "The advice record" })).toBeVisible();
  await expect(phonePage.getByRole("link", { name: "Open the advice PDF" })).toHaveAttribute("href", /\/approve\/[A-Za-z0-9_-]{43}\/advice$/);
  await expect(phonePage.getByText(/and the advice record \(version 1\)/)).toBeVisible();
  await shot(phonePage, "customer-changes-phone");
  await expectAccessible(phonePage, "the customer page with the changes since the declined version");
  // The consents the client has not given yet, each with its text: the customer gives one here.
  const consents = phonePage.getByTestId("customer-consents");
  await expect(consents.getByRole("checkbox")).toHaveCount(3); // data processing, email, phone (sharing was given in the wizard)
  await consents.getByRole("checkbox", { name: /Contact by email/ }).check();
  await consents.getByRole("button", { name: "Give the selected consents" }).click();
  await expect(phonePage.getByText("Thank you, your consents are recorded.")).toBeVisible();
  await expect(phonePage.getByTestId("customer-consents").getByRole("checkbox")).toHaveCount(2);
  await phonePage.getByLabel("Your full name").fill(client.fullName);
  await phonePage.getByRole("checkbox", { name: /have read proposal version|habe das Angebot in Version/ }).check();
  await phonePage.getByRole("button", { name: "Approve the proposal" }).click();
  await expect(phonePage.getByRole("heading", { name: "Thank you, your approval is recorded" })).toBeVisible();
  await customer.close();

  await expect(nextStep(page)).toHaveAttribute("data-next-step", "order");
  await expect(page.getByTestId("timeline").getByText("Proposal approved")).toBeVisible();
  await shot(page, "contract-order");
  await page.getByRole("button", { name: "Order proposal v2" }).click();
  await expect(badge(page).getByText("Active", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(nextStep(page)).toHaveAttribute("data-next-step", "none");
  await expect(nextStep(page).getByText(/Nothing is left to do here/)).toBeVisible();
  await shot(page, "contract-active");
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await context.close();
});

test("decline → copy into a new draft with another product", async ({ browser }) => {
  const { context, page } = await advisorPage(browser);
  const { client, contractId } = await proposalAt130(page, "Duplicate");
  await page.getByRole("button", { name: `Send approval request to ${client.email}` }).click();
  await expect(nextStep(page)).toHaveAttribute("data-next-step", "wait-customer");
  await customerDeclines(browser, client.email!, "We want legal cover instead.");
  await expect(nextStep(page)).toHaveAttribute("data-next-step", "after-decline");

  await nextStep(page).getByRole("link", { name: "Try another product or provider" }).click();
  await expect(page.getByText("A new draft copied from")).toBeVisible();
  await page.getByText("Legal Shield").click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByLabel("Start date")).toHaveValue("2027-06-01"); // carried over
  await page.getByLabel("Modules").selectOption("private");
  await page.getByLabel("Deductible (EUR)").selectOption("150");
  await page.getByRole("button", { name: "Review the request" }).click();
  await page.getByRole("button", { name: "Request proposal" }).click();
  await expect(page).toHaveURL(/\/contracts\//);
  await expect(page.getByText("Copied from")).toBeVisible();
  await expect(page.getByRole("heading", { name: /Legal Shield/ })).toBeVisible();
  // The copy is a proposal of its own: its advice record comes first.
  await expect(nextStep(page)).toHaveAttribute("data-next-step", "record-advice", { timeout: 30_000 });
  await shot(page, "contract-copy");

  // The declined original now says plainly that nothing is left to do, and where the copy is.
  await page.goto(`/contracts/${contractId}`);
  await expect(nextStep(page)).toHaveAttribute("data-next-step", "none");
  await expect(nextStep(page).getByText(/copied into a new draft/)).toBeVisible();
  await expect(badge(page).getByText("Nothing to do")).toBeVisible();
  await context.close();
});

test("withdraw a proposal with a reason, after confirming", async ({ browser }) => {
  const { context, page } = await advisorPage(browser);
  await proposalAt130(page, "Withdraw");
  await nextStep(page).getByRole("button", { name: "Withdraw…" }).click();
  await nextStep(page).getByRole("button", { name: "Yes, withdraw it" }).click();
  await expect(nextStep(page).getByText("Say why, for the timeline and the provider.")).toBeVisible();
  await shot(page, "contract-withdraw-confirm");
  await nextStep(page).getByLabel("Reason").fill("The customer chose another offer.");
  await nextStep(page).getByRole("button", { name: "Yes, withdraw it" }).click();
  await expect(badge(page).getByText("Withdrawn", { exact: true })).toBeVisible();
  await expect(nextStep(page).getByText(/This proposal was withdrawn\. Nothing is left to do here\./)).toBeVisible();
  await expect(page.getByTestId("timeline").getByText(/The customer chose another offer/)).toBeVisible();
  await expect(nextStep(page).getByRole("button", { name: "Withdraw…" })).toHaveCount(0);
  await shot(page, "contract-withdrawn");
  if (shotsDir) {
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, "contract-withdrawn-phone");
  }
  await context.close();
});
