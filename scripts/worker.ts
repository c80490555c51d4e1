/**
 * `npm run worker`: job workers only (callback processing, pending poll, sync, retention), for a
 * dedicated process beside web instances started with JOBS_ENABLED=false. SIGTERM or Ctrl-C
 * lets the jobs in flight finish (pg-boss hands unfinished ones to another worker after expiry).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

if (fs.existsSync(path.join(import.meta.dirname, "..", ".env"))) process.loadEnvFile(path.join(import.meta.dirname, "..", ".env"));

const { envOrExit } = await import("../lib/env");
const config = envOrExit();
// Background work yields the CPU to web instances on the same host (WORKER_NICENESS; Linux: the
// main thread, where the jobs run). Not allowed (a container without the right): stays as it is.
try {
  os.setPriority(config.WORKER_NICENESS);
} catch {
  // keeps the current priority
}
// Traces (when an OTLP endpoint is set) start before anything that queries or calls a provider.
const { startTelemetry, stopTelemetry } = await import("../lib/ops/telemetry");
await startTelemetry(config, "worker");
const { logger } = await import("../lib/log/logger");
const { startWorkers } = await import("../lib/jobs/start-workers");
const { stopBoss } = await import("../lib/jobs/boss");
const { checkDatabase, DatabaseUnavailableError, explainDatabaseError } = await import("../lib/ops/database-check");

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger().info({ signal }, "Stopping the job workers");
  await stopBoss().catch((error: unknown) => logger().error({ err: error }, "The job workers did not stop cleanly"));
  await stopTelemetry();
  process.exit(0);
};
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));

try {
  await checkDatabase(config.DATABASE_URL);
  await startWorkers();
} catch (error) {
  // A database that cannot be used is said in one sentence (no stack); anything else is logged whole.
  const reason = error instanceof DatabaseUnavailableError ? error.message : explainDatabaseError(error, config.DATABASE_URL);
  if (reason) console.error(`Cannot start the job workers. ${reason}`);
  else logger().fatal({ err: error }, "The job workers did not start");
  process.exit(1);
}
logger().info("Proposal Desk workers are running. Ctrl-C stops them.");
