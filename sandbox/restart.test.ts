/**
 * Delayed proposal steps and pending callbacks live in the database: a sandbox stopped before a
 * step is due finishes it after it is started again on the same database.
 */
import { afterAll, expect, inject, it } from "vitest";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ensureDatabase, withDatabase } from "../scripts/lib/postgres";
import { TEST_SANDBOX_ENV } from "../tests/setup/sandbox";
import { verifyWebhook } from "../lib/finum";
import { createCheckContext } from "../lib/finum/conformance/runner";
import { ConsumerClient } from "../lib/finum/conformance/client";
import { completeData, createContract, createPerson, flowProduct, getContract, waitForContract } from "../lib/finum/conformance/context";
import { startSandboxProcess, type SandboxProcess } from "./process";

let running: SandboxProcess | undefined;
afterAll(async () => running?.stop());

it("resumes a due proposal and its callback after a restart", async () => {
  const consumer = inject("sandboxConsumer");
  const database = `finum_sandbox_restart_${Date.now().toString(36)}`;
  await ensureDatabase(inject("adminDatabaseUrl"), database);
  const databaseUrl = withDatabase(inject("adminDatabaseUrl"), database);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "finum-restart-"));
  const consumersFile = path.join(dir, "consumers.json");
  await fs.writeFile(consumersFile, JSON.stringify([{ consumerId: consumer.consumerId, publicKeyPem: consumer.publicKeyPem, webhookSecret: consumer.webhookSecret }]));
  const env = { ...TEST_SANDBOX_ENV, SANDBOX_CONSUMERS_FILE: consumersFile, SANDBOX_PROPOSAL_DELAY_MS: "1500", SANDBOX_AUDIENCE: "restart-test" };

  running = await startSandboxProcess({ databaseUrl, env });
  const first = await createCheckContext({ baseUrl: running.url, consumerId: consumer.consumerId, privateKeyPem: consumer.privateKeyPem, audience: "restart-test", stepTimeoutMs: 15_000 });
  const product = await flowProduct(first.ctx);
  const holder = await createPerson(first.ctx);
  const callback = first.ctx.listener.url();
  const contract = await createContract(first.ctx, { holderId: holder.id, productId: product.id, data: completeData(product), callback });
  expect(contract.status).toBe(120);
  await running.stop();
  await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();

  running = await startSandboxProcess({ databaseUrl, env });
  const second = { ...first.ctx, client: new ConsumerClient({ ...first.ctx.config, baseUrl: running.url }) };
  const proposed = await waitForContract(second, contract.id, (c) => c.status === 130, "130 after the restart");
  expect(proposed.proposalVersion).toBe(1);
  const [received] = await first.ctx.listener.waitFor(callback, (list) => list.length > 0, 15_000, "the callback after the restart");
  expect(verifyWebhook({ headers: received!.headers, body: received!.body, secret: consumer.webhookSecret }).ok).toBe(true);
  expect((await getContract(second, contract.id)).id).toBe(contract.id);
  await first.close();
  await fs.rm(dir, { recursive: true, force: true });
});
