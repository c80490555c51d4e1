import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS, completeAdviceOnPage, demoClient, expectAccessible, requestLiabilityProposal, setSandboxFaults, signIn } from "./fixtures";
import { db } from "../lib/db";

test.beforeEach(async ({ page }) => {
  await signIn(page, DEMO_USERS.advisor.email, DEMO_PASSWORD);
});

test("happy path: request, proposal, approval, order, active with the policy", async ({ page }) => {
  const client = await demoClient("Happypath");
  await requestLiabilityProposal(page, client.displayName, { coverage: "5000000", startDate: "2027-03-01" });
  await expect(page.getByRole("button", { name: "Request proposal" })).toBeVisible();
  await expectAccessible(page, "the wizard's review step");
  await page.getByRole("button", { name: "Request proposal" }).click();
  await expect(page).toHaveURL(/\/contracts\//);
  await expect(page.getByText("Proposal requested", { exact: true }).first()).toBeVisible();

  // No reload, no click: the provider's callback arrives and the open page updates itself.
  await expect(page.getByText("Proposal available", { exact: true }).first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTitle("Proposal version 1")).toBeVisible();
  // Nothing to send or order before the advice record: the next step says so.
  await expect(page.getByTestId("next-step")).toHaveAttribute("data-next-step", "record-advice");
  await expect(page.getByRole("button", { name: "Record an approval given outside the portal" })).toHaveCount(0);
  await expectAccessible(page, "the contract page (advice record to complete)");
  await completeAdviceOnPage(page);
  // Nothing to order before an approval: the next step is to get one.
  await expect(page.getByTestId("next-step")).toHaveAttribute("data-next-step", "send-approval");
  await expect(page.getByRole("button", { name: "Order proposal v1" })).toHaveCount(0);
  await expectAccessible(page, "the contract page (proposal available)");

  await page.getByRole("button", { name: "Record an approval given outside the portal" }).click();
  await page.getByLabel("Approved by (full name)").fill(client.displayName);
  await page.getByLabel("How").selectOption("phone");
  await page.getByLabel(/^Evidence/).setInputFiles({ name: "signed.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 signed proposal") });
  await page.getByRole("button", { name: "Record approval" }).click();
  await expect(page.getByRole("button", { name: "Order proposal v1" })).toBeEnabled();
  await page.getByRole("button", { name: "Order proposal v1" }).click();
  // The order is on the timeline for good (240 "Under review" may pass too quickly to be seen).
  await expect(page.getByText("Proposal available → Ordered", { exact: true })).toBeVisible();

  await expect(page.getByText("Active", { exact: true }).first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/Contract no\./)).toBeVisible();
  await expect(page.getByTitle("Policy document")).toBeVisible();
  await expectAccessible(page, "the contract page (active, with the policy)");
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download" }).first().click();
  expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
});

test("110 loop: missing data is asked for, completed, and the proposal follows", async ({ page }) => {
  const client = await demoClient("Missingdata");
  await requestLiabilityProposal(page, client.displayName, {});
  await expect(page.getByText(/2 required details are missing/)).toBeVisible();
  await page.getByLabel("Send without the missing details").check();
  await page.getByRole("button", { name: "Review the request" }).click();
  await expect(page.getByText("Missing: the provider will ask").first()).toBeVisible();
  await page.getByRole("button", { name: "Request proposal" }).click();

  await expect(page.getByText("Provider needs more data", { exact: true }).first()).toBeVisible();
  await expect(page.getByText(/The provider says:.*coverage/)).toBeVisible();
  await page.getByRole("button", { name: "Send the completed data" }).click();
  await expect(page.getByText("Coverage (EUR) is required.")).toBeVisible(); // checked before anything is sent
  await page.getByLabel("Coverage (EUR)").selectOption("3000000");
  await page.getByLabel("Start date").fill("2027-04-01");
  await page.getByRole("button", { name: "Send the completed data" }).click();
  await expect(page.getByText("Proposal requested", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("Proposal available", { exact: true }).first()).toBeVisible({ timeout: 30_000 });
});

test("provider down: a clear message, the draft is kept and sent once the provider is back", async ({ page }) => {
  const client = await demoClient("Providerdown");
  await setSandboxFaults({ errorRate: 1 });
  try {
    await requestLiabilityProposal(page, client.displayName, { coverage: "5000000", startDate: "2027-05-01" });
    await page.getByRole("button", { name: "Request proposal" }).click();
    await expect(page.getByText(/FiNUM Sandbox is not reachable right now.*saved as a draft/)).toBeVisible({ timeout: 45_000 });
    await page.getByRole("link", { name: "Open the saved draft" }).click();
    await expect(page.getByText("Draft, not sent", { exact: true }).first()).toBeVisible();
  } finally {
    await setSandboxFaults({});
  }
  await page.getByRole("button", { name: "Send to FiNUM Sandbox" }).click();
  await expect(page.getByText("Proposal requested", { exact: true }).first()).toBeVisible({ timeout: 30_000 });
  expect(await db().contract.count({ where: { clientId: client.id } })).toBe(1);
});
