/**
 * The one place that reads process.env (an ESLint rule enforces it). Validated at start:
 * a missing or malformed value stops the process with a message naming the variable.
 */
import { z } from "zod";
import { loadDevSecrets } from "./dev-secrets";

const boolean = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string({ error: "is not set. Start the portal with `npm run dev` (embedded PostgreSQL) or set it to a PostgreSQL URL" })
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
  APP_URL: z.url({ error: "must be the portal's public base URL, e.g. http://localhost:3000" }).default("http://localhost:3000"),
  NEXTAUTH_URL: z.url().optional(),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters (a random secret that signs session cookies)"),
  ENCRYPTION_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, "must be 32 random bytes in base64 (openssl rand -base64 32)"),
  JOBS_ENABLED: boolean.default(true),
  PENDING_POLL_INTERVAL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(30),
  SYNC_INTERVAL_MINUTES: z.coerce.number().min(1).max(1440).default(15),
  // A provider with no successful sync for this long: its firm's admins get one in-app alert per period.
  SYNC_STALE_ALERT_MINUTES: z.coerce.number().int().min(5).max(10_080).default(120),
  SESSION_MAX_AGE_HOURS: z.coerce.number().min(0.1).max(12).default(12),
  // Largest provider answer read, in MB; a bigger one is cut off while streaming and reported (issue 11).
  PROVIDER_MAX_RESPONSE_MB: z.coerce.number().min(1).max(1024).default(50),
  CALLBACK_RATE_PER_SECOND: z.coerce.number().int().min(1).max(100_000).default(500),
  SMTP_URL: z.url().optional(),
  MAIL_FROM: z.string().default("Proposal Desk <no-reply@proposal-desk.local>"),
});

export type Env = z.infer<typeof schema>;

function load(): Env {
  const raw: Record<string, string | undefined> = { ...process.env };
  // Secrets for development are generated on first start and kept under .data/ (never committed).
  if (raw.NODE_ENV !== "production" && (!raw.NEXTAUTH_SECRET || !raw.ENCRYPTION_KEY)) {
    const dev = loadDevSecrets();
    raw.NEXTAUTH_SECRET ||= dev.NEXTAUTH_SECRET;
    raw.ENCRYPTION_KEY ||= dev.ENCRYPTION_KEY;
  }
  for (const key of Object.keys(raw)) if (raw[key] === "") delete raw[key];
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment (see .env.example):\n${lines.join("\n")}`);
  }
  return parsed.data;
}

let cached: Env | undefined;

/** The validated environment. Throws a readable error on first use when something is wrong. */
export function env(): Env {
  return (cached ??= load());
}
