/**
 * Starts the whole portal for the browser tests: a throwaway embedded PostgreSQL (fresh
 * database), migrations, demo seed, the provider sandbox and `next start` on the build.
 * Tests read E2E_BASE_URL and DATABASE_URL (for factories) from the environment set here.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT, startStack } from "../scripts/lib/stack";
import { findFreePort } from "../scripts/lib/postgres";

export default async function globalSetup() {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("No production build: run `npm run build` first (npm test does it for you).");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pd-e2e-"));
  fs.chmodSync(dataDir, 0o755); // the embedded server may run as the `postgres` user
  const secrets = { NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"), ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64") };
  const stack = await startStack({
    mode: "start",
    dataDir,
    appPort: await findFreePort(),
    sandboxPort: await findFreePort(),
    pgPort: await findFreePort(),
    seed: true,
    sandbox: true,
    ephemeralDatabase: true,
    // The pending poll is as good as off: statuses reach the open pages through the sandbox's
    // callbacks and live events, so the journeys prove that path end to end.
    appEnv: { ...secrets, NODE_ENV: "production", PENDING_POLL_INTERVAL_SECONDS: "3600" },
    sandboxEnv: { SANDBOX_PROPOSAL_DELAY_MS: "500" },
    log: (line) => process.env.E2E_VERBOSE && console.log(line),
    showOutput: Boolean(process.env.E2E_VERBOSE),
  });
  Object.assign(process.env, secrets, {
    E2E_BASE_URL: stack.appUrl,
    E2E_SANDBOX_URL: stack.sandboxUrl ?? "",
    E2E_SANDBOX_ADMIN_TOKEN: stack.sandboxAdminToken ?? "",
    DATABASE_URL: stack.databaseUrl,
  });
  return async () => {
    await stack.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
