import path from "node:path";
import { defineConfig } from "prisma/config";
import { poolConfigFromUrl, ScriptSafePrismaPg } from "./prisma/pg-catalog-workaround";

// The CLI runs on Prisma's bundled Wasm engines (no engine download; see ../shared/PLATFORM.md).
// DATABASE_URL is set by scripts/db-deploy.ts and friends (embedded PostgreSQL) or by you.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: run `npm run db:deploy`, which starts the embedded PostgreSQL when needed.");
    return new ScriptSafePrismaPg(poolConfigFromUrl(url));
  },
});
