/**
 * The sandbox's environment, validated once at start. The sandbox is its own program: this is the
 * only file of sandbox/ that reads process.env.
 */
import { z } from "zod";
import { faultsSchema } from "./consumers/faults";
import { DIALECT_NAMES } from "./dialects/table";

const intFrom = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

const jsonFaults = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (!raw || raw.trim() === "") return {};
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "SANDBOX_FAULTS must be JSON" });
      return z.NEVER;
    }
  })
  .pipe(faultsSchema);

export const sandboxEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  SANDBOX_HOST: z.string().default("127.0.0.1"),
  /** 0 picks a free port; the chosen URL is printed in the ready line. */
  SANDBOX_PORT: intFrom(4010).pipe(z.number().max(65535)),
  /** PostgreSQL database for the sandbox's own tables. Unset: an embedded PostgreSQL under .data/sandbox-pg. */
  SANDBOX_DATABASE_URL: optionalString,
  SANDBOX_PG_PORT: intFrom(54330, 1).pipe(z.number().max(65535)),
  SANDBOX_PG_DATA_DIR: z.string().default(".data/sandbox-pg"),
  SANDBOX_AUDIENCE: z.string().min(1).default("finum-sandbox"),
  /** Protects /admin. Unset outside production: a random token is generated and printed. */
  SANDBOX_ADMIN_TOKEN: optionalString.pipe(z.string().min(16, "SANDBOX_ADMIN_TOKEN needs at least 16 characters").optional()),
  SANDBOX_CONSUMERS_FILE: optionalString,
  /** Development consumer (key pair + webhook secret) generated on first start; "" turns it off. */
  SANDBOX_DEV_CONSUMER_FILE: z.string().default(".data/sandbox/dev-consumer.json"),
  SANDBOX_PROPOSAL_DELAY_MS: intFrom(2000),
  SANDBOX_REVIEW_DELAY_MS: intFrom(2000),
  SANDBOX_SEED_CONTRACTS: intFrom(0).pipe(z.number().max(1_000_000)),
  /** Which consumer the env seed belongs to; default: the first registered consumer. */
  SANDBOX_SEED_CONSUMER: optionalString,
  SANDBOX_CALLBACK_TIMEOUT_MS: intFrom(5000, 1),
  SANDBOX_CALLBACK_MAX_ATTEMPTS: intFrom(8, 1),
  SANDBOX_CALLBACK_RETRY_BASE_MS: intFrom(1000, 1),
  SANDBOX_CALLBACK_RETRY_MAX_MS: intFrom(10 * 60_000, 1),
  /** How often the worker looks for due proposal steps and callbacks (it is also woken directly). */
  SANDBOX_WORKER_INTERVAL_MS: intFrom(250, 10),
  /** Default fault injection for every consumer (JSON, see sandbox/README.md); per consumer via /admin. */
  SANDBOX_FAULTS: jsonFaults,
  /** Provider dialect of every consumer registered without one (sandbox/README.md, "Provider dialects"). */
  SANDBOX_DIALECT: z.enum(DIALECT_NAMES).default("standard"),
  /** Exit when stdin closes: set by startSandboxProcess so a crashed parent leaves no orphan. */
  SANDBOX_EXIT_WITH_PARENT: z.enum(["0", "1"]).default("0"),
  SANDBOX_LOG: z.enum(["info", "quiet"]).default("info"),
});

export type SandboxEnv = z.infer<typeof sandboxEnvSchema>;

export function readSandboxEnv(source: NodeJS.ProcessEnv = process.env): SandboxEnv {
  const result = sandboxEnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid sandbox environment:\n${lines.join("\n")}`);
  }
  return result.data;
}
