/**
 * Vitest helpers around the run's provider sandbox (started by tests/setup/sandbox.ts):
 * its admin API, consumers of a test's own (so injected faults reach no other test) in any
 * provider dialect, staging of contract changes, and a firm connected to the sandbox the way
 * the seed connects the demo firm.
 */
import crypto, { generateKeyPairSync } from "node:crypto";
import { inject } from "vitest";
import { generateWebhookSecret } from "@/lib/finum/webhook-signature";
import { registerProvider } from "@/lib/providers/register-provider";
import { refreshProducts } from "@/lib/products/refresh-products";
import type { Faults } from "@/sandbox/consumers/faults";
import { DIALECT_NAMES, type DialectName } from "@/sandbox/dialects/table";
import type { TestUser } from "./factories";

export { DIALECT_NAMES, type DialectName };

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
  dialect: DialectName;
  /**
   * Replaces the consumer's faults (sandbox/README.md, "Fault injection"); `forMs` keeps them in
   * force for that long only (a 429 storm for a window).
   */
  setFaults(faults: SandboxFaults): Promise<unknown>;
  /** Switches the provider dialect this consumer is answered in (ids already made keep their style). */
  setDialect(dialect: DialectName): Promise<unknown>;
}

export type SandboxFaults = Faults & { forMs?: number };

/** A consumer of the test's own at the sandbox, in a provider dialect (default `standard`). */
export async function ownSandboxConsumer(prefix = "test", options: { dialect?: DialectName; faults?: Faults } = {}): Promise<SandboxConsumer> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  const consumerId = `${prefix}-${crypto.randomBytes(4).toString("hex")}`;
  const webhookSecret = generateWebhookSecret();
  const dialect = options.dialect ?? "standard";
  await sandboxAdmin("POST", "/admin/consumers", { consumerId, publicKeyPem: publicKey, webhookSecret, dialect, ...(options.faults ? { faults: options.faults } : {}) });
  return {
    consumerId,
    privateKeyPem: privateKey,
    publicKeyPem: publicKey,
    webhookSecret,
    dialect,
    setFaults: (faults) => sandboxAdmin("PUT", `/admin/consumers/${consumerId}/faults`, faults),
    setDialect: (next) => sandboxAdmin("PUT", `/admin/consumers/${consumerId}/dialect`, { dialect: next }),
  };
}

/** Moves a contract to any status, known or not (e.g. 250, 510), with a callback unless `callback: false`. */
export function setSandboxContractStatus(contractId: string, status: number, options: { statusNote?: string | null; updatedAt?: string; callback?: boolean } = {}) {
  return sandboxAdmin<Record<string, unknown>>("POST", `/admin/contracts/${encodeURIComponent(contractId)}/status`, { status, ...options });
}

/** Stamps a contract's updatedAt with exactly this instant (optionally with a changed statusNote); no callback. */
export function stampSandboxContract(contractId: string, updatedAt: string, statusNote?: string | null) {
  return sandboxAdmin<Record<string, unknown>>("PUT", `/admin/contracts/${encodeURIComponent(contractId)}/updated-at`, { updatedAt, ...(statusNote !== undefined ? { statusNote } : {}) });
}

/** The sandbox's callback log of one contract (every delivery, its fault and attempts). */
export function sandboxCallbackLog(contractId: string) {
  return sandboxAdmin<{ status: string; fault: string | null; body: Record<string, unknown>; attempts: number }[]>(
    "GET",
    `/admin/callbacks?contractId=${encodeURIComponent(contractId)}`,
  );
}

/**
 * Registers the sandbox as a provider of the admin's firm, with its own consumer (in `dialect`,
 * default standard), and loads its products.
 */
export async function connectFirmToSandbox(
  admin: TestUser,
  options: { consumer?: SandboxConsumer; baseUrl?: string; name?: string; dialect?: DialectName } = {},
) {
  const consumer = options.consumer ?? (await ownSandboxConsumer(options.dialect ? `test-${options.dialect}` : "test", { dialect: options.dialect }));
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
