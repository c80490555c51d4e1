/**
 * `npm run postinstall` and friends: run the Prisma CLI with a DATABASE_URL even where none is set.
 * `prisma generate` never connects, but it reads the schema, whose datasource needs the variable;
 * without it the CLI falls back to downloading a native engine, which cannot work here.
 */
import { runPrisma } from "./lib/migrate";

const args = process.argv.slice(2);
const url = process.env.DATABASE_URL || "postgresql://unused@127.0.0.1:1/unused";
runPrisma(args, url).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
