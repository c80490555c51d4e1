/**
 * The one place that reads process.env (an ESLint rule enforces it). Validated at start
 * (scripts/start.ts, scripts/worker.ts and instrumentation.ts): a missing or malformed value
 * stops the process with a message naming the variable and what is expected, never a stack trace.
 */
import net from "node:net";
import { z } from "zod";
import { loadDevSecrets } from "./dev-secrets";

const boolean = (name: string) =>
  z.enum(["true", "false", "1", "0"], { error: `${name} must be true or false` }).transform((value) => value === "true" || value === "1");

const integer = (what: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number between ${min} and ${max}${what ? ` (${what})` : ""}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min}${what ? ` ${what}` : ""}`).max(max, `must be at most ${max}${what ? ` ${what}` : ""}`));

const number = (what: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, `must be a number between ${min} and ${max} (${what})`)
    .transform(Number)
    .pipe(z.number().min(min, `must be at least ${min} ${what}`).max(max, `must be at most ${max} ${what}`));

const httpUrl = (example: string) =>
  z
    .string()
    .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol) && !new URL(value).search, `must be an http(s) base URL without a query, e.g. ${example}`)
    .transform((value) => value.replace(/\/+$/, ""));

const postgresUrl = z
  .string({ error: "is not set. Start the portal with `npm run dev` / `npm start` (embedded PostgreSQL) or set it to a PostgreSQL URL" })
  .refine((value) => {
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    return /^postgres(ql)?:$/.test(url.protocol) && Boolean(url.hostname) && url.pathname.length > 1;
  }, "must be a PostgreSQL URL like postgresql://user:password@host:5432/database (special characters in the password percent-encoded)");

/** Trusted reverse proxies: IP addresses or CIDR ranges, comma-separated. */
const proxyList = z
  .string()
  .transform((value) => value.split(",").map((item) => item.trim()).filter(Boolean))
  .refine(
    (items) =>
      items.every((item) => {
        const [address, bits, extra] = item.split("/");
        if (extra !== undefined || !address || !net.isIP(address)) return false;
        if (bits === undefined) return true;
        const max = net.isIPv4(address) ? 32 : 128;
        return /^\d+$/.test(bits) && Number(bits) <= max;
      }),
    "must be a comma-separated list of IP addresses or CIDR ranges, e.g. 10.0.0.0/8,127.0.0.1",
  );

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"], { error: "must be development, production or test" }).default("development"),
    DATABASE_URL: postgresUrl,
    PORT: integer("", 1, 65_535).optional(),
    APP_URL: httpUrl("https://portal.example.com").optional(),
    NEXTAUTH_URL: httpUrl("https://portal.example.com").optional(),
    NEXTAUTH_SECRET: z.string({ error: "is not set: a random secret of at least 32 characters that signs session cookies (openssl rand -base64 32)" }).min(32, "must be at least 32 characters (a random secret that signs session cookies: openssl rand -base64 32)"),
    ENCRYPTION_KEY: z
      .string({ error: "is not set: 32 random bytes in base64 (openssl rand -base64 32)" })
      .refine((value) => /^[A-Za-z0-9+/]{43}=$/.test(value) && Buffer.from(value, "base64").length === 32, "must be 32 random bytes in base64, 44 characters ending in = (openssl rand -base64 32)"),
    JOBS_ENABLED: boolean("JOBS_ENABLED").default(true),
    // `npm run worker` lowers its own CPU priority to this nice value (0 keeps it): on a host it
    // shares with web instances, answering providers and users comes first.
    WORKER_NICENESS: integer("a nice value", 0, 19).default(10),
    PENDING_POLL_INTERVAL_SECONDS: integer("seconds", 5, 86_400).default(60),
    SYNC_INTERVAL_MINUTES: integer("minutes", 1, 1440).default(15),
    // A sync run whose worker has not reported (once a chunk) for this long has stopped (killed,
    // out of memory, a deploy): within the next minute it is resumed by another worker.
    SYNC_STALL_SECONDS: integer("seconds", 2, 3600).default(120),
    // A provider with no successful sync for this long: its firm's admins get one in-app alert per period.
    SYNC_STALE_ALERT_MINUTES: integer("minutes", 5, 10_080).default(120),
    // Largest provider answer read, in MB; a bigger one is cut off while streaming and reported.
    PROVIDER_MAX_RESPONSE_MB: integer("MB", 1, 1024).default(50),
    SESSION_MAX_AGE_HOURS: number("hours", 0.1, 12).default(12),
    CALLBACK_RATE_PER_SECOND: integer("callbacks per second", 1, 100_000).default(500),
    TRUSTED_PROXIES: proxyList.default([]),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { error: "must be one of fatal, error, warn, info, debug, trace, silent" }).default("info"),
    REQUEST_LOG_RETENTION_DAYS: integer("days", 1, 3650).default(30),
    CALLBACK_RETENTION_DAYS: integer("days", 1, 3650).default(30),
    MAIL_RETENTION_DAYS: integer("days", 1, 3650).default(90),
    LIVE_EVENT_RETENTION_MINUTES: integer("minutes", 1, 1440).default(60),
    SMTP_URL: z
      .string()
      .refine((value) => URL.canParse(value) && /^smtps?:$/.test(new URL(value).protocol), "must be an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.com:587")
      .optional(),
    MAIL_FROM: z.string().default("Proposal Desk <no-reply@proposal-desk.local>"),
    // A job held by a process that died (killed, out of memory) is handed to another worker after
    // it has been active this long; pg-boss checks every JOB_MAINTENANCE_SECONDS.
    JOB_EXPIRE_SECONDS: integer("seconds", 5, 3600).default(60),
    JOB_MAINTENANCE_SECONDS: integer("seconds", 1, 300).default(30),
    // OpenTelemetry (lib/ops/telemetry.ts): traces are sent only when an endpoint is set.
    OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl("http://127.0.0.1:4318 (the collector's OTLP/HTTP base URL; traces go to /v1/traces)").optional(),
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: httpUrl("http://127.0.0.1:4318/v1/traces (the full OTLP/HTTP traces URL)").optional(),
    OTEL_SERVICE_NAME: z.string().regex(/^[\w.\-/]{1,100}$/, "must be a short service name (letters, digits, . - _ /), e.g. proposal-desk").optional(),
    OTEL_SDK_DISABLED: boolean("OTEL_SDK_DISABLED").default(false),
  })
  .transform((value) => {
    const APP_URL = value.APP_URL ?? `http://localhost:${value.PORT ?? 3000}`;
    return { ...value, APP_URL, NEXTAUTH_URL: value.NEXTAUTH_URL ?? APP_URL, PORT: value.PORT ?? 3000 };
  });

