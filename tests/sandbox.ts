/**
 * Vitest helpers around the run's provider sandbox (started by tests/setup/sandbox.ts):
 * its admin API, consumers of a test's own (so injected faults reach no other test), and a
 * firm connected to the sandbox the way the seed connects the demo firm.
 */
import crypto, { generateKeyPairSync } from "node:crypto";
import { inject } from "vitest";
import { generateWebhookSecret } from "@/lib/finum/webhook-signature";
import { registerProvider } from "@/lib/providers/register-provider";
import { refreshProducts } from "@/lib/products/refresh-products";
import type { TestUser } from "./factories";

export async function sandboxAdmin<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(inject("sandboxUrl") + path, {
    method,
    headers: { authorization: `Bearer ${inject("sandboxAdminToken")}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export interface SandboxConsumer {
  consumerId: string;
  privateKeyPem: string;
  publicKeyPem: string;
  webhookSecret: string;
  setFaults(faults: Record<string, number>): Promise<unknown>;
}

/** A consumer of the test's own at the sandbox. */
export async function ownSandboxConsumer(prefix = "test"): Promise<SandboxConsumer> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  const consumerId = `${prefix}-${crypto.randomBytes(4).toString("hex")}`;
  const webhookSecret = generateWebhookSecret();
  await sandboxAdmin("POST", "/admin/consumers", { consumerId, publicKeyPem: publicKey, webhookSecret });
  return {
    consumerId,
    privateKeyPem: privateKey,
    publicKeyPem: publicKey,
    webhookSecret,
    setFaults: (faults) => sandboxAdmin("PUT", `/admin/consumers/${consumerId}/faults`, faults),
  };
}

/** Registers the sandbox as a provider of the admin's firm, with its own consumer, and loads its products. */
export async function connectFirmToSandbox(admin: TestUser, options: { consumer?: SandboxConsumer; baseUrl?: string; name?: string } = {}) {
  const consumer = options.consumer ?? (await ownSandboxConsumer());
  const { id } = await registerProvider(
    admin.organizationId,
    { name: options.name ?? "FiNUM Sandbox", baseUrl: options.baseUrl ?? inject("sandboxUrl"), consumerId: consumer.consumerId, audience: inject("sandboxAudience"), webhookSecret: consumer.webhookSecret },
    // Enabled at once: the sandbox already has this consumer's public key (an admin would test, then enable).
    { actor: admin, keyPair: { privateKeyPem: consumer.privateKeyPem, publicKeyPem: consumer.publicKeyPem }, enabled: true },
  );
  if (!options.baseUrl) await refreshProducts(id, admin.organizationId);
  return { providerId: id, consumer };
}

/** Polls `check` until it returns a value, or fails after `timeoutMs` with the last value seen. */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 10_000, what = "the expected state"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
