/**
 * Start-up check of DATABASE_URL: a PostgreSQL that cannot be reached, refuses the password or
 * lacks the database stops `npm start` and `npm run worker` with one plain sentence naming the
 * variable, the host and what to do (never a driver's stack trace; the password is never shown).
 */
import pg from "pg";

export class DatabaseUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseUnavailableError";
  }
}

function where(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "5432"}, database "${decodeURIComponent(parsed.pathname.slice(1))}", user "${decodeURIComponent(parsed.username)}"`;
  } catch {
    return "the configured server";
  }
}

/** A driver error during start-up as one sentence, or null when it is no connection problem. */
export function explainDatabaseError(error: unknown, url: string): string | null {
  const code = (error as { code?: string } | null)?.code;
  const target = where(url);
  const prefix = `DATABASE_URL: PostgreSQL at ${target}`;
  switch (code) {
    case "ECONNREFUSED":
      return `${prefix} refused the connection: is PostgreSQL running and listening on that host and port?`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `${prefix}: the host name does not resolve. Check the host in DATABASE_URL.`;
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `${prefix} did not answer (${code}): check the host, the port and any firewall in between.`;
    case "28P01":
    case "28000":
      return `${prefix} refused the user name or password (${code}). Check the credentials in DATABASE_URL (special characters percent-encoded).`;
    case "3D000":
      return `${prefix}: that database does not exist. Create it (createdb) or correct the database name in DATABASE_URL.`;
    case "57P03":
      return `${prefix} is still starting up; try again in a moment.`;
    case "53300":
      return `${prefix} has no connection slots left (too many clients): raise max_connections or stop other clients.`;
    default:
      if (error instanceof Error && /timeout|terminated unexpectedly|self[- ]signed|certificate|SSL/i.test(error.message)) {
        return `${prefix}: ${error.message.split("\n")[0]}. Check the host, the port and the TLS settings (sslmode) in DATABASE_URL.`;
      }
      return null;
  }
}

/** Connects once and runs `SELECT 1`; throws DatabaseUnavailableError with a plain reason. */
export async function checkDatabase(url: string, timeoutMs = 10_000): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
  } catch (error) {
    const reason = explainDatabaseError(error, url);
    throw new DatabaseUnavailableError(reason ?? `DATABASE_URL: PostgreSQL at ${where(url)} could not be used: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
