import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS, completeAdviceOnPage, demoAdvice, demoAdvisor, demoClient, expectAccessible, signIn, linkFromMail, phone } from "./fixtures";
import { createProposal } from "../lib/contracts/create-proposal";
import { refreshContract } from "../lib/sync/refresh-contract";
import { sendApprovalRequest } from "../lib/approvals/send-approval-request";
import { db } from "../lib/db";

// Set APPROVAL_SCREENSHOTS=<dir> to keep pictures of every approval page (for a look by eye).
const shotsDir = process.env.APPROVAL_SCREENSHOTS;
const shot = async (page: Page, name: string) => {
  if (shotsDir) await page.screenshot({ path: `${shotsDir}/${name}.png`, fullPage: true });
};

/** A contract of the demo advisor at 130 (through lib, for the tests that are about the link, not the flow). */
async function contractAt130(lastName: string) {
  const advisor = await demoAdvisor();
  const client = await demoClient(lastName, "Maria");
  const product = await db().product.findFirstOrThrow({ where: { name: "Private Liability", provider: { organizationId: advisor.organizationId } }, select: { id: true } });
  const { contractId } = await createProposal(advisor, { clientId: client.id, productId: product.id, data: { coverage: "5000000", family: "false", dogOwner: "false", startDate: "2027-06-01" }, requestKey: crypto.randomUUID() });
  await expect(async () => {
    await refreshContract(contractId, "POLL");
    expect((await db().contract.findUniqueOrThrow({ where: { id: contractId } })).status).toBe(130);
  }).toPass({ timeout: 20_000 });
  await demoAdvice(contractId);
  return { advisor, client, contractId };
}

