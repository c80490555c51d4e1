/** Runs the Prisma CLI (on its Wasm engines, see prisma.config.ts) against a given database. */
import { spawn } from "node:child_process";
import path from "node:path";

const PRISMA_BIN = path.join(import.meta.dirname, "..", "..", "node_modules", ".bin", "prisma");

export function runPrisma(args: string[], databaseUrl: string, { quiet = false } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(PRISMA_BIN, args, {
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) {
        if (!quiet) process.stdout.write(output);
        resolve(output);
      } else {
        reject(new Error(`prisma ${args.join(" ")} failed (exit ${code}):\n${output}`));
      }
    });
  });
}

export async function migrateDeploy(databaseUrl: string): Promise<void> {
  await runPrisma(["migrate", "deploy"], databaseUrl, { quiet: true });
}
