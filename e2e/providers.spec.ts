import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS, signIn } from "./fixtures";

test("the admin tests the seeded sandbox's connection and refreshes its products", async ({ page }) => {
  await signIn(page, DEMO_USERS.admin.email, DEMO_PASSWORD);
  await page.getByRole("link", { name: "Admin" }).click();
  await page.getByRole("link", { name: /Providers/ }).click();
  await expect(page.getByRole("heading", { name: "Providers" })).toBeVisible();
  await page.getByRole("link", { name: "FiNUM Sandbox" }).click();

  await expect(page.getByRole("heading", { name: /FiNUM Sandbox/ })).toBeVisible();
  await expect(page.getByText("BEGIN PUBLIC KEY")).toBeVisible();

  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Connected: FiNUM Sandbox accepts our token" })).toBeVisible();

  await page.getByRole("button", { name: "Refresh products" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Products are up to date|read/ })).toBeVisible();
  const products = page.getByRole("list", { name: "Products" }).getByRole("listitem");
  await expect(products.first()).toBeVisible();
  expect(await products.count()).toBeGreaterThanOrEqual(6);

  // The calls just made are in the integration log.
  await expect(page.getByText("GET /v1/auth-status").first()).toBeVisible();
  await expect(page.getByText(/GET \/v1\/product-id-list-updated\?since=/).first()).toBeVisible();
});

test("an advisor gets no provider administration", async ({ page }) => {
  await signIn(page, DEMO_USERS.advisor.email, DEMO_PASSWORD);
  await page.goto("/admin/providers");
  await expect(page.getByRole("heading", { name: "Pipeline" })).toBeVisible();
  await expect(page).not.toHaveURL(/\/admin/);
  // The pipeline names providers too; what must not show is their administration.
  await expect(page.getByRole("heading", { name: "Providers" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Test connection/ })).toHaveCount(0);
});
