/**
 * Starts the sandbox as a child process (`tsx sandbox/main.ts`) for the portal's dev script,
 * the Playwright harness and tests: waits for its ready line and /healthz, stops it cleanly.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";

const READY_MARKER = "SANDBOX_READY ";
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface SandboxProcess {
  url: string;
  adminToken: string;
  pid: number;
  stop(): Promise<void>;
}

export interface StartSandboxProcessOptions {
  databaseUrl: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** More SANDBOX_* variables (SANDBOX_PROPOSAL_DELAY_MS, SANDBOX_CONSUMERS_FILE, ...). */
  env?: Record<string, string>;
  /** Where the child's output goes; default: dropped, except that the tail is kept for errors. */
  onOutput?: (line: string) => void;
  startTimeoutMs?: number;
}

export async function startSandboxProcess(options: StartSandboxProcessOptions): Promise<SandboxProcess> {
  const adminToken = options.env?.SANDBOX_ADMIN_TOKEN ?? randomBytes(24).toString("base64url");
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "sandbox/main.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      // No development consumer file unless asked for: callers register their own consumers.
      SANDBOX_DEV_CONSUMER_FILE: "",
      ...options.env,
      SANDBOX_DATABASE_URL: options.databaseUrl,
      SANDBOX_PORT: String(options.port ?? 0),
      SANDBOX_HOST: "127.0.0.1",
      SANDBOX_ADMIN_TOKEN: adminToken,
      SANDBOX_EXIT_WITH_PARENT: "1",
    },
    stdio: ["pipe", "pipe", "pipe"],
  });

  const tail: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The sandbox did not start within ${options.startTimeoutMs ?? 60_000} ms:\n${tail.join("\n")}`)), options.startTimeoutMs ?? 60_000);
    const onLine = (line: string) => {
      tail.push(line);
      if (tail.length > 40) tail.shift();
      options.onOutput?.(line);
      if (line.startsWith(READY_MARKER)) {
        clearTimeout(timer);
        resolve((JSON.parse(line.slice(READY_MARKER.length)) as { url: string }).url);
      }
    };
    for (const stream of [child.stdout, child.stderr]) {
      let buffer = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => {
        buffer += chunk;
        let newline: number;
        while ((newline = buffer.indexOf("\n")) >= 0) {
          onLine(buffer.slice(0, newline));
          buffer = buffer.slice(newline + 1);
        }
      });
    }
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`The sandbox exited (code ${code}) before it was ready:\n${tail.join("\n")}`));
    });
  }).catch(async (error) => {
    child.kill("SIGKILL");
    throw error;
  });

  const health = await fetch(`${url}/healthz`);
  if (!health.ok) {
    child.kill("SIGKILL");
    throw new Error(`The sandbox at ${url} is not healthy (HTTP ${health.status})`);
  }

  let stopping: Promise<void> | undefined;
  return {
    url,
    adminToken,
    pid: child.pid!,
    stop() {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill("SIGTERM");
        const timeout = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timeout);
      })();
      return stopping;
    },
  };
}
