/**
 * `npm run db:migration -- <name>`: author a migration from the change to prisma/schema.prisma.
 *
 * `prisma migrate dev` does not work on the JS schema engine (shadow database handling, see
 * ../shared/PLATFORM.md), so the migration is a pure schema-to-schema diff: the schema as last
 * committed (`git show HEAD:prisma/schema.prisma`) against the working copy. The diff needs a
 * reachable database for the adapter only; a throwaway embedded PostgreSQL serves.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findFreePort, startEmbeddedPostgres } from "./lib/postgres";
import { runPrisma } from "./lib/migrate";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name>   (lower case, digits and underscores, e.g. add_client_notes)");
  process.exit(2);
}

const root = path.join(import.meta.dirname, "..");
const schemaPath = path.join(root, "prisma", "schema.prisma");
const migrationsDir = path.join(root, "prisma", "migrations");

let previous: string | undefined;
try {
  previous = execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
} catch {
  previous = undefined; // no committed schema yet: diff from empty
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), "pd-migration-"));
fs.chmodSync(work, 0o755); // the embedded server may run as the `postgres` user (when we are root)
const server = await startEmbeddedPostgres({ dataDir: path.join(work, "pg"), port: await findFreePort(), ephemeral: true, log: () => {} });
try {
  const from = previous === undefined ? ["--from-empty"] : ["--from-schema-datamodel", path.join(work, "previous.prisma")];
  if (previous !== undefined) fs.writeFileSync(path.join(work, "previous.prisma"), previous);
  const sql = await runPrisma(["migrate", "diff", ...from, "--to-schema-datamodel", schemaPath, "--script"], server.url("postgres"), { quiet: true });
  const body = sql
    .split("\n")
    .filter((line) => !line.startsWith("Loaded Prisma config") && !line.startsWith("Prisma config detected"))
    .join("\n")
    .trim();
  if (!body || body === "-- This is an empty migration.") {
    console.log("prisma/schema.prisma has no change against HEAD: no migration written.");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(migrationsDir, `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "migration.sql"), body + "\n");
    console.log(`Wrote ${path.relative(root, dir)}/migration.sql. Review it, then \`npm run db:deploy\` applies it.`);
  }
} finally {
  await server.stop();
  fs.rmSync(work, { recursive: true, force: true });
}
