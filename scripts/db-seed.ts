/** `npm run db:seed`: demo data into an empty database (DATABASE_URL must be set). */
import { parseArgs } from "node:util";
import { seedDemo } from "../prisma/seed";
import { db } from "../lib/db";

const { values } = parseArgs({ options: { "sandbox-url": { type: "string" }, "consumer-file": { type: "string" } } });

try {
  const { seeded } = await seedDemo({ sandboxUrl: values["sandbox-url"], consumerFile: values["consumer-file"] });
  console.log(seeded ? "Seeded the demo organization." : "The database already has data: nothing seeded.");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db().$disconnect();
}
