/**
 * Brings up the whole portal: PostgreSQL (embedded unless DATABASE_URL is given), migrations,
 * demo data, the provider sandbox and the Next.js server. Used by `npm run dev` and by the
 * end-to-end harness, so both run exactly the same parts.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import crypto from "node:crypto";
import os from "node:os";
import { ensureDatabase, findFreePort, startEmbeddedPostgres, withDatabase, type RunningPostgres } from "./postgres";
import { migrateDeploy } from "./migrate";
import { loadOrCreateConsumerIdentity, writeSandboxConsumersFile } from "./dev-consumer";

export const ROOT = path.join(import.meta.dirname, "..", "..");
const BIN = path.join(ROOT, "node_modules", ".bin");

export interface StackOptions {
  mode: "dev" | "start";
  dataDir: string;
  appPort: number;
  sandboxPort: number;
  pgPort: number;
  /** An external PostgreSQL; nothing is embedded when set. */
  databaseUrl?: string;
  database?: string;
  seed: boolean;
  sandbox: boolean;
  /** Extra environment for the app (and the seed). */
  appEnv?: Record<string, string>;
  sandboxEnv?: Record<string, string>;
  log: (line: string) => void;
  /** Show the app's and the sandbox's own output. */
  showOutput: boolean;
  ephemeralDatabase?: boolean;
}

export interface RunningStack {
  appUrl: string;
  sandboxUrl?: string;
  sandboxAdminToken?: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

export class StackError extends Error {}

export function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv, showOutput: boolean): ChildProcess {
  return spawn(command, args, { cwd: ROOT, env, stdio: showOutput ? ["ignore", "inherit", "inherit"] : ["ignore", "pipe", "pipe"] });
}

function waitForExit(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once("exit", (code) => resolve(code));
  });
}

async function stopChild(child: ChildProcess | undefined, graceMs = 5_000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await waitForExit(child);
  clearTimeout(timer);
}

