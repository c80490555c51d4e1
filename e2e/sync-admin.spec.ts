import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { db } from "../lib/db";
import { providerClientFor } from "../lib/providers/provider-client";
import { DEMO_PASSWORD, DEMO_USERS, expectAccessible, signIn } from "./fixtures";

/**
 * The admin's side of the sync: a contract made in the provider's own tools for someone who is not
 * a client yet reaches the review queue through "Sync now" (the demo firm reviews unknown holders),
 * and creating the client from the queue puts the contract in the chosen advisor's pipeline.
 */
test("Sync now shows live progress, and the review queue places an unknown holder's contract", async ({ page }, testInfo) => {
  const provider = await db().provider.findFirstOrThrow({ where: { name: "FiNUM Sandbox" }, select: { id: true, organizationId: true } });
  const finum = await providerClientFor(provider.id, provider.organizationId);
  const product = await db().product.findFirstOrThrow({ where: { providerId: provider.id, name: "Private Liability" }, select: { remoteId: true } });
  const lastName = `Unbekannt${crypto.randomBytes(3).toString("hex")}`;
  const holder = await finum.createClient({ type: "person", firstName: "Greta", lastName, birthDate: "1979-09-14", _hasEverBeenInDebt: false }, { idempotencyKey: crypto.randomUUID() });
  const contract = await finum.createContract({ holderId: holder.id, productId: product.remoteId, status: 120, data: { coverage: "5000000", family: false, startDate: "2027-03-01" } }, { idempotencyKey: crypto.randomUUID() });

  await signIn(page, DEMO_USERS.admin.email, DEMO_PASSWORD);
  await page.getByRole("link", { name: "Admin" }).click();
  await page.getByRole("link", { name: /Sync health/ }).click();
  await expect(page.getByRole("heading", { name: "Sync health" })).toBeVisible();
  const health = page.getByRole("table", { name: /FiNUM Sandbox/ });
  for (const type of ["Products", "Users", "Clients", "Contracts", "Files"]) await expect(health.getByRole("rowheader", { name: type })).toBeVisible();

  // Keyboard: focus the button and press Enter.
  const syncNow = page.getByRole("button", { name: "Sync FiNUM Sandbox now" });
  await syncNow.focus();
  await page.keyboard.press("Enter");
  // A small sync can finish before the "started" message is seen: either is the answer to the press.
  await expect(page.getByText(/^(Sync started\. Progress shows below\.|Sync finished: )/)).toBeVisible();
  await expect(page.getByText(/^Sync finished: [\d,]+ contracts? fetched/)).toBeVisible({ timeout: 45_000 });
  const contractsRow = health.getByRole("row", { name: /Contracts/ });
  await expect(contractsRow.getByText(/^Done .*fetched/)).toBeVisible();
  await expect(page.getByRole("link", { name: /wait(s)? for review/ })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("sync-health.png"), fullPage: true });
  await expectAccessible(page, "sync health");

  // The review queue: the provider's record, and "create" for the chosen advisor.
  await page.getByRole("link", { name: /wait(s)? for review/ }).click();
  await expect(page.getByRole("heading", { name: /Review queue/ })).toBeVisible();
  const item = page.getByRole("article", { name: `Greta ${lastName}` });
  await expect(item.getByText("Unknown holder")).toBeVisible();
  await expect(item.getByText("14 Sept 1979").or(item.getByText("14 Sep 1979"))).toBeVisible();
  await expect(item.getByText("_hasEverBeenInDebt")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("review-queue.png"), fullPage: true });
  await expectAccessible(page, "the review queue");

  const advisor = await db().user.findUniqueOrThrow({ where: { email: DEMO_USERS.advisor.email }, select: { name: true } });
  await item.getByLabel("Create the client for").selectOption({ label: advisor.name });
  await item.getByRole("button", { name: "Create client" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Greta ${lastName}:` })).toContainText("1 contract is in the pipeline now");
  await expect(page.getByRole("article", { name: `Greta ${lastName}` })).toHaveCount(0);

  const placed = await db().contract.findFirstOrThrow({ where: { providerId: provider.id, remoteId: contract.id }, select: { advisor: { select: { email: true } }, client: { select: { lastName: true } } } });
  expect(placed).toEqual({ advisor: { email: DEMO_USERS.advisor.email }, client: { lastName } });
});

test("an advisor gets neither sync health nor the review queue", async ({ page }) => {
  await signIn(page, DEMO_USERS.advisor.email, DEMO_PASSWORD);
  for (const path of ["/admin/sync", "/admin/review"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Pipeline" })).toBeVisible();
  }
  const status = await page.request.get("/admin/sync/status");
  expect(status.status()).toBe(403);
  expect(await status.json()).toMatchObject({ status: 403, code: "FORBIDDEN" });
});
