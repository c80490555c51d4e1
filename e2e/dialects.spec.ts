/**
 * The whole flow in the browser against providers that differ from our sandbox's standard in every
 * [ours] detail of FINUM.md (sandbox/README.md, "Provider dialects"): 120 → 110 → 130 → approval →
 * 230 → 320 with the policy, every status arriving live by the provider's own callbacks.
 */
import crypto, { generateKeyPairSync } from "node:crypto";
import { expect, test } from "@playwright/test";
import { completeAdviceOnPage, demoAdvisor, sandboxUrl, signIn } from "./fixtures";
import { makeClient, makeFirm, type TestUser } from "../tests/factories";
import { db } from "../lib/db";
import { generateWebhookSecret } from "../lib/finum/webhook-signature";
import { registerProvider } from "../lib/providers/register-provider";
import { refreshProducts } from "../lib/products/refresh-products";
import { createProposal } from "../lib/contracts/create-proposal";

/**
 * A firm of its own (the demo firm's products stay as the other journeys expect them) with a
 * provider answering in `dialect`: its own consumer at the sandbox, registered and enabled.
 */
async function providerInDialect(dialect: string, admin: TestUser) {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  const consumerId = `e2e-${dialect}-${crypto.randomBytes(3).toString("hex")}`;
  const webhookSecret = generateWebhookSecret();
  const response = await fetch(`${sandboxUrl()}/admin/consumers`, {
    method: "POST",
    headers: { authorization: `Bearer ${process.env.E2E_SANDBOX_ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ consumerId, publicKeyPem: publicKey, webhookSecret, dialect }),
  });
  expect(response.ok).toBe(true);
  const demo = await demoAdvisor();
  const seeded = await db().provider.findFirstOrThrow({ where: { organizationId: demo.organizationId }, orderBy: { createdAt: "asc" }, select: { audience: true } });
  const { id } = await registerProvider(
    admin.organizationId,
    { name: `Provider ${dialect} ${consumerId.slice(-6)}`, baseUrl: sandboxUrl(), consumerId, audience: seeded.audience, webhookSecret, allowPrivateNetwork: true },
    { actor: null, keyPair: { privateKeyPem: privateKey, publicKeyPem: publicKey }, enabled: true },
  );
  await refreshProducts(id, admin.organizationId);
  return id;
}

for (const dialect of ["numeric-ids", "problem-json"]) {
  test(`the whole flow against a provider in the ${dialect} dialect, live`, async ({ page }) => {
    test.setTimeout(120_000);
    const firm = await makeFirm();
    const providerId = await providerInDialect(dialect, firm.admin);
    const client = await db().client.findUniqueOrThrow({ where: { id: (await makeClient(firm.advisor, { lastName: `Dialect ${dialect}` })).id } });
    const product = await db().product.findFirstOrThrow({ where: { providerId, name: "Private Liability" }, select: { id: true } });
    // Sent without the coverage: the provider asks for it (110), at once or a moment later.
    const { contractId } = await createProposal(firm.advisor, { clientId: client.id, productId: product.id, data: { family: "false", hasDog: "false", startDate: "2027-05-01" }, allowMissing: true, requestKey: crypto.randomUUID() });

    await signIn(page, firm.advisor.email);
    await page.goto(`/contracts/${contractId}`);
    await expect(page.getByText("Provider needs more data", { exact: true }).first()).toBeVisible({ timeout: 30_000 });
    await page.getByLabel("Coverage (EUR)").selectOption("5000000");
    await page.getByRole("button", { name: "Send the completed data" }).click();
    await expect(page.getByText("Proposal available", { exact: true }).first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTitle("Proposal version 1")).toBeVisible();
    await completeAdviceOnPage(page);

    await page.getByRole("button", { name: "Record an approval given outside the portal" }).click();
    await page.getByLabel("Approved by (full name)").fill(`${client.firstName} ${client.lastName}`);
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