/** Waits until `url` answers (any HTTP status), or the child dies, or time runs out. */
export async function waitForHttp(url: string, child: ChildProcess | undefined, timeoutMs: number, what: string, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) throw new StackError(`${what} stopped during start-up (exit ${child.exitCode ?? child.signalCode}).\n${output()}`);
    try {
      await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(30_000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
  throw new StackError(`${what} did not answer at ${url} within ${Math.round(timeoutMs / 1000)} s.\n${output()}`);
}

export async function startStack(options: StackOptions): Promise<RunningStack> {
  const { log } = options;
  const stoppers: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const stopOne of stoppers.reverse()) await stopOne().catch((error) => log(`While stopping: ${(error as Error).message}`));
    stoppers.length = 0;
  };

  try {
    for (const [port, what, variable] of [
      [options.appPort, "the portal", "PORT"],
      ...(options.sandbox ? [[options.sandboxPort, "the provider sandbox", "SANDBOX_PORT"] as const] : []),
    ] as const) {
      if (!(await portFree(port))) throw new StackError(`Port ${port} is already in use, so ${what} cannot start there. Stop whatever uses it, or set ${variable} to another port.`);
    }

    // 1. PostgreSQL
    let adminUrl: string;
    let pgServer: RunningPostgres | undefined;
    if (options.databaseUrl) {
      adminUrl = withDatabase(options.databaseUrl, "postgres");
      log(`Using the PostgreSQL at DATABASE_URL (nothing embedded).`);
      // Unreachable, wrong password, no such database: one plain sentence, before any migration runs.
      const { checkDatabase, DatabaseUnavailableError } = await import("../../lib/ops/database-check");
      await checkDatabase(options.databaseUrl).catch((error: unknown) => {
        throw error instanceof DatabaseUnavailableError ? new StackError(error.message) : error;
      });
    } else {
      pgServer = await startEmbeddedPostgres({ dataDir: path.join(options.dataDir, "pg"), port: options.pgPort, log, ephemeral: options.ephemeralDatabase });
      stoppers.push(() => pgServer!.stop());
      adminUrl = pgServer.url("postgres");
      log(`Embedded PostgreSQL is running on 127.0.0.1:${options.pgPort} (data in ${path.relative(ROOT, path.join(options.dataDir, "pg")) || "."}).`);
    }
    const database = options.database ?? (options.databaseUrl ? new URL(options.databaseUrl).pathname.slice(1) : "proposal_desk");
    const databaseUrl = options.databaseUrl ?? withDatabase(adminUrl, database);
    if (!options.databaseUrl) await ensureDatabase(adminUrl, database);

    // 2. Migrations
    log("Applying database migrations ...");
    await migrateDeploy(databaseUrl);

    const appUrl = `http://localhost:${options.appPort}`;
    const appEnv: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      APP_URL: appUrl,
      NEXTAUTH_URL: appUrl,
      PORT: String(options.appPort),
      ...options.appEnv,
    };

    // 3. Provider sandbox, with the development consumer registered
    let sandboxUrl: string | undefined;
    let sandboxAdminToken: string | undefined;
    const identityFile = path.join(options.dataDir, "dev-consumer.json");
    if (options.sandbox) {
      const identity = loadOrCreateConsumerIdentity(options.dataDir);
      const consumersFile = writeSandboxConsumersFile(options.dataDir, identity);
      const sandboxDb = "finum_sandbox";
      await ensureDatabase(adminUrl, sandboxDb);
      const { startSandboxProcess } = await import("../../sandbox/process");
      const sandbox = await startSandboxProcess({
        databaseUrl: withDatabase(adminUrl, sandboxDb),
        port: options.sandboxPort,
        env: { SANDBOX_CONSUMERS_FILE: consumersFile, ...options.sandboxEnv },
        onOutput: options.showOutput ? (line) => console.log(`\x1b[36m[sandbox]\x1b[0m ${line}`) : undefined,
      });
      stoppers.push(() => sandbox.stop());
      sandboxUrl = sandbox.url;
      sandboxAdminToken = sandbox.adminToken;
      log(`Provider sandbox is running at ${sandboxUrl} (API reference: ${sandboxUrl}/v1/docs).`);
    }

    // 4. Demo data (an empty database only)
    if (options.seed) {
      const seedArgs = ["scripts/db-seed.ts", ...(sandboxUrl ? ["--sandbox-url", sandboxUrl, "--consumer-file", identityFile] : [])];
      const seed = run(path.join(BIN, "tsx"), seedArgs, appEnv, false);
      let out = "";
      seed.stdout?.on("data", (chunk) => (out += chunk));
      seed.stderr?.on("data", (chunk) => (out += chunk));
      if ((await waitForExit(seed)) !== 0) throw new StackError(`Seeding the demo data failed:\n${out}`);
      if (out.trim()) log(out.trim());
    }

    // 5. The portal
    const app = run(path.join(BIN, "next"), [options.mode, "--port", String(options.appPort), "--hostname", "127.0.0.1"], appEnv, options.showOutput);
    let appOutput = "";
    app.stdout?.on("data", (chunk) => (appOutput = (appOutput + chunk).slice(-20_000)));
    app.stderr?.on("data", (chunk) => (appOutput = (appOutput + chunk).slice(-20_000)));
    stoppers.push(() => stopChild(app));
    await waitForHttp(`${appUrl}/login`, app, 180_000, "The portal", () => appOutput);

    return { appUrl, sandboxUrl, sandboxAdminToken, databaseUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The built portal (`next start`) on a throwaway database, with the sandbox and the demo seed,
 * on free ports: what the browser tests and the benchmarks run against.
 */
export async function startThrowawayStack(options: Pick<StackOptions, "sandboxEnv" | "log" | "showOutput"> & { appEnv?: Record<string, string> }) {
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new StackError("No production build: run `npm run build` first.");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pd-stack-"));
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
    ...options,
    appEnv: { ...secrets, NODE_ENV: "production", ...options.appEnv },
  });
  return {
    ...stack,
    secrets,
    dataDir,
    async stop() {
      await stack.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
