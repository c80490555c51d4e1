import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { db } from "../lib/db";
import { DEMO_PASSWORD, DEMO_USERS, demoClient, expectAccessible, requestLiabilityProposal, sandboxUrl, signIn } from "./fixtures";

/** The provider's side of onboarding: the sandbox learns our consumer id, public key and webhook secret. */
async function onboardAtSandbox(consumerId: string, publicKeyPem: string, webhookSecret: string) {
  const response = await fetch(`${sandboxUrl()}/admin/consumers`, {
    method: "POST",
    headers: { authorization: `Bearer ${process.env.E2E_SANDBOX_ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ consumerId, publicKeyPem, webhookSecret }),
  });
  expect(response.status).toBe(201);
}

test("the admin registers a provider, tests it, fixes the audience the test asks for, and only then enables it", async ({ page }) => {
  const unique = crypto.randomBytes(3).toString("hex");
  const name = `Onboarded ${unique}`;
  const consumerId = `e2e-${unique}`;
  await signIn(page, DEMO_USERS.admin.email, DEMO_PASSWORD);
  await page.goto("/admin/providers");
  await page.getByRole("link", { name: "Register provider" }).first().click();

  const form = page.getByRole("form", { name: "Register a provider" });
  await expect(form).toBeVisible();
  await expectAccessible(page, "the provider registration form");
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("API base URL").fill(sandboxUrl());
  await form.getByLabel("Consumer id").fill(consumerId);
  await form.getByRole("button", { name: "Register provider" }).click();
  // The built app runs in production mode: a loopback address needs the admin's explicit choice.
  await expect(form.getByText("This address cannot be used for a provider. Use the provider's public HTTPS address.").first()).toBeVisible();
  await form.getByLabel(/The provider is on our private network/).check();
  await form.getByRole("button", { name: "Register provider" }).click();

  // The generated webhook secret is shown once, with how to hand it over.
  const secret = (await page.getByTestId("webhook-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^whsec_/);
  await expect(page.getByText("copy it now, it is shown only once")).toBeVisible();
  await page.getByRole("link", { name: new RegExp(`continue to ${name}`) }).click();

  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText(/Disabled: no proposals, syncs or refreshes go to this provider\. Test the connection/)).toBeVisible();
  await expect(page.getByText(secret)).toHaveCount(0);

  // Enabling before a passing test is refused, with the reason.
  await page.getByRole("button", { name: `Enable ${name}` }).click();
  await expect(page.getByRole("alert").filter({ hasText: "cannot be enabled before its connection test passes" })).toBeVisible();

  // The provider receives our public key and the secret, then the test runs: it names the audience problem.
  const publicKeyPem = (await page.locator("pre[aria-labelledby='public-key-label']").textContent()) ?? "";
  await onboardAtSandbox(consumerId, publicKeyPem, secret);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /expects another audience than the one we send \(127\.0\.0\.1:\d+\)/ })).toBeVisible();

  const settings = page.getByRole("form", { name: "Provider settings" });
  await settings.getByLabel("Audience (optional)").fill("finum-sandbox");
  await settings.getByRole("button", { name: "Save changes" }).click();
  await expect(settings.getByText("Saved.")).toBeVisible();
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Connected: ${name} accepts our token as ${consumerId}` })).toBeVisible();

  await page.getByRole("button", { name: `Enable ${name}` }).click();
  await expect(page.getByRole("button", { name: `Disable ${name}` })).toBeVisible();

  // Only what cannot be learned is a setting.
  const limits = page.getByRole("form", { name: "Limits and callbacks" });
  await limits.getByLabel("Timeout (seconds)").fill("15");
  await limits.getByLabel("Ids per list call (optional)").fill("900");
  await limits.getByRole("button", { name: "Save settings" }).click();
  await expect(limits.getByText("At most 500 (FiNUM's limit).")).toBeVisible();
  await limits.getByLabel("Ids per list call (optional)").fill("");
  await limits.getByLabel(/Accept unsigned callbacks/).check();
  await limits.getByRole("button", { name: "Save settings" }).click();
  await expect(limits.getByText("Settings saved.")).toBeVisible();
  await page.reload();
  await expect(limits.getByLabel("Timeout (seconds)")).toHaveValue("15");
  await expect(page.getByText(/unsigned ones are accepted by your choice, trusted through each contract's callback token/)).toBeVisible();

  // A new webhook secret is shown once too.
  await page.getByRole("button", { name: "Generate a new webhook secret…" }).click();
  await page.getByRole("button", { name: "Generate new webhook secret" }).click();
  const rotated = (await page.getByTestId("webhook-secret").textContent())?.trim() ?? "";
  expect(rotated).toMatch(/^whsec_/);
  expect(rotated).not.toBe(secret);

  // Leave the demo firm as it was for other journeys.
  await page.getByRole("button", { name: `Disable ${name}` }).click();
  await expect(page.getByRole("button", { name: `Enable ${name}` })).toBeVisible();
});

test("the admin tests the seeded sandbox's connection and refreshes its products", async ({ page }) => {
  await signIn(page, DEMO_USERS.admin.email, DEMO_PASSWORD);
  await page.getByRole("link", { name: "Admin" }).click();
  await page.getByRole("link", { name: /Providers/ }).click();
  await expect(page.getByRole("heading", { name: "Providers" })).toBeVisible();
  await expectAccessible(page, "the provider list");
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
  await expectAccessible(page, "the provider page");
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

test("a provider's refusal of one detail is shown at that field in New proposal", async ({ page }) => {
  // The portal's copy of the product offers a coverage the provider no longer accepts (its catalogue
  // changed since the last product refresh): only the provider can say no, with a 422 on that field.
  const product = await db().product.findFirstOrThrow({ where: { remoteId: "pr_li7privateliab02" }, select: { id: true, fields: true } });
  const fields = product.fields as Array<{ name: string; options?: string[] }>;
  const widened = fields.map((field) => (field.name === "coverage" ? { ...field, options: [...(field.options ?? []), "7000000"] } : field));
  await db().product.update({ where: { id: product.id }, data: { fields: widened } });
  try {
    const client = await demoClient("Fieldwise");
    await signIn(page, DEMO_USERS.advisor.email, DEMO_PASSWORD);
    await requestLiabilityProposal(page, client.displayName, { coverage: "7000000", startDate: "2027-08-01" });
    await page.getByRole("button", { name: "Request proposal" }).click();

    // Back on the details, with the provider's words under Coverage, not a generic banner.
    await expect(page.getByRole("alert").filter({ hasText: "Correct the highlighted detail and send again" })).toBeVisible();
    const coverage = page.getByLabel("Coverage (EUR)");
    await expect(coverage).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator(`#${await coverage.getAttribute("id")}-error`)).toContainText("must be one of 3000000, 5000000, 10000000");
    await expectAccessible(page, "the wizard's details step (with a field error)");

    await coverage.selectOption("5000000");
    await page.getByRole("button", { name: "Review the request" }).click();
    await page.getByRole("button", { name: "Request proposal" }).click();
    await expect(page).toHaveURL(/\/contracts\//);
  } finally {
    await db().product.update({ where: { id: product.id }, data: { fields: product.fields as object } });
  }
});
