/**
 * For load balancers and orchestrators. Health: the process answers. Readiness: PostgreSQL
 * answers, every migration shipped with this build is applied, and the job queue (and, when this
 * process runs them, the workers) is up. Each check has a short timeout and a plain reason.
 */
import fs from "node:fs";
import path from "node:path";
import { env } from "../env";
import { pgPool } from "../pg-pool";
import { boss } from "../jobs/boss";
import { workersRunning } from "../jobs/start-workers";

export interface Check {
  ok: boolean;
  detail?: string;
}

export interface Readiness {
  ready: boolean;
  checks: { database: Check; migrations: Check; jobs: Check };
}

const TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref())]);
}

function shippedMigrations(): string[] {
  const dir = path.join(process.cwd(), "prisma", "migrations");
  return fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name) : [];
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error)).replace(/postgres(ql)?:\/\/\S+/g, "[database url]");

export async function readiness(): Promise<Readiness> {
  const database: Check = await withTimeout(pgPool().query("SELECT 1"), "PostgreSQL")
    .then(() => ({ ok: true }))
    .catch((error: unknown) => ({ ok: false, detail: reason(error) }));

  let migrations: Check = { ok: false, detail: "not checked: the database is not reachable" };
  if (database.ok) {
    migrations = await withTimeout(pgPool().query<{ name: string }>(`SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`), "PostgreSQL")
      .then(({ rows }) => {
        const applied = new Set(rows.map((row) => row.name));
        const missing = shippedMigrations().filter((name) => !applied.has(name));
        return missing.length ? { ok: false, detail: `not applied: ${missing.join(", ")} (run npm run db:deploy)` } : { ok: true };
      })
      .catch((error: unknown) => ({ ok: false, detail: reason(error) }));
  }

  let jobs: Check = { ok: false, detail: "not checked: the database is not reachable" };
  if (database.ok) {
    jobs = await withTimeout(
      boss().then((instance) => instance.getDb().executeSql("SELECT 1", [])),
      "The job queue",
    )
      .then((): Check => {
        if (env().JOBS_ENABLED && !workersRunning()) return { ok: false, detail: "the job workers of this process are not running" };
        return { ok: true, detail: env().JOBS_ENABLED ? "queue up, workers running in this process" : "queue up (workers run in `npm run worker`)" };
      })
      .catch((error: unknown) => ({ ok: false, detail: reason(error) }));
  }

  return { ready: database.ok && migrations.ok && jobs.ok, checks: { database, migrations, jobs } };
}
