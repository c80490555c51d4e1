/**
 * `npm run dev`: the whole portal on this machine with demo data. Embedded PostgreSQL under
 * .data/ (unless DATABASE_URL is set), the provider sandbox, and `next dev`. Ctrl-C stops it all.
 */
import fs from "node:fs";
import path from "node:path";
import { ROOT, startStack, StackError } from "./lib/stack";
import { PostgresStartError } from "./lib/postgres";
import { DEMO_PASSWORD, DEMO_USERS } from "../prisma/demo";
import { loadDevSecrets } from "../lib/dev-secrets";

if (fs.existsSync(path.join(ROOT, ".env"))) process.loadEnvFile(path.join(ROOT, ".env"));

const number = (name: string, fallback: number) => {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65_535) {
    console.error(`${name} must be a port number (1-65535), got "${raw}".`);
    process.exit(2);
  }
  return value;
};

const dataDir = path.join(ROOT, ".data");
const log = (line: string) => console.log(`\x1b[2m[proposal-desk]\x1b[0m ${line}`);

loadDevSecrets(); // generated on first start, kept in .data/secrets.json

let stopping = false;
try {
  const stack = await startStack({
    mode: "dev",
    dataDir,
    appPort: number("PORT", 3000),
    sandboxPort: number("SANDBOX_PORT", 4010),
    pgPort: number("EMBEDDED_PG_PORT", 54320),
    databaseUrl: process.env.DATABASE_URL || undefined,
    seed: true,
    sandbox: true,
    log,
    showOutput: true,
  });

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping the portal, the sandbox and PostgreSQL ...`);
    await stack.stop();
    log("Stopped.");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("Ctrl-C"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  console.log(`
  \x1b[1mProposal Desk is running.\x1b[0m

    Sign in:   ${stack.appUrl}/login
               advisor  ${DEMO_USERS.advisor.email}  /  ${DEMO_PASSWORD}
               admin    ${DEMO_USERS.admin.email}  /  ${DEMO_PASSWORD}
               office   ${DEMO_USERS.office.email}  /  ${DEMO_PASSWORD}
    Sandbox:   ${stack.sandboxUrl}/v1/docs  (the FiNUM provider the portal talks to)

    Ctrl-C stops everything.
`);
} catch (error) {
  if (error instanceof StackError || error instanceof PostgresStartError) {
    console.error(`\n\x1b[31mCannot start Proposal Desk:\x1b[0m ${error.message}\n`);
  } else {
    console.error(error);
  }
  process.exit(1);
}
