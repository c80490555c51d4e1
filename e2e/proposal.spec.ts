import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS, signIn } from "./fixtures";
import { createClient } from "../lib/clients/save-client";
import { db } from "../lib/db";

const sandboxUrl = () => process.env.E2E_SANDBOX_URL!;
async function setFaults(faults: Record<string, number>) {
  const response = await fetch(`${sandboxUrl()}/admin/consumers/proposal-desk-dev/faults`, {
    method: "PUT",
    headers: { authorization: `Bearer ${process.env.E2E_SANDBOX_ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(faults),
  });
  expect(response.ok).toBe(true);
}

/** A client of the demo advisor, unique to this test. */
async function demoClient(lastName: string) {
  const anna = await db().user.findUniqueOrThrow({ where: { email: DEMO_USERS.advisor.email }, select: { id: true, organizationId: true, role: true } });
  const client = await createClient(anna, { kind: "PERSON", firstName: "Test", lastName: `${lastName} ${Date.now().toString(36)}`, birthDate: "1985-07-14", email: "test@example.com" });
  return db().client.findUniqueOrThrow({ where: { id: client.id }, select: { id: true, displayName: true } });
}

async function requestLiabilityProposal(page: Page, clientName: string, details: { coverage?: string; startDate?: string }) {
  await page.goto("/proposals/new");
  await page.getByLabel("Find a client").fill(clientName);
  await page.getByText(clientName).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByText("Private Liability").click();
  await page.getByRole("button", { name: "Continue" }).click();
  if (details.coverage) await page.getByLabel("Coverage (EUR)").selectOption(details.coverage);
  if (details.startDate) await page.getByLabel("Start date").fill(details.startDate);
  await page.getByRole("button", { name: "Review the request" }).click();
}

/** What an advisor does while waiting without live updates: press Refresh until the status shows. */
async function refreshUntil(page: Page, status: string) {
  await expect(async () => {
    await page.getByRole("button", { name: "Refresh from provider" }).click();
    await expect(page.getByText(status, { exact: true }).first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

test.beforeEach(async ({ page }) => {
  await signIn(page, DEMO_USERS.advisor.email, DEMO_PASSWORD);
});

test("happy path: request, proposal, approval, order, active with the policy", async ({ page }) => {
  const client = await demoClient("Happypath");
  await requestLiabilityProposal(page, client.displayName, { coverage: "5000000", startDate: "2027-03-01" });
  await page.getByRole("button", { name: "Request proposal" }).click();
  await expect(page).toHaveURL(/\/contracts\//);
  await expect(page.getByText("Proposal requested", { exact: true }).first()).toBeVisible();

  await refreshUntil(page, "Proposal available");
  await expect(page.getByTitle("Proposal version 1")).toBeVisible();
  await expect(page.getByRole("button", { name: "Order proposal v1" })).toBeDisabled();

  await page.getByRole("button", { name: "Record an approval given outside the portal" }).click();
  await page.getByLabel("Approved by (full name)").fill(client.displayName);
  await page.getByLabel("How").selectOption("phone");
  await page.getByRole("button", { name: "Record approval" }).click();
  await expect(page.getByRole("button", { name: "Order proposal v1" })).toBeEnabled();
  await page.getByRole("button", { name: "Order proposal v1" }).click();
  await expect(page.getByText("Under review", { exact: true }).first()).toBeVisible();

  await refreshUntil(page, "Active");
  await expect(page.getByText(/Contract no\./)).toBeVisible();
  await expect(page.getByTitle("Policy document")).toBeVisible();
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
  await refreshUntil(page, "Proposal available");
});

test("provider down: a clear message, the draft is kept and sent once the provider is back", async ({ page }) => {
  const client = await demoClient("Providerdown");
  await setFaults({ errorRate: 1 });
  try {
    await requestLiabilityProposal(page, client.displayName, { coverage: "5000000", startDate: "2027-05-01" });
    await page.getByRole("button", { name: "Request proposal" }).click();
    await expect(page.getByText(/FiNUM Sandbox is not reachable right now.*saved as a draft/)).toBeVisible({ timeout: 45_000 });
    await page.getByRole("link", { name: "Open the saved draft" }).click();
    await expect(page.getByText("Draft, not sent", { exact: true }).first()).toBeVisible();
  } finally {
    await setFaults({});
  }
  await page.getByRole("button", { name: "Send to FiNUM Sandbox" }).click();
  await expect(page.getByText("Proposal requested", { exact: true }).first()).toBeVisible({ timeout: 30_000 });
  expect(await db().contract.count({ where: { clientId: client.id } })).toBe(1);
});
