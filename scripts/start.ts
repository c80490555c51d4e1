/**
 * `npm start`: the built portal (`npm run build` first). Checks the configuration, applies
 * pending migrations, then runs `next start`. With no DATABASE_URL it uses the embedded
 * PostgreSQL under .data/, as dev does. Production set-up: README, "Run it in production".
 */
import fs from "node:fs";
import path from "node:path";
import { ROOT, startStack, StackError } from "./lib/stack";
import { PostgresStartError } from "./lib/postgres";
import { ConfigError, parseEnv } from "../lib/env";

if (fs.existsSync(path.join(ROOT, ".env"))) process.loadEnvFile(path.join(ROOT, ".env"));
if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
  console.error("There is no production build yet: run `npm run build` first.");
  process.exit(1);
}

// Every variable is checked before anything starts: a bad one stops here with its name.
let config;
try {
  config = parseEnv({ ...process.env, NODE_ENV: "production" }, { databaseOptional: true });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`${error.message}\nnpm start runs the portal in production mode. To try it on this machine without configuration, use npm run dev.`);
  process.exit(1);
}
const embeddedPort = process.env.EMBEDDED_PG_PORT || "54320";
if (!/^\d+$/.test(embeddedPort) || Number(embeddedPort) < 1 || Number(embeddedPort) > 65_535) {
  console.error(`Invalid configuration (see .env.example):\n  EMBEDDED_PG_PORT must be a port number between 1 and 65535 (got "${embeddedPort}")`);
  process.exit(1);
}

try {
  const stack = await startStack({
    mode: "start",
    dataDir: path.join(ROOT, ".data"),
    appPort: config.PORT,
    sandboxPort: 0,
    pgPort: Number(embeddedPort),
    databaseUrl: process.env.DATABASE_URL || undefined,
    seed: false,
    sandbox: false,
    // The public URLs stay as configured (customer links and callback URLs are built from them;
    // an https NEXTAUTH_URL gives `__Secure-` cookies). The portal's own SIGTERM handler stops
    // the job workers gracefully before the process exits.
    appEnv: { APP_URL: config.APP_URL, NEXTAUTH_URL: config.NEXTAUTH_URL, NEXT_MANUAL_SIG_HANDLE: "true" },
    log: console.log,
    showOutput: true,
  });
  console.log(`Proposal Desk is running at ${config.APP_URL} (listening on 127.0.0.1:${config.PORT}).`);
  const stop = async () => {
    await stack.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
} catch (error) {
  console.error(error instanceof StackError || error instanceof PostgresStartError ? `Cannot start: ${error.message}` : error);
  process.exit(1);
}
