/**
 * `npm run sandbox`: the FiNUM provider sandbox as its own process. With SANDBOX_DATABASE_URL it
 * uses that database; without, it starts an embedded PostgreSQL under .data/sandbox-pg and
 * creates the database finum_sandbox there.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { startEmbeddedPostgres, type RunningPostgres } from "../scripts/lib/postgres";
import { startSandbox, type RunningSandbox } from "./app";
import { readSandboxEnv } from "./env";

/** The line startSandboxProcess waits for; one JSON object after the marker. */
export const READY_MARKER = "SANDBOX_READY ";

async function main() {
  const env = readSandboxEnv();
  const log = env.SANDBOX_LOG === "quiet" ? () => {} : (line: string) => console.log(`[sandbox] ${line}`);

  let adminToken = env.SANDBOX_ADMIN_TOKEN;
  if (!adminToken) {
    if (env.NODE_ENV === "production") throw new Error("Set SANDBOX_ADMIN_TOKEN (at least 16 characters) in production");
    adminToken = randomBytes(24).toString("base64url");
    console.log(`[sandbox] SANDBOX_ADMIN_TOKEN was not set; generated admin token for this run: ${adminToken}`);
  }

  let postgres: RunningPostgres | undefined;
  let databaseUrl = env.SANDBOX_DATABASE_URL;
  if (!databaseUrl) {
    const dataDir = path.resolve(env.SANDBOX_PG_DATA_DIR);
    postgres = await startEmbeddedPostgres({ dataDir, port: env.SANDBOX_PG_PORT, log });
    await postgres.ensureDatabase("finum_sandbox");
    databaseUrl = postgres.url("finum_sandbox");
    log(`Embedded PostgreSQL on 127.0.0.1:${env.SANDBOX_PG_PORT} (data in ${dataDir}).`);
  }

  let sandbox: RunningSandbox;
  try {
    sandbox = await startSandbox({
      databaseUrl,
      host: env.SANDBOX_HOST,
      port: env.SANDBOX_PORT,
      consumersFile: env.SANDBOX_CONSUMERS_FILE,
      devConsumerFile: env.NODE_ENV !== "production" && env.SANDBOX_DEV_CONSUMER_FILE.trim() !== "" ? path.resolve(env.SANDBOX_DEV_CONSUMER_FILE) : undefined,
      seed: { contracts: env.SANDBOX_SEED_CONTRACTS, consumerId: env.SANDBOX_SEED_CONSUMER },
      log,
      config: {
        audience: env.SANDBOX_AUDIENCE,
        adminToken,
        proposalDelayMs: env.SANDBOX_PROPOSAL_DELAY_MS,
        reviewDelayMs: env.SANDBOX_REVIEW_DELAY_MS,
        callbackTimeoutMs: env.SANDBOX_CALLBACK_TIMEOUT_MS,
        callbackMaxAttempts: env.SANDBOX_CALLBACK_MAX_ATTEMPTS,
        callbackRetryBaseMs: env.SANDBOX_CALLBACK_RETRY_BASE_MS,
        callbackRetryMaxMs: env.SANDBOX_CALLBACK_RETRY_MAX_MS,
        workerIntervalMs: env.SANDBOX_WORKER_INTERVAL_MS,
        defaultFaults: env.SANDBOX_FAULTS,
        defaultDialect: env.SANDBOX_DIALECT,
      },
    });
  } catch (error) {
    await postgres?.stop().catch(() => {});
    throw error;
  }

  console.log(`[sandbox] FiNUM sandbox listening on ${sandbox.url} (audience "${env.SANDBOX_AUDIENCE}"); docs at ${sandbox.url}/v1/docs`);
  console.log(READY_MARKER + JSON.stringify({ url: sandbox.url, pid: process.pid }));

  let stopping: Promise<void> | undefined;
  const shutdown = (reason: string) => {
    stopping ??= (async () => {
      log(`Stopping (${reason}) ...`);
      await sandbox.stop().catch((error) => console.error(`[sandbox] stop: ${(error as Error).message}`));
      await postgres?.stop().catch((error) => console.error(`[sandbox] postgres stop: ${(error as Error).message}`));
      process.exit(0);
    })();
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  if (env.SANDBOX_EXIT_WITH_PARENT === "1") {
    process.stdin.on("end", () => shutdown("parent gone"));
    process.stdin.on("close", () => shutdown("parent gone"));
    process.stdin.resume();
  }
}

main().catch((error) => {
  console.error(`[sandbox] ${(error as Error).message}`);
  process.exit(1);
});
