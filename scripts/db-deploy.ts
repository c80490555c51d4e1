/**
 * `npm run db:deploy`: apply the committed migrations. To DATABASE_URL when set; otherwise to the
 * embedded PostgreSQL under .data/ (started for the purpose and stopped again).
 */
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./lib/stack";
import { startEmbeddedPostgres, PostgresStartError } from "./lib/postgres";
import { migrateDeploy } from "./lib/migrate";

if (fs.existsSync(path.join(ROOT, ".env"))) process.loadEnvFile(path.join(ROOT, ".env"));

try {
  if (process.env.DATABASE_URL) {
    await migrateDeploy(process.env.DATABASE_URL);
  } else {
    const server = await startEmbeddedPostgres({ dataDir: path.join(ROOT, ".data", "pg"), port: Number(process.env.EMBEDDED_PG_PORT || 54320) });
    try {
      await server.ensureDatabase("proposal_desk");
      await migrateDeploy(server.url("proposal_desk"));
    } finally {
      await server.stop();
    }
  }
  console.log("Migrations are applied.");
} catch (error) {
  console.error(error instanceof PostgresStartError ? error.message : error);
  process.exit(1);
}
