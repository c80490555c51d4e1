import crypto from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { createClient } from "../lib/clients/save-client";
import { db } from "../lib/db";
import { DEMO_PASSWORD, DEMO_USERS } from "../prisma/demo";
import { TEST_PASSWORD } from "../tests/factories";

export { DEMO_PASSWORD, DEMO_USERS, TEST_PASSWORD };

/** Signs in through the real form and waits for the pipeline, as a user would see it. */
export async function signIn(page: Page, email: string, password = TEST_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Pipeline" })).toBeVisible();
}

export const sandboxUrl = () => process.env.E2E_SANDBOX_URL!;

/** Sets fault injection for the demo firm's consumer at the sandbox (tests run one at a time). */
export async function setSandboxFaults(faults: Record<string, number>) {
  const response = await fetch(`${sandboxUrl()}/admin/consumers/proposal-desk-dev/faults`, {
    method: "PUT",
    headers: { authorization: `Bearer ${process.env.E2E_SANDBOX_ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(faults),
  });
  expect(response.ok).toBe(true);
}

/** The demo advisor, as lib functions take an actor. */
export async function demoAdvisor() {
  return db().user.findUniqueOrThrow({ where: { email: DEMO_USERS.advisor.email }, select: { id: true, organizationId: true, role: true, name: true } });
}

/** A client of the demo advisor, unique to this test, with an email of their own (their mail is easy to find). */
export async function demoClient(lastName: string, firstName = "Test") {
  const unique = Date.now().toString(36) + crypto.randomBytes(2).toString("hex");
  const email = `${firstName.toLowerCase()}-${unique}@example.com`;
  const client = await createClient(await demoAdvisor(), { kind: "PERSON", firstName, lastName: `${lastName} ${unique}`, birthDate: "1986-02-03", email });
  const row = await db().client.findUniqueOrThrow({ where: { id: client.id }, select: { id: true, displayName: true, email: true } });
  return { ...row, fullName: `${firstName} ${lastName} ${unique}` };
}

export async function requestLiabilityProposal(page: Page, clientName: string, details: { coverage?: string; startDate?: string }) {
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
export async function refreshUntil(page: Page, status: string) {
  await expect(async () => {
    await page.getByRole("button", { name: "Refresh from provider" }).click();
    await expect(page.getByText(status, { exact: true }).first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

