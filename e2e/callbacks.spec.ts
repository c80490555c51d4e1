import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS, completeAdviceOnPage, demoClient, requestLiabilityProposal, setSandboxFaults, signIn } from "./fixtures";
import { db } from "../lib/db";
import { webhookHeaders } from "../lib/finum/webhook-signature";
import { getProviderWebhookSecret } from "../lib/providers/provider-client";

async function contractOf(clientId: string) {
  return db().contract.findFirstOrThrow({ where: { clientId }, select: { id: true, status: true, callbackToken: true, remoteId: true, providerId: true } });
}

test("forged, malformed, oversized and unknown callbacks get their answers and change nothing", async ({ page, request }) => {
  await signIn(page, DEMO_USERS.advisor.email, DEMO_PASSWORD);
  const client = await demoClient("Forgery");
  await requestLiabilityProposal(page, client.displayName, { coverage: "3000000", startDate: "2027-06-01" });
  await page.getByRole("button", { name: "Request proposal" }).click();
  await expect(page.getByText("Proposal available", { exact: true }).first()).toBeVisible({ timeout: 30_000 });
  const contract = await contractOf(client.id);
  const deliveriesBefore = await db().callbackDelivery.count({ where: { contractId: contract.id } });

  const body = JSON.stringify({ recordType: "contract", id: contract.remoteId, status: 320, updatedAt: new Date().toISOString() });
  const forged = await request.post(`/api/callback?token=${contract.callbackToken}`, {
    headers: { "content-type": "application/json", ...webhookHeaders({ id: "msg_forged", body, secret: `whsec_${Buffer.alloc(24, 1).toString("base64")}` }) },
    data: body,
  });
  expect(forged.status()).toBe(401);
  expect(forged.headers()["content-type"]).toContain("application/problem+json");
  expect(await forged.json()).toMatchObject({ status: 401, detail: expect.stringMatching(/signature/) });
  // The API's headers and the caller's request id, as on every API answer.
  expect(forged.headers()).toMatchObject({ "content-security-policy": "default-src 'none'; frame-ancestors 'none'", "x-content-type-options": "nosniff", "cache-control": "no-store", "x-request-id": expect.any(String) });

  const unsigned = await request.post(`/api/callback?token=${contract.callbackToken}`, { headers: { "content-type": "application/json" }, data: body });
  expect(unsigned.status()).toBe(401);
  const tooBig = await request.post(`/api/callback?token=${contract.callbackToken}`, { headers: { "content-type": "application/json" }, data: "x".repeat(70 * 1024) });
  expect(tooBig.status()).toBe(413);
  // Oversized without a declared length (chunked): cut off while reading.
  const streamed = await fetch(`${process.env.E2E_BASE_URL}/api/callback?token=${contract.callbackToken}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-request-id": "req-streamed-callback" },
    body: new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new Uint8Array(8 * 1024).fill(120));
        controller.close();
      },
    }),
    duplex: "half",
  } as RequestInit);
  expect(streamed.status).toBe(413);
  expect(streamed.headers.get("x-request-id")).toBe("req-streamed-callback");
  // Unknown tokens: 404 problem details, nothing stored (counted, and sampled for the integration log).
  const unknown = await request.post(`/api/callback?token=unknown-token`, { headers: { "content-type": "application/json" }, data: body });
  expect(unknown.status()).toBe(404);
  expect(unknown.headers()["content-type"]).toContain("application/problem+json");
  const secret = (await getProviderWebhookSecret(contract.providerId))!;
  const malformed = await fetch(`${process.env.E2E_BASE_URL}/api/callback?token=${contract.callbackToken}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...webhookHeaders({ id: "msg_malformed", body: "{not json", secret }) },
    body: "{not json",
  });
  expect(malformed.status, await malformed.clone().text()).toBe(400);

  expect((await contractOf(client.id)).status).toBe(130);
  expect(await db().callbackDelivery.count({ where: { contractId: contract.id } })).toBe(deliveriesBefore);
  await page.reload();
  await expect(page.getByText("Proposal available", { exact: true }).first()).toBeVisible();
});

test("duplicated and reordered callbacks from the sandbox end in the right final state, live", async ({ page }) => {
  await signIn(page, DEMO_USERS.advisor.email, DEMO_PASSWORD);
  const client = await demoClient("Reordered");
  await setSandboxFaults({ duplicateCallbackRate: 1, reorderCallbackRate: 0.5, reorderDelayMs: 1500 });
  try {
    await requestLiabilityProposal(page, client.displayName, { coverage: "5000000", startDate: "2027-07-01" });
    await page.getByRole("button", { name: "Request proposal" }).click();
    await expect(page.getByText("Proposal available", { exact: true }).first()).toBeVisible({ timeout: 30_000 });
    await completeAdviceOnPage(page);
    await page.getByRole("button", { name: "Record an approval given outside the portal" }).click();
    await page.getByLabel("Approved by (full name)").fill(client.displayName);
    await page.getByLabel("How").selectOption("in-person");
    await page.getByLabel(/^Evidence/).setInputFiles({ name: "signed.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 signed proposal") });
  await page.getByRole("button", { name: "Record approval" }).click();
    await page.getByRole("button", { name: "Order proposal v1" }).click();
    await expect(page.getByText("Active", { exact: true }).first()).toBeVisible({ timeout: 30_000 });
  } finally {
    await setSandboxFaults({});
  }
  const contract = await db().contract.findFirstOrThrow({ where: { clientId: client.id }, include: { events: { where: { kind: "status" }, orderBy: { at: "asc" } }, callbacks: true } });
  expect(contract.status).toBe(320);
  // Each status was entered once, in order: duplicates and late callbacks changed nothing.
  const entered = contract.events.map((event) => event.toStatus);
  expect(entered).toEqual([...new Set(entered)]);
  expect(entered.slice(-3)).toEqual([230, 240, 320]);
  expect(contract.callbacks.every((delivery) => delivery.verified)).toBe(true);
});
