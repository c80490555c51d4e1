/**
 * `npm run worker` as a child process, for tests and benchmarks that kill it: node itself with tsx
 * as its loader (no npm or tsx wrapper in between), so a SIGKILL hits the worker and nothing else.
 * Resolves once the worker says it is running; rejects with its last output if it stops first.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export async function startWorkerProcess(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (text: string) => (output = (output + text).slice(-8000));
  child.stderr!.on("data", (chunk: Buffer) => keep(chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on("line", (line) => {
      keep(`${line}\n`);
      if (line.includes("workers are running")) resolve();
    });
    child.once("exit", (code, signal) => reject(new Error(`The worker stopped during start-up (${signal ?? `exit ${code}`}):\n${output}`)));
  });
  return child;
}

/** Kills a worker at once (SIGKILL: no chance to hand its jobs back) and waits until it is gone. */
export async function killWorkerProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => child.once("exit", resolve).kill("SIGKILL"));
}
