/**
 * The whole flow in the browser against providers that differ from our sandbox's standard in every
 * [ours] detail of FINUM.md (sandbox/README.md, "Provider dialects"): 120 → 110 → 130 → approval →
 * 230 → 320 with the policy, every status arriving live by the provider's own callbacks.
 */
import crypto, { generateKeyPairSync } from "node:crypto";
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS, demoAdvisor, demoClient, sandboxUrl, signIn } from "./fixtures";
import { db } from "../lib/db";
import { generateWebhookSecret } from "../lib/finum/webhook-signature";
import { registerProvider } from "../lib/providers/register-provider";
import { refreshProducts } from "../lib/products/refresh-products";
import { createProposal } from "../lib/contracts/create-proposal";

/** A provider of the demo firm answering in `dialect`: its own consumer at the sandbox, registered and enabled. */
async function providerInDialect(dialect: string) {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  const consumerId = `e2e-${dialect}-${crypto.randomBytes(3).toString("hex")}`;
  const webhookSecret = generateWebhookSecret();
  const response = await fetch(`${sandboxUrl()}/admin/consumers`, {
    method: "POST",
    headers: { authorization: `Bearer ${process.env.E2E_SANDBOX_ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ consumerId, publicKeyPem: publicKey, webhookSecret, dialect }),
  });
  expect(response.ok).toBe(true);
  const advisor = await demoAdvisor();
  const seeded = await db().provider.findFirstOrThrow({ where: { organizationId: advisor.organizationId }, orderBy: { createdAt: "asc" }, select: { audience: true } });
  const { id } = await registerProvider(
    advisor.organizationId,
    { name: `Provider ${dialect} ${consumerId.slice(-6)}`, baseUrl: sandboxUrl(), consumerId, audience: seeded.audience, webhookSecret, allowPrivateNetwork: true },
    { actor: null, keyPair: { privateKeyPem: privateKey, publicKeyPem: publicKey }, enabled: true },
  );
  await refreshProducts(id, advisor.organizationId);
  return id;
}

for (const dialect of ["numeric-ids", "problem-json"]) {
  test(`the whole flow against a provider in the ${dialect} dialect, live`, async ({ page }) => {
    test.setTimeout(120_000);
    const providerId = await providerInDialect(dialect);
    const client = await demoClient(`Dialect ${dialect}`);
    const product = await db().product.findFirstOrThrow({ where: { providerId, name: "Private Liability" }, select: { id: true } });
    // Sent without the coverage: the provider asks for it (110), at once or a moment later.
    const { contractId } = await createProposal(await demoAdvisor(), { clientId: client.id, productId: product.id, data: { family: "false", hasDog: "false", startDate: "2027-05-01" }, allowMissing: true, requestKey: crypto.randomUUID() });

    await signIn(page, DEMO_USERS.advisor.email, DEMO_PASSWORD);
    await page.goto(`/contracts/${contractId}`);
    await expect(page.getByText("Provider needs more data", { exact: true }).first()).toBeVisible({ timeout: 30_000 });
    await page.getByLabel("Coverage (EUR)").selectOption("5000000");
    await page.getByRole("button", { name: "Send the completed data" }).click();
    await expect(page.getByText("Proposal available", { exact: true }).first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTitle("Proposal version 1")).toBeVisible();

    await page.getByRole("button", { name: "Record an approval given outside the portal" }).click();
    await page.getByLabel("Approved by (full name)").fill(client.fullName);
    await page.getByLabel("How").selectOption("phone");
    await page.getByLabel(/^Evidence/).setInputFiles({ name: "signed.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 signed proposal") });
    await page.getByRole("button", { name: "Record approval" }).click();
    await page.getByRole("button", { name: "Order proposal v1" }).click();

    await expect(page.getByText("Active", { exact: true }).first()).toBeVisible({ timeout: 45_000 });
    await expect(page.getByTitle("Policy document")).toBeVisible({ timeout: 15_000 });
    const contract = await db().contract.findUniqueOrThrow({ where: { id: contractId }, select: { status: true, contractNumber: true, premium: true } });
    expect(contract.contractNumber).toBeTruthy();
    expect(contract.premium).not.toBeNull();
  });
}
