/**
 * `npm start`: the built portal (`npm run build` first). Applies pending migrations, then runs
 * `next start`. With no DATABASE_URL it uses the embedded PostgreSQL under .data/, as dev does.
 * In production set DATABASE_URL, NEXTAUTH_SECRET and ENCRYPTION_KEY (see .env.example).
 */
import fs from "node:fs";
import path from "node:path";
import { ROOT, startStack, StackError } from "./lib/stack";
import { PostgresStartError } from "./lib/postgres";

if (fs.existsSync(path.join(ROOT, ".env"))) process.loadEnvFile(path.join(ROOT, ".env"));
if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
  console.error("There is no production build yet: run `npm run build` first.");
  process.exit(1);
}

const missing = ["NEXTAUTH_SECRET", "ENCRYPTION_KEY"].filter((name) => !process.env[name]);
if (missing.length) {
  console.error(`npm start runs the portal in production mode and needs ${missing.join(" and ")} (see .env.example). To try it on this machine, use npm run dev.`);
  process.exit(1);
}

try {
  const stack = await startStack({
    mode: "start",
    dataDir: path.join(ROOT, ".data"),
    appPort: Number(process.env.PORT || 3000),
    sandboxPort: 0,
    pgPort: Number(process.env.EMBEDDED_PG_PORT || 54320),
    databaseUrl: process.env.DATABASE_URL || undefined,
    seed: false,
    sandbox: false,
    log: console.log,
    showOutput: true,
  });
  console.log(`Proposal Desk is running at ${stack.appUrl}`);
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