test("the customer approves by link on a phone, the advisor sees it and orders", async ({ browser }) => {
  const client = await demoClient("Schneider", "Maria");
  const advisorContext = await browser.newContext();
  const page = await advisorContext.newPage();
  await signIn(page, DEMO_USERS.advisor.email, DEMO_PASSWORD);

  await page.goto("/proposals/new");
  await page.getByLabel("Find a client").fill(client.displayName);
  await page.getByText(client.displayName).click();
  await expectAccessible(page, "the wizard's client step");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByText("Private Liability").click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Coverage (EUR)").selectOption("5000000");
  await page.getByLabel("Start date").fill("2027-03-01");
  await page.getByRole("button", { name: "Review the request" }).click();
  await page.getByRole("button", { name: "Request proposal" }).click();
  await expect(page).toHaveURL(/\/contracts\//);
  await expect(page.getByText("Proposal available", { exact: true }).first()).toBeVisible({ timeout: 30_000 }); // live, by callback
  await completeAdviceOnPage(page);
  await expectAccessible(page, "the contract page (advice record completed)");

  await page.getByRole("button", { name: `Send approval request to ${client.email}` }).click();
  await expect(page.getByText(`Approval requested from ${client.email}`)).toBeVisible();
  await expect(page.getByText("Waiting for the customer", { exact: true })).toBeVisible();
  expect(await page.content()).not.toContain("/approve/"); // staff never see the link
  await shot(page, "advisor-requested");
  await expectAccessible(page, "the contract page (waiting for the customer)");

  const link = await linkFromMail(client.email!);
  const customerContext = await phone(browser);
  const phonePage = await customerContext.newPage();
  await phonePage.goto(link);
  await expect(phonePage.getByRole("heading", { name: "Your Private Liability proposal is ready" })).toBeVisible();
  await expect(phonePage.getByText(client.fullName).first()).toBeVisible();
  await expect(phonePage.getByRole("link", { name: "Open the PDF" })).toBeVisible();
  await expect(phonePage.getByRole("link", { name: "Open the advice PDF" })).toBeVisible();
  // The advice PDF is served as a PDF on our origin, never as something that runs script.
  const advicePdf = await phonePage.request.get(`${link}/advice`);
  expect(advicePdf.headers()["content-type"]).toBe("application/pdf");
  expect((await advicePdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await shot(phonePage, "customer-open-phone");
  await expectAccessible(phonePage, "the customer page on a phone");

  await phonePage.getByLabel("Your full name").fill("Somebody Else");
  await phonePage.getByRole("checkbox", { name: /have read proposal version|habe das Angebot in Version/ }).check();
  await phonePage.getByRole("button", { name: "Approve the proposal" }).click();
  await expect(phonePage.getByText(/does not match the customer/)).toBeVisible();
  await shot(phonePage, "customer-wrong-name");
  await expectAccessible(phonePage, "the customer page with a field error");
  await phonePage.getByLabel("Your full name").fill(`  ${client.fullName.toLowerCase()} `);
  await phonePage.getByRole("button", { name: "Approve the proposal" }).click();
  await expect(phonePage.getByRole("heading", { name: "Thank you, your approval is recorded" })).toBeVisible();
  await shot(phonePage, "customer-done-phone");
  await expectAccessible(phonePage, "the customer's done page");
  const receipt = phonePage.waitForEvent("download");
  await phonePage.getByRole("link", { name: "Download your receipt (PDF)" }).click();
  expect((await receipt).suggestedFilename()).toMatch(/^receipt-.*\.pdf$/);

  // Reused link: its own page, and no second decision.
  await phonePage.goto(link);
  await expect(phonePage.getByRole("heading", { name: "This link has already been used" })).toBeVisible();
  await expect(phonePage.getByRole("button", { name: "Approve the proposal" })).toHaveCount(0);
  await shot(phonePage, "customer-used-phone");
  await expectAccessible(phonePage, "the used-link page");
  const document = await phonePage.request.get(`${link}/document`);
  expect(document.status()).toBe(404);

  // The advisor's page has been open all along: the decision arrives live, without a reload.
  await expect(page.getByRole("button", { name: "Order proposal v1" })).toBeEnabled();
  await expect(page.getByText(/Approved by .*Schneider/i)).toBeVisible();
  await expect(page.getByRole("link", { name: "Receipt" })).toBeVisible();
  await shot(page, "advisor-approved");
  await page.getByRole("button", { name: "Order proposal v1" }).click();
  // The order is on the timeline for good (240 "Under review" may pass too quickly to be seen).
  await expect(page.getByText("Proposal available → Ordered", { exact: true })).toBeVisible();
  // ... and 320 arrives live when the sandbox calls back.
  await expect(page.getByText("Active", { exact: true }).first()).toBeVisible({ timeout: 30_000 });
  const contractId = /\/contracts\/([^/?#]+)/.exec(page.url())![1]!;
  expect((await db().contract.findUniqueOrThrow({ where: { id: contractId } })).status).toBe(320);
  expect(await db().approvalRequest.count({ where: { contractId, status: "APPROVED" } })).toBe(1);
  await customerContext.close();
  await advisorContext.close();
});

test("expired, replaced-by-a-newer-link and unknown links each get their own page", async ({ browser }) => {
  const { advisor, client, contractId } = await contractAt130("Expiry");
  await sendApprovalRequest(advisor, contractId);
  const first = await linkFromMail(client.email!);
  await sendApprovalRequest(advisor, contractId); // "Send again": the first link stops working
  const second = await linkFromMail(client.email!);
  await db().approvalRequest.updateMany({ where: { contractId, status: "PENDING" }, data: { expiresAt: new Date(Date.now() - 60_000) } });

  const context = await phone(browser);
  const page = await context.newPage();
  await page.goto(second);
  await expect(page.getByRole("heading", { name: "This link has expired" })).toBeVisible();
  await expect(page.getByText(/Ask Anna Berger/)).toBeVisible();
  await shot(page, "customer-expired-phone");
  await expectAccessible(page, "the expired-link page");
  expect((await page.request.get(`${second}/document`)).status()).toBe(404);

  await page.goto(first);
  await expect(page.getByRole("heading", { name: "A newer link has been sent to you" })).toBeVisible();
  await shot(page, "customer-newer-link-phone");

  for (const bad of ["/approve/" + "x".repeat(43), "/approve/short"]) {
    await page.goto(bad);
    await expect(page.getByRole("heading", { name: "This link does not work" })).toBeVisible();
  }
  await shot(page, "customer-unknown-phone");
  expect((await page.request.get("/dev/outbox")).status()).toBe(404); // the outbox page never exists in production
  const problem = await page.request.get("/approve/short/receipt");
  expect(problem.status()).toBe(404);
  expect(problem.headers()["content-type"]).toContain("application/problem+json");
  await context.close();

  // The advisor sees the expiry and can send a fresh link.
  const advisorContext = await browser.newContext();
  const advisorPage = await advisorContext.newPage();
  await signIn(advisorPage, DEMO_USERS.advisor.email, DEMO_PASSWORD);
  await advisorPage.goto(`/contracts/${contractId}`);
  await expect(advisorPage.getByText(/expired on/).first()).toBeVisible();
  await expect(advisorPage.getByText(/Void: Replaced by a newer link/)).toBeVisible();
  await shot(advisorPage, "advisor-expired");
  await expectAccessible(advisorPage, "the contract page (link expired)");
  await advisorPage.getByRole("button", { name: "Send again" }).click();
  await expect(advisorPage.getByText(`Approval requested from ${client.email}`)).toBeVisible();
  await advisorContext.close();

  if (shotsDir) {
    const adminContext = await browser.newContext();
    const adminPage = await adminContext.newPage();
    await signIn(adminPage, DEMO_USERS.admin.email, DEMO_PASSWORD);
    await adminPage.goto("/admin/settings");
    await expect(adminPage.getByLabel("Approval links are valid for (hours)")).toHaveValue("168");
    await shot(adminPage, "admin-settings");
    await adminContext.close();
    const desktop = await browser.newContext();
    const desktopPage = await desktop.newPage();
    const { advisor: a2, client: c2, contractId: id2 } = await contractAt130("Desktop");
    await sendApprovalRequest(a2, id2);
    await desktopPage.goto(await linkFromMail(c2.email!));
    await desktopPage.getByRole("tab", { name: "Decline" }).click();
    await desktopPage.getByRole("button", { name: "Decline the proposal" }).click();
    await expect(desktopPage.getByText(/Tell your advisor why/)).toBeVisible();
    await shot(desktopPage, "customer-decline-desktop");
    await desktopPage.getByLabel("Why do you decline?").fill("The premium is too high for us.");
    await desktopPage.getByRole("button", { name: "Decline the proposal" }).click();
    await expect(desktopPage.getByRole("heading", { name: "Your answer has been sent" })).toBeVisible();
    await shot(desktopPage, "customer-declined-desktop");
    await desktop.close();
  }
});