export type Env = z.output<typeof schema>;

/** A configuration problem, with one line per variable. Callers print `message` and exit. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration (see .env.example):\n${problems.map((line) => `  ${line}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

function describe(issue: z.core.$ZodIssue, raw: Record<string, string | undefined>): string {
  const name = String(issue.path[0] ?? "environment");
  const shown = raw[name] === undefined || /SECRET|KEY|PASSWORD|DATABASE_URL|SMTP_URL/.test(name) ? "" : ` (got "${raw[name]}")`;
  const message = issue.message.startsWith(name) ? issue.message.slice(name.length).trim() : issue.message;
  return `${name} ${message}${shown}`;
}

/**
 * Validates an environment. `databaseOptional`: the start scripts check everything before they
 * start the embedded PostgreSQL that then provides DATABASE_URL.
 */
export function parseEnv(input: Record<string, string | undefined>, options: { databaseOptional?: boolean } = {}): Env {
  const raw: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(input)) if (value !== "" && value !== undefined) raw[key] = value;
  if (options.databaseOptional && !raw.DATABASE_URL) raw.DATABASE_URL = "postgresql://placeholder@127.0.0.1:5432/placeholder";
  const parsed = schema.safeParse(raw);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => describe(issue, raw));
  if (raw.NODE_ENV === "production" && !raw.APP_URL) {
    problems.unshift("APP_URL is not set: in production it must be the portal's public base URL (customer links and provider callback URLs are built from it), e.g. https://portal.example.com");
  }
  if (problems.length || !parsed.success) throw new ConfigError(problems);
  return parsed.data;
}

function load(): Env {
  const raw: Record<string, string | undefined> = { ...process.env };
  // Secrets for development are generated on first start and kept under .data/ (never committed).
  if (raw.NODE_ENV !== "production" && (!raw.NEXTAUTH_SECRET || !raw.ENCRYPTION_KEY)) {
    const dev = loadDevSecrets();
    raw.NEXTAUTH_SECRET ||= dev.NEXTAUTH_SECRET;
    raw.ENCRYPTION_KEY ||= dev.ENCRYPTION_KEY;
  }
  return parseEnv(raw);
}

let cached: Env | undefined;

/** The validated environment. Throws a ConfigError naming each bad variable on first use. */
export function env(): Env {
  return (cached ??= load());
}

/**
 * For entry points (instrumentation, worker, start): validate now, and on a bad configuration
 * print what is wrong and stop the process, so that no server answers 500 for a config error.
 */
export function envOrExit(): Env {
  try {
    return env();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
