/**
 * `npm test`: every test. Lint and types, then Vitest (unit and integration tests on a real
 * embedded PostgreSQL and the real sandbox), then a production build and the Playwright
 * journeys in Debian's Chromium. Stops at the first failing step; ends with one summary line.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.join(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const reports = fs.mkdtempSync(path.join(os.tmpdir(), "pd-test-reports-"));
const only = process.argv.slice(2); // e.g. `npm test -- unit` or `npm test -- e2e`

interface Step {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
}

const allSteps: Step[] = [
  { name: "lint", command: bin("eslint"), args: [".", "--max-warnings=0"] },
  { name: "types", command: bin("tsc"), args: ["--noEmit"] },
  { name: "unit", command: bin("vitest"), args: ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${path.join(reports, "vitest.json")}`] },
  { name: "build", command: bin("next"), args: ["build"], env: { NODE_ENV: "production" } },
  { name: "e2e", command: bin("playwright"), args: ["test"], env: { PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(reports, "playwright.json") } },
];
const steps = allSteps.filter((step) => only.length === 0 || only.includes(step.name) || (only.includes("e2e") && step.name === "build"));

function run(step: Step): Promise<number> {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n▶ ${step.name}: ${path.basename(step.command)} ${step.args.join(" ")}`);
    const args = step.name === "e2e" ? [...step.args, "--reporter=list,json"] : step.args;
    const child = spawn(step.command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...step.env } });
    child.on("close", (code) => {
      console.log(`${code === 0 ? "✔" : "✘"} ${step.name} (${Math.round((Date.now() - started) / 1000)} s)`);
      resolve(code ?? 1);
    });
  });
}

function counts(): { passed: number; failed: number; skipped: number } {
  const total = { passed: 0, failed: 0, skipped: 0 };
  try {
    const vitest = JSON.parse(fs.readFileSync(path.join(reports, "vitest.json"), "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number };
    total.passed += vitest.numPassedTests;
    total.failed += vitest.numFailedTests;
    total.skipped += vitest.numPendingTests + vitest.numTodoTests;
  } catch {
    /* step did not run */
  }
  try {
    const pw = JSON.parse(fs.readFileSync(path.join(reports, "playwright.json"), "utf8")) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
    total.passed += pw.stats.expected + pw.stats.flaky;
    total.failed += pw.stats.unexpected;
    total.skipped += pw.stats.skipped;
  } catch {
    /* step did not run */
  }
  return total;
}

let exitCode = 0;
for (const step of steps) {
  exitCode = await run(step);
  if (exitCode !== 0) {
    console.error(`\nStopped: the ${step.name} step failed.`);
    break;
  }
}
const { passed, failed, skipped } = counts();
// Belt and braces: a runner that reported failures fails the run, whatever its exit code said.
if (exitCode === 0 && failed > 0) exitCode = 1;
console.log(`\n${passed} passed, ${exitCode !== 0 && failed === 0 ? 1 : failed} failed, ${skipped} skipped`);
fs.rmSync(reports, { recursive: true, force: true });
process.exit(exitCode);
