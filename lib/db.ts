/**
 * The one Prisma client. Only lib/ may import it (an ESLint rule enforces it).
 * Cached on globalThis so Next's dev reloads do not open a new pool each time.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { env } from "./env";

function create() {
  const adapter = new PrismaPg({ connectionString: env().DATABASE_URL, max: 10 });
  // Password hashes and encrypted provider secrets are never selected unless asked for by name.
  return new PrismaClient({
    adapter,
    omit: {
      user: { passwordHash: true },
      provider: { privateKeyEnc: true, webhookSecretEnc: true },
    },
  });
}

type Db = ReturnType<typeof create>;
const globalForDb = globalThis as unknown as { proposalDeskDb?: Db };

export function db(): Db {
  return (globalForDb.proposalDeskDb ??= create());
}

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export { Prisma } from "./generated/prisma/client";
