import path from "node:path";
import { defineConfig } from "vitest/config";

// Unit tests and integration tests (real PostgreSQL, real sandbox over HTTP) run here;
// browser journeys run with Playwright (playwright.config.ts).
export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "sandbox/**/*.test.ts", "tests/**/*.test.ts"],
    // Starts one embedded PostgreSQL for the run (a fresh data directory), then the provider sandbox.
    globalSetup: ["tests/setup/postgres.ts", "tests/setup/sandbox.ts"],
    setupFiles: ["tests/setup/env.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    fileParallelism: true,
    maxWorkers: 2,
  },
});
