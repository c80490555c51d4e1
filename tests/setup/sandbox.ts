/**
 * Vitest global setup (after tests/setup/postgres.ts): a fresh database for the provider sandbox
 * on the same PostgreSQL server, a test consumer (RSA key pair + webhook secret), one more per
 * provider dialect, and the sandbox as a child process with short delays. Tests read
 * `inject("sandboxUrl")`, `inject("sandboxConsumer")` (standard), `inject("sandboxDialects")`, ...
 */
import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { ensureDatabase, withDatabase } from "../../scripts/lib/postgres";
import { generateWebhookSecret } from "../../lib/finum";
import { startSandboxProcess, type SandboxProcess } from "../../sandbox/process";
import { DIALECT_NAMES, type DialectName } from "../../sandbox/dialects/table";

export interface SandboxTestConsumer {
  consumerId: string;
  privateKeyPem: string;
  publicKeyPem: string;
  webhookSecret: string;
}

export interface SandboxDialectConsumer extends SandboxTestConsumer {
  dialect: DialectName;
}

declare module "vitest" {
  export interface ProvidedContext {
    sandboxUrl: string;
    sandboxAdminToken: string;
    sandboxAudience: string;
    /** The sandbox's own database (tests that restart a sandbox use a database of their own). */
    sandboxDatabaseUrl: string;
    sandboxConsumer: SandboxTestConsumer;
    /** One consumer per provider dialect (own key pair and webhook secret), by dialect name. */
    sandboxDialects: Record<DialectName, SandboxDialectConsumer>;
  }
}

export const TEST_SANDBOX_ENV = {
  SANDBOX_PROPOSAL_DELAY_MS: "200",
  SANDBOX_REVIEW_DELAY_MS: "200",
  SANDBOX_CALLBACK_RETRY_BASE_MS: "200",
  SANDBOX_CALLBACK_TIMEOUT_MS: "2000",
  SANDBOX_WORKER_INTERVAL_MS: "100",
  SANDBOX_LOG: "quiet",
};

let sandbox: SandboxProcess | undefined;
let tempDir: string | undefined;

export default async function setup(project: TestProject) {
  const adminUrl = project.getProvidedContext().adminDatabaseUrl;
  const database = `finum_sandbox_test_${Date.now().toString(36)}`;
  await ensureDatabase(adminUrl, database);
  const databaseUrl = withDatabase(adminUrl, database);

  const newConsumer = (consumerId: string): SandboxTestConsumer => {
    const { privateKey, publicKey } = generateKeyPairSync("rsa", {
      modulusLength: 2048,
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
      publicKeyEncoding: { type: "spki", format: "pem" },
    });
    return { consumerId, privateKeyPem: privateKey, publicKeyPem: publicKey, webhookSecret: generateWebhookSecret() };
  };
  const consumer = newConsumer("vitest-consumer");
  const dialects = Object.fromEntries(
    DIALECT_NAMES.map((dialect) => [dialect, { ...newConsumer(`vitest-dialect-${dialect}`), dialect }]),
  ) as Record<DialectName, SandboxDialectConsumer>;
  tempDir = await fs.mkdtemp(path.join(os.tmpdir(), "finum-sandbox-test-"));
  const consumersFile = path.join(tempDir, "consumers.json");
  const entries = [
    { consumerId: consumer.consumerId, publicKeyPem: consumer.publicKeyPem, webhookSecret: consumer.webhookSecret },
    ...Object.values(dialects).map((entry) => ({ consumerId: entry.consumerId, publicKeyPem: entry.publicKeyPem, webhookSecret: entry.webhookSecret, dialect: entry.dialect })),
  ];
  await fs.writeFile(consumersFile, JSON.stringify(entries), { mode: 0o600 });

  const audience = "finum-sandbox-test";
  sandbox = await startSandboxProcess({
    databaseUrl,
    env: { ...TEST_SANDBOX_ENV, SANDBOX_CONSUMERS_FILE: consumersFile, SANDBOX_AUDIENCE: audience },
  });
  project.provide("sandboxUrl", sandbox.url);
  project.provide("sandboxAdminToken", sandbox.adminToken);
  project.provide("sandboxAudience", audience);
  project.provide("sandboxDatabaseUrl", databaseUrl);
  project.provide("sandboxConsumer", consumer);
  project.provide("sandboxDialects", dialects);

  return async () => {
    await sandbox?.stop();
    if (tempDir) await fs.rm(tempDir, { recursive: true, force: true });
  };
}
