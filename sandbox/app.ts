/**
 * Starts the sandbox on a database it is given: schema, catalogue, consumers, optional seed,
 * the HTTP server and the background worker (which resumes steps and callbacks left by a
 * previous run). main.ts wraps this with env handling and the embedded PostgreSQL.
 */
import type { AddressInfo } from "node:net";
import type { SandboxConfig, SandboxContext } from "./context";
import { createPool } from "./db/pool";
import { ensureSchema } from "./db/schema";
import { syncProducts } from "./catalogue/sync-products";
import { getConsumer, listConsumers, registerConsumersFile, upsertConsumer } from "./consumers/registry";
import { ensureDevConsumer } from "./dev-consumer";
import { dialectOf } from "./dialects/table";
import { seedContracts } from "./seed";
import { createSandboxServer } from "./server";
import { ensureConsumerUsers } from "./store/users";
import { Worker } from "./worker";

export interface StartSandboxOptions {
  databaseUrl: string;
  host: string;
  port: number;
  config: SandboxConfig;
  consumersFile?: string;
  /** Path of the development consumer's credentials (created on first start); undefined: none. */
  devConsumerFile?: string;
  seed?: { contracts: number; consumerId?: string };
  log: (line: string) => void;
}

export interface RunningSandbox {
  url: string;
  stop(): Promise<void>;
}

export async function startSandbox(options: StartSandboxOptions): Promise<RunningSandbox> {
  const db = createPool(options.databaseUrl);
  try {
    await ensureSchema(db);
    await syncProducts(db);
    if (options.consumersFile) {
      const ids = await registerConsumersFile(db, options.consumersFile);
      options.log(`Registered ${ids.length} consumer(s) from ${options.consumersFile}: ${ids.join(", ")}`);
    }
    if (options.devConsumerFile) {
      const dev = await ensureDevConsumer(options.devConsumerFile);
      await upsertConsumer(db, { consumerId: dev.consumerId, publicKeyPem: dev.publicKeyPem, webhookSecret: dev.webhookSecret }, "dev");
      options.log(`Development consumer "${dev.consumerId}" (credentials in ${options.devConsumerFile}).`);
    }
    for (const consumer of await listConsumers(db)) await ensureConsumerUsers(db, consumer.consumerId, dialectOf(consumer.dialect, options.config.defaultDialect).ids.user);
    if (options.seed && options.seed.contracts > 0) {
      const consumerId = options.seed.consumerId ?? (await listConsumers(db))[0]?.consumerId;
      const consumer = consumerId ? await getConsumer(db, consumerId) : null;
      if (!consumer) throw new Error("SANDBOX_SEED_CONTRACTS needs a registered consumer (SANDBOX_SEED_CONSUMER)");
      const result = await seedContracts(db, consumer.consumerId, options.seed.contracts, { ids: dialectOf(consumer.dialect, options.config.defaultDialect).ids });
      options.log(`Seeded ${result.contracts} contracts over ${result.clients} clients for ${consumer.consumerId} in ${result.ms} ms.`);
    }
  } catch (error) {
    await db.end().catch(() => {});
    throw error;
  }

  let url = "";
  // The context and the worker refer to each other: the worker is reached through this holder.
  const holder: { worker?: Worker } = {};
  const ctx: SandboxContext = { db, config: options.config, wake: (at) => holder.worker?.wake(at), log: options.log };
  const worker = (holder.worker = new Worker(ctx));
  const server = createSandboxServer(ctx, () => url);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  url = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  worker.start();

  return {
    url,
    async stop() {
      await worker.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await db.end();
    },
  };
}
