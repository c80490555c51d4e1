/**
 * Vitest global setup: one embedded PostgreSQL for the whole run, in a fresh temporary data
 * directory (or the server in TEST_DATABASE_URL), with the portal's migrations applied to a
 * fresh database. Tests read the URLs with `inject("databaseUrl")` / `inject("adminDatabaseUrl")`.
 */
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { findFreePort, startEmbeddedPostgres, ensureDatabase, withDatabase, type RunningPostgres } from "../../scripts/lib/postgres";
import { migrateDeploy } from "../../scripts/lib/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    /** The portal's database for this run, migrated. */
    databaseUrl: string;
    /** A URL to the `postgres` database of the same server, for creating more databases. */
    adminDatabaseUrl: string;
  }
}

let server: RunningPostgres | undefined;

export default async function setup(project: TestProject) {
  const external = project.config.env?.TEST_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  let adminUrl: string;
  if (external) {
    adminUrl = withDatabase(external, "postgres");
  } else {
    const dataDir = path.join(os.tmpdir(), `proposal-desk-test-pg-${process.pid}-${Date.now()}`);
    server = await startEmbeddedPostgres({ dataDir, port: await findFreePort(), ephemeral: true, log: () => {} });
    adminUrl = server.url("postgres");
  }
  const database = `pd_test_${Date.now().toString(36)}`;
  await ensureDatabase(adminUrl, database);
  const databaseUrl = withDatabase(adminUrl, database);
  await migrateDeploy(databaseUrl);
  project.provide("databaseUrl", databaseUrl);
  project.provide("adminDatabaseUrl", adminUrl);
  return async () => {
    await server?.stop();
  };
}
