/**
 * npm run bench:sync (issue 10, item 5): a throwaway embedded PostgreSQL and the sandbox seeded with
 * 50,000 contracts (and a file record per contract) for the portal's consumer; then, in one run and
 * alternated, the portal's real sync path (`syncProviderRecordType` for client, contract and file)
 * against a raw batched `INSERT … SELECT FROM unnest(…) ON CONFLICT … DO UPDATE` of the same
 * records (2,000 rows a statement, fetched with the same id-list and list calls) into the same
 * PostgreSQL, for:
 *   (a) a first sync, the holders already linked to the portal's clients (the baseline),
 *   (b) a first sync where the holders are created from the provider's client records (policy CREATE),
 *   (c) 5,000 changed contracts (a delta pull).
 * Printed per path: wall time, contracts per second, the ratio (raw time / portal time, per round;
 * the summary gives the median of the rounds' ratios and times), SQL statements (every pg query of
 * this process, counted by a wrapper), transactions and rows from pg_stat_database, HTTP calls, CPU
 * (this process, the database, the provider; per record type too), the JavaScript heap's peak, and
 * peak RSS of this process (VmHWM, reset before each phase after a garbage collection).
 * Targets: ratio ≥ 0.5, first sync < 20 s, peak RSS < 500 MB. Three rounds by default.
 *
 * BENCH_CONTRACTS, BENCH_CHANGED and BENCH_ROUNDS change the sizes; BENCH_FILES=0 seeds no file records;
 * BENCH_SCENARIOS=a,c runs only some scenarios; BENCH_PROFILE=1 times every statement and Prisma call.
 */
import crypto, { generateKeyPairSync } from "node:crypto";
import diagnostics from "node:diagnostics_channel";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { findFreePort, startEmbeddedPostgres } from "../scripts/lib/postgres";
import { migrateDeploy } from "../scripts/lib/migrate";
import { startSandboxProcess } from "../sandbox/process";

const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 50_000);
const CHANGED = Number(process.env.BENCH_CHANGED ?? 5_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WITH_FILES = process.env.BENCH_FILES !== "0";
// BENCH_SCENARIOS=a,c runs only those (while iterating); (c) needs (a) or (b) before it.
const SCENARIOS = new Set((process.env.BENCH_SCENARIOS ?? "a,b,c").split(",").map((s) => s.trim()));
const RAW_BATCH = 2000;
const AUDIENCE = "finum-sandbox-bench";
const CONSUMER = "bench";

// ── Counters: every SQL statement this process sends, every HTTP call it makes ──
const counters = { sql: 0, http: 0 };
const originalQuery = pg.Client.prototype.query;
// BENCH_PROFILE=1: time spent per statement (its first words), to find where the portal's time goes.
const PROFILE = process.env.BENCH_PROFILE === "1";
const statementTime = new Map<string, { count: number; ms: number }>();
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  counters.sql++;
  if (!PROFILE) return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  const first = args[0];
  const text = (typeof first === "string" ? first : ((first as { text?: string })?.text ?? "?")).replace(/\s+/g, " ").trim().slice(0, 110);
  const t0 = performance.now();
  const done = () => {
    const entry = statementTime.get(text) ?? { count: 0, ms: 0 };
    entry.count++;
    entry.ms += performance.now() - t0;
    statementTime.set(text, entry);
  };
  // pg-pool calls with a callback (last argument), transactions with the promise form.
  const last = args.length - 1;
  if (typeof args[last] === "function") {
    const callback = args[last] as (...a: unknown[]) => unknown;
    args[last] = (...a: unknown[]) => {
      done();
      return callback(...a);
    };
  }
  const result = (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
  if (result && typeof (result as Promise<unknown>).then === "function") (result as Promise<unknown>).then(done, done);
  return result;
} as typeof pg.Client.prototype.query;
// HTTP calls of both paths: the provider client speaks node:http(s) (lib/finum/transport.ts), not
// fetch, so requests are counted where node:http starts them, and fetch's (undici's) beside them.
diagnostics.subscribe("http.client.request.start", () => counters.http++);
diagnostics.subscribe("undici:request:create", () => counters.http++);

// CPU seconds of this process, of the PostgreSQL server (every backend, live and ended) and of the
// sandbox: on a shared machine the wall time wobbles with the neighbours' load, the CPU far less.
const TICKS = 100;
function procCpu(pid: number, withChildren: boolean): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    const [utime, stime, cutime, cstime] = [fields[11], fields[12], fields[13], fields[14]].map(Number) as [number, number, number, number];
    return (utime + stime + (withChildren ? cutime + cstime : 0)) / TICKS;
  } catch {
    return 0;
  }
}
function postgresCpu(dataDir: string): number {
  let postmaster = 0;
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const pid = Number(entry);
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      parents.set(pid, Number(stat.split(") ")[1]!.split(" ")[1]));
      if (!postmaster && fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(dataDir)) postmaster = pid;
    } catch {
      // Gone meanwhile.
    }
  }
  if (!postmaster) return 0;
  let total = procCpu(postmaster, true);
  for (const [pid, parent] of parents) if (parent === postmaster) total += procCpu(pid, false);
  return total;
}

function resetPeakRss() {
  // What the previous phase left for the collector is not this phase's (run with --expose-gc).
  (globalThis as { gc?: () => void }).gc?.();
  try {
    fs.writeFileSync("/proc/self/clear_refs", "5");
  } catch {
    // Not Linux, or not allowed: the peak then covers the whole process so far.
  }
}
function peakRssMb(): number {
  const status = fs.readFileSync("/proc/self/status", "utf8");
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

interface Measurement {
  scenario: string;
  path: "portal" | "raw";
  round: number;
  seconds: number;
  contracts: number;
  records: number;
  sql: number;
  xacts: number;
  inserted: number;
  updated: number;
  http: number;
  rssMb: number;
  heapMb: number;
  cpu: { node: number; db: number; provider: number };
  detail: string;
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pd-bench-sync-"));
  fs.chmodSync(dataDir, 0o755);
  // BENCH_PROFILE=1 also has the server count its statements' time (pg_stat_statements, nested ones too).
  const postgres = await startEmbeddedPostgres({
    dataDir,
    port: await findFreePort(),
    ephemeral: true,
    log: () => {},
    settings: PROFILE ? ["shared_preload_libraries=pg_stat_statements", "pg_stat_statements.track=all"] : [],
  });
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  const consumersFile = path.join(dataDir, "..", `pd-bench-sync-consumers-${process.pid}.json`);
  fs.writeFileSync(consumersFile, JSON.stringify([{ consumerId: CONSUMER, publicKeyPem: publicKey }]));
  let sandbox: Awaited<ReturnType<typeof startSandboxProcess>> | undefined;
  const stats = new pg.Client({ connectionString: postgres.url("postgres") });
  const sandboxDb = new pg.Client({ connectionString: postgres.url("finum_sandbox_bench") });
  for (const client of [stats, sandboxDb]) client.on("error", () => undefined);
  let disconnect: (() => Promise<void>) | undefined;
  try {
    // ── 1. The provider: the sandbox with CONTRACTS contracts, and one file record per contract ──
    await postgres.ensureDatabase("finum_sandbox_bench");
    await postgres.ensureDatabase("pd_bench");
    const started = performance.now();
    sandbox = await startSandboxProcess({
      databaseUrl: postgres.url("finum_sandbox_bench"),
      env: { SANDBOX_CONSUMERS_FILE: consumersFile, SANDBOX_SEED_CONTRACTS: String(CONTRACTS), SANDBOX_SEED_CONSUMER: CONSUMER, SANDBOX_AUDIENCE: AUDIENCE, SANDBOX_LOG: "quiet" },
      startTimeoutMs: 300_000,
    });
    await sandboxDb.connect();
    if (WITH_FILES) {
      // The proposal document of each contract, as metadata the sync reads (the bytes are the document queue's job).
      await sandboxDb.query(`
        insert into files (id, consumer_id, contract_id, record, content, updated_at)
        select 'fb' || substr(md5(c.id), 1, 18), c.consumer_id, c.id,
               jsonb_build_object('name', 'proposal-' || c.id || '.pdf', 'contentType', 'application/pdf', 'size', 4,
                                  'sha256', encode(sha256('%PDF'::bytea), 'hex'), 'contractId', c.id, 'kind', 'proposal'),
               '%PDF'::bytea, c.updated_at
        from contracts c where c.consumer_id = $1`, [CONSUMER]);
      await sandboxDb.query("analyze files");
    }
    const fileCount = Number((await sandboxDb.query("select count(*) from files where consumer_id = $1", [CONSUMER])).rows[0].count);
    const clientCount = Number((await sandboxDb.query("select count(*) from clients where consumer_id = $1", [CONSUMER])).rows[0].count);
    console.log(`Sandbox: ${CONTRACTS} contracts, ${clientCount} clients, ${fileCount} files for consumer "${CONSUMER}" in ${((performance.now() - started) / 1000).toFixed(1)} s.`);

    // ── 2. The portal: a firm, its provider, products and users synced (not timed) ──
    const databaseUrl = postgres.url("pd_bench");
    await migrateDeploy(databaseUrl);
    Object.assign(process.env, { DATABASE_URL: databaseUrl, JOBS_ENABLED: "false", NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"), ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64") });
    const { db } = await import("../lib/db");
    if (PROFILE) {
      // Every Prisma call timed by model and operation (query compilation included), beside the SQL times.
      const timed = db().$extends({
        query: {
          async $allOperations({ model, operation, args, query }) {
            const t0 = performance.now();
            try {
              return await query(args);
            } finally {
              const key = `prisma ${model ?? ""}.${operation}`;
              const entry = statementTime.get(key) ?? { count: 0, ms: 0 };
              entry.count++;
              entry.ms += performance.now() - t0;
              statementTime.set(key, entry);
            }
          },
        },
      });
      (globalThis as unknown as { proposalDeskDb: unknown }).proposalDeskDb = timed;
    }
    const { createOrganization } = await import("../lib/organizations/create-organization");
    const { createUser } = await import("../lib/users/manage-users");
    const { registerProvider } = await import("../lib/providers/register-provider");
    const { createFinumClient } = await import("../lib/finum/client");
    const { syncProviderRecordType } = await import("../lib/sync/sync-provider");
    const { OVERLAP_MS } = await import("../lib/sync/sync-record-type");
    const { clientColumnsFrom } = await import("../lib/sync/resolve-new-contracts");
    await stats.connect();
    if (PROFILE) await stats.query("create extension if not exists pg_stat_statements");

    const org = await createOrganization({ name: "Bench Sync", slug: "bench-sync" });
    const admin = await createUser(org.id, { name: "Ada Admin", email: "admin@bench-sync.test", role: "ADMIN", password: "bench-password-2026" });
    const advisor = await createUser(org.id, { name: "Ben Advisor", email: "ben@bench-sync.test", role: "ADVISOR", password: "bench-password-2026" });
    const { id: providerId } = await registerProvider(
      org.id,
      { name: "Bench Sandbox", baseUrl: sandbox.url, consumerId: CONSUMER, audience: AUDIENCE },
      { actor: { id: admin.id, organizationId: org.id, role: "ADMIN" }, keyPair: { privateKeyPem: privateKey, publicKeyPem: publicKey } },
    );
    // A new provider starts disabled until its connection test passes; the bench's sandbox is known good.
    await db().provider.update({ where: { id: providerId }, data: { enabled: true } });
    for (const type of ["product", "user"] as const) await syncProviderRecordType(providerId, org.id, type);
    // The raw path fetches with the same client code, without the portal's integration log.
    const raw = createFinumClient({ name: "Bench Sandbox", baseUrl: sandbox.url, consumerId: CONSUMER, audience: AUDIENCE, privateKeyPem: privateKey });

    // ── 3. The raw baseline: the same records, 2,000 rows a statement ──
    const rawDb = new pg.Client({ connectionString: databaseUrl });
    rawDb.on("error", () => undefined);
    await rawDb.connect();
    disconnect = async () => {
      await rawDb.end().catch(() => undefined);
      await db().$disconnect();
    };
    await rawDb.query(`
      create schema if not exists bench_raw;
      create table if not exists bench_raw.client (remote_id text primary key, kind text, first_name text, last_name text, company_name text, birth_date date, raw jsonb, remote_updated_at timestamptz);
      create table if not exists bench_raw.contract (remote_id text primary key, holder_id text, product_id text, status int, data jsonb, raw jsonb, remote_updated_at timestamptz);
      create table if not exists bench_raw.file (remote_id text primary key, contract_id text, name text, mime text, size int, sha256 text, raw jsonb, remote_updated_at timestamptz);`);
    const rawUpsert: Record<"client" | "contract" | "file", (rows: never[]) => Promise<unknown>> = {
      client: (rows: Array<{ id: string; kind: string; firstName: string | null; lastName: string | null; companyName: string | null; birthDate: string | null; raw: unknown; updatedAt: Date }>) =>
        rawDb.query(
          `insert into bench_raw.client select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::jsonb[], $8::timestamptz[])
           on conflict (remote_id) do update set kind = excluded.kind, first_name = excluded.first_name, last_name = excluded.last_name, company_name = excluded.company_name,
             birth_date = excluded.birth_date, raw = excluded.raw, remote_updated_at = excluded.remote_updated_at
           where bench_raw.client.remote_updated_at < excluded.remote_updated_at`,
          [rows.map((r) => r.id), rows.map((r) => r.kind), rows.map((r) => r.firstName), rows.map((r) => r.lastName), rows.map((r) => r.companyName), rows.map((r) => r.birthDate), rows.map((r) => JSON.stringify(r.raw)), rows.map((r) => r.updatedAt)],
        ),
      contract: (rows: Array<{ id: string; holderId: string | null; productId: string | null; status: number; data: unknown; raw: unknown; updatedAt: Date }>) =>
        rawDb.query(
          `insert into bench_raw.contract select * from unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::jsonb[], $6::jsonb[], $7::timestamptz[])
           on conflict (remote_id) do update set holder_id = excluded.holder_id, product_id = excluded.product_id, status = excluded.status, data = excluded.data,
             raw = excluded.raw, remote_updated_at = excluded.remote_updated_at
           where bench_raw.contract.remote_updated_at < excluded.remote_updated_at`,
          [rows.map((r) => r.id), rows.map((r) => r.holderId), rows.map((r) => r.productId), rows.map((r) => r.status), rows.map((r) => JSON.stringify(r.data)), rows.map((r) => JSON.stringify(r.raw)), rows.map((r) => r.updatedAt)],
        ),
      file: (rows: Array<{ id: string; contractId: string | null; name: string | null; contentType: string | null; size: number | null; sha256: string | null; raw: unknown; updatedAt: Date }>) =>
        rawDb.query(
          `insert into bench_raw.file select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::jsonb[], $8::timestamptz[])
           on conflict (remote_id) do update set contract_id = excluded.contract_id, name = excluded.name, mime = excluded.mime, size = excluded.size, sha256 = excluded.sha256,
             raw = excluded.raw, remote_updated_at = excluded.remote_updated_at
           where bench_raw.file.remote_updated_at < excluded.remote_updated_at`,
          [rows.map((r) => r.id), rows.map((r) => r.contractId), rows.map((r) => r.name), rows.map((r) => r.contentType), rows.map((r) => r.size), rows.map((r) => r.sha256), rows.map((r) => JSON.stringify(r.raw)), rows.map((r) => r.updatedAt)],
        ),
    };
    async function rawSync(type: "client" | "contract" | "file", since: Date): Promise<number> {
      const ids = [...new Set(await raw.idListUpdated(type, since))];
      let pending: unknown[] = [];
      let count = 0;
      for (let at = 0; at < ids.length; at += 500) {
        const read = await raw.list(type, ids.slice(at, at + 500));
        pending.push(...read.records);
        count += read.records.length;
        if (pending.length >= RAW_BATCH || at + 500 >= ids.length) {
          for (let start = 0; start < pending.length; start += RAW_BATCH) await rawUpsert[type](pending.slice(start, start + RAW_BATCH) as never[]);
          pending = [];
        }
      }
      return count;
    }

    // ── 4. Measuring ──
    const dbStats = async () => {
      // Backends flush their statistics at most once a second: let the last ones land.
      await new Promise((resolve) => setTimeout(resolve, 1200));
      const { rows } = await stats.query(
        "select xact_commit + xact_rollback as xacts, tup_inserted, tup_updated, (select wal_bytes from pg_stat_wal) as wal, (select wal_fpi from pg_stat_wal) as fpi from pg_stat_database where datname = 'pd_bench'",
      );
      return { xacts: Number(rows[0].xacts), inserted: Number(rows[0].tup_inserted), updated: Number(rows[0].tup_updated), walMb: Number(rows[0].wal) / 1048576, fpi: Number(rows[0].fpi) };
    };
    const results: Measurement[] = [];
    async function measure(scenario: string, which: "portal" | "raw", round: number, run: () => Promise<{ contracts: number; records: number; detail: string }>) {
      const before = await dbStats();
      if (PROFILE) await stats.query("select pg_stat_statements_reset()");
      resetPeakRss();
      const cpu0 = { node: process.cpuUsage(), db: postgresCpu(dataDir), provider: procCpu(sandbox!.pid, true) };
      const sql0 = counters.sql;
      const http0 = counters.http;
      // The JavaScript heap's high-water mark, sampled (the issue bounds the heap at about 200 MB).
      let heapMb = process.memoryUsage().heapUsed / 1048576;
      const sampler = setInterval(() => (heapMb = Math.max(heapMb, process.memoryUsage().heapUsed / 1048576)), 50);
      const t0 = performance.now();
      const outcome = await run().finally(() => clearInterval(sampler));
      const seconds = (performance.now() - t0) / 1000;
      const sql = counters.sql - sql0;
      const http = counters.http - http0;
      const rssMb = peakRssMb();
      const nodeCpu = process.cpuUsage(cpu0.node);
      const cpu = { node: (nodeCpu.user + nodeCpu.system) / 1e6, db: postgresCpu(dataDir) - cpu0.db, provider: procCpu(sandbox!.pid, true) - cpu0.provider };
      const after = await dbStats();
      if (PROFILE) {
        const top = [...statementTime.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25);
        for (const [text, entry] of top) console.log(`      ${entry.ms.toFixed(0).padStart(7)} ms ${String(entry.count).padStart(6)}×  ${text}`);
        statementTime.clear();
        // The server's side: time inside each statement (nested ones, such as triggers' and foreign keys', apart).
        const server = await stats.query<{ ms: string; calls: string; query: string }>(
          `select round(total_exec_time)::text as ms, calls::text, regexp_replace(query, '\\s+', ' ', 'g') as query
           from pg_stat_statements where dbid = (select oid from pg_database where datname = 'pd_bench') order by total_exec_time desc limit 20`,
        );
        for (const q of server.rows) console.log(`      server ${q.ms.padStart(7)} ms ${q.calls.padStart(6)}×  ${q.query.slice(0, 110)}`);
        // Rows written per table so far (cumulative), with the table's index count: where the writes go.
        const tables = await rawDb.query<{ relname: string; ins: string; upd: string; indexes: string; tableMb: string; indexMb: string }>(
          `select relname, n_tup_ins as ins, n_tup_upd as upd, (select count(*) from pg_index i where i.indrelid = s.relid) as indexes,
                  round(pg_table_size(relid) / 1048576.0, 1)::text as "tableMb", round(pg_indexes_size(relid) / 1048576.0, 1)::text as "indexMb"
           from pg_stat_user_tables s where n_tup_ins + n_tup_upd > 0 order by n_tup_ins desc limit 12`,
        );
        for (const t of tables.rows) {
          console.log(`      ${t.relname.padEnd(28)} ${t.ins.padStart(8)} ins ${t.upd.padStart(7)} upd  ${t.indexes} indexes  table ${t.tableMb} MB, indexes ${t.indexMb} MB`);
        }
      }
      const row: Measurement = { scenario, path: which, round, seconds, ...outcome, sql, http, rssMb, heapMb, cpu, xacts: after.xacts - before.xacts, inserted: after.inserted - before.inserted, updated: after.updated - before.updated };
      results.push(row);
      console.log(
        `  ${scenario} round ${round} ${which.padEnd(6)} ${seconds.toFixed(2).padStart(7)} s  ${Math.round(outcome.contracts / seconds).toString().padStart(6)} contracts/s  ` +
          `${sql} SQL, ${row.xacts} xacts, ${row.inserted} ins, ${row.updated} upd, WAL ${(after.walMb - before.walMb).toFixed(0)} MB (${after.fpi - before.fpi} full pages), ${http} HTTP, peak RSS ${rssMb.toFixed(0)} MB, heap ${heapMb.toFixed(0)} MB, ` +
          `CPU ${(cpu.node + cpu.db + cpu.provider).toFixed(1)} s (node ${cpu.node.toFixed(1)}, db ${cpu.db.toFixed(1)}, provider ${cpu.provider.toFixed(1)})  ${outcome.detail}`,
      );
    }

    const portalTypes = async (types: Array<"client" | "contract" | "file">) => {
      const parts: string[] = [];
      let records = 0;
      for (const type of types) {
        const t0 = performance.now();
        const [node0, db0] = [process.cpuUsage(), postgresCpu(dataDir)];
        const report = await syncProviderRecordType(providerId, org.id, type);
        if ("busy" in report) throw new Error(`${type}: another run is busy`);
        records += report.fetched;
        const node = process.cpuUsage(node0);
        const cpu = `CPU node ${((node.user + node.system) / 1e6).toFixed(1)} s, db ${(postgresCpu(dataDir) - db0).toFixed(1)} s`;
        parts.push(`${type} ${report.fetched} in ${((performance.now() - t0) / 1000).toFixed(1)} s (applied ${report.applied}, skipped ${report.skipped}, failed ${report.failed}; ${cpu})`);
      }
      return { records, detail: parts.join("; ") };
    };
    const rawTypes = async (types: Array<"client" | "contract" | "file">, since: Date) => {
      const parts: string[] = [];
      let records = 0;
      for (const type of types) {
        const t0 = performance.now();
        const n = await rawSync(type, since);
        records += n;
        parts.push(`${type} ${n} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      }
      return { records, detail: parts.join("; ") };
    };
    const contractsHeld = async () => db().contract.count({ where: { providerId } });
    // TRUNCATE, not DELETE: each round's first sync starts from tables that never held these
    // contracts, as a real first sync does. After a DELETE, the tables and their indexes still hold
    // the last round's 50,000 dead rows, and each later round ran about a quarter slower.
    // (The bench's firm has no other contracts; audit rows stay, as a firm's history would.)
    const forgetPortalSync = async () => {
      await db().$executeRawUnsafe(`TRUNCATE "Contract", "ProviderFile" CASCADE`);
      await db().syncRun.deleteMany({ where: { providerId, recordType: { in: ["client", "contract", "file"] } } });
      await db().syncCursor.deleteMany({ where: { providerId, recordType: { in: ["client", "contract", "file"] } } });
      await db().syncReviewItem.deleteMany({ where: { providerId } });
    };
    const forgetRaw = () => rawDb.query("truncate bench_raw.client, bench_raw.contract, bench_raw.file");
    const vacuum = async () => {
      await rawDb.query("vacuum analyze");
      // Each phase starts just after a checkpoint: one that falls due inside a phase (every 1 GB of
      // WAL by default) makes that phase write full pages and flush, whichever path it is.
      await rawDb.query("checkpoint");
    };
    const ALL = ["client", "contract", "file"] as Array<"client" | "contract" | "file">;
    const epoch = new Date(0);

    // (a) holders already linked: every provider client has a portal client and a link (not timed).
    if (SCENARIOS.has("a")) {
      const ids = await raw.idListUpdated("client", epoch);
      for (let at = 0; at < ids.length; at += 500) {
        const read = await raw.list("client", ids.slice(at, at + 500));
        const columns = read.records.map((record) => clientColumnsFrom(org.id, advisor.id, record));
        await db().client.createMany({ data: columns });
        await db().providerClientLink.createMany({ data: read.records.map((record, index) => ({ providerId, remoteId: record.id, clientId: columns[index]!.id!, remoteUpdatedAt: record.updatedAt })) });
      }
      await vacuum();
      console.log(`\n(a) first sync, ${ids.length} holders already linked`);
      for (let round = 1; round <= ROUNDS; round++) {
        const order: Array<"portal" | "raw"> = round % 2 === 1 ? ["raw", "portal"] : ["portal", "raw"];
        for (const which of order) {
          if (which === "portal") {
            await forgetPortalSync();
            await vacuum();
            await measure("(a)", "portal", round, async () => {
              const outcome = await portalTypes(ALL);
              return { contracts: await contractsHeld(), ...outcome };
            });
          } else {
            await forgetRaw();
            await measure("(a)", "raw", round, async () => {
              const outcome = await rawTypes(ALL, epoch);
              return { contracts: Number((await rawDb.query("select count(*) from bench_raw.contract")).rows[0].count), ...outcome };
            });
          }
        }
      }
    }

    // (b) holders created from the provider's client records (policy CREATE).
    if (SCENARIOS.has("b")) {
      await db().organization.update({ where: { id: org.id }, data: { unknownHolderPolicy: "CREATE", defaultAdvisorId: advisor.id } });
      console.log(`\n(b) first sync, holders created from the provider's client records (policy CREATE)`);
      for (let round = 1; round <= ROUNDS; round++) {
        const order: Array<"portal" | "raw"> = round % 2 === 1 ? ["raw", "portal"] : ["portal", "raw"];
        for (const which of order) {
          if (which === "portal") {
            await forgetPortalSync();
            await db().providerClientLink.deleteMany({ where: { providerId } });
            await db().client.deleteMany({ where: { organizationId: org.id } });
            await vacuum();
            await measure("(b)", "portal", round, async () => {
              const outcome = await portalTypes(ALL);
              const created = await db().client.count({ where: { organizationId: org.id } });
              return { contracts: await contractsHeld(), records: outcome.records, detail: `${outcome.detail}; ${created} clients created` };
            });
          } else {
            await forgetRaw();
            await measure("(b)", "raw", round, async () => {
              const outcome = await rawTypes(ALL, epoch);
              return { contracts: Number((await rawDb.query("select count(*) from bench_raw.contract")).rows[0].count), ...outcome };
            });
          }
        }
      }
    }

    // (c) CHANGED contracts changed at the provider since the last pull: a delta pull of every type.
    if (SCENARIOS.has("c")) {
      console.log(`\n(c) ${CHANGED} changed contracts`);
      for (let round = 1; round <= ROUNDS; round++) {
        // A new note on each, and the proposals among them (130) under review (240): timeline rows too.
        await sandboxDb.query(
          `with picked as (select id from contracts where consumer_id = $1 order by md5(id || $3) limit $2)
           update contracts c set
             status = case when c.status = 130 then 240 else c.status end,
             record = jsonb_set(jsonb_set(c.record, '{statusNote}', to_jsonb('bench change ' || $3)), '{status}', to_jsonb(case when c.status = 130 then 240 else c.status end)),
             updated_at = date_trunc('milliseconds', now())
           from picked where c.id = picked.id`,
          [CONSUMER, CHANGED, String(round)],
        );
        const cursor = await db().syncCursor.findUniqueOrThrow({ where: { providerId_recordType: { providerId, recordType: "contract" } } });
        const since = new Date(cursor.lastPullStartedAt!.getTime() - OVERLAP_MS);
        const order: Array<"portal" | "raw"> = round % 2 === 1 ? ["raw", "portal"] : ["portal", "raw"];
        for (const which of order) {
          if (which === "portal") {
            await measure("(c)", "portal", round, async () => {
              const changedBefore = await db().contractEvent.count({ where: { contract: { providerId } } });
              const outcome = await portalTypes(ALL);
              const events = (await db().contractEvent.count({ where: { contract: { providerId } } })) - changedBefore;
              return { contracts: CHANGED, records: outcome.records, detail: `${outcome.detail}; ${events} timeline rows` };
            });
          } else {
            await measure("(c)", "raw", round, async () => ({ contracts: CHANGED, ...(await rawTypes(ALL, since)) }));
          }
        }
      }
    }

    // ── 5. Summary ──
    console.log("\nSummary (median over rounds)");
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
    const cpuOf = (runs: Measurement[]) => median(runs.map((r) => r.cpu.node + r.cpu.db + r.cpu.provider));
    let missed = false;
    for (const scenario of ["(a)", "(b)", "(c)"].filter((name) => SCENARIOS.has(name[1]!))) {
      const of = (which: "portal" | "raw") => results.filter((r) => r.scenario === scenario && r.path === which);
      const portal = of("portal");
      const rawRuns = of("raw");
      const portalSeconds = median(portal.map((r) => r.seconds));
      const rawSeconds = median(rawRuns.map((r) => r.seconds));
      // Each round's raw and portal runs are back to back; the machine's speed drifts over a run
      // (the same raw sync took from 7 to 15 s of CPU), so the ratio is taken per round and its
      // median reported.
      const ratios = portal.map((run) => rawRuns.find((r) => r.round === run.round)!.seconds / run.seconds);
      const ratio = median(ratios);
      const rss = Math.max(...portal.map((r) => r.rssMb));
      const first = scenario !== "(c)";
      const contracts = portal[0]!.contracts;
      const checks = [
        `ratio ${ratio.toFixed(3)} (rounds ${ratios.map((r) => r.toFixed(2)).join(", ")}; target ≥ 0.5 ${ratio >= 0.5 ? "OK" : "MISSED"})`,
        first ? `portal ${portalSeconds.toFixed(1)} s (target < 20 s ${portalSeconds < 20 ? "OK" : "MISSED"})` : `portal ${portalSeconds.toFixed(1)} s`,
        `peak RSS ${rss.toFixed(0)} MB (target < 500 MB ${rss < 500 ? "OK" : "MISSED"})`,
      ];
      missed ||= ratio < 0.5 || rss >= 500 || (first && portalSeconds >= 20);
      console.log(
        `${scenario} ${contracts} contracts: portal ${portalSeconds.toFixed(2)} s = ${Math.round(contracts / portalSeconds)}/s, ${median(portal.map((r) => r.sql))} SQL, ${median(portal.map((r) => r.xacts))} xacts, ${median(portal.map((r) => r.http))} HTTP | ` +
          `raw ${rawSeconds.toFixed(2)} s = ${Math.round(contracts / rawSeconds)}/s, ${median(rawRuns.map((r) => r.sql))} SQL, ${median(rawRuns.map((r) => r.xacts))} xacts, ${median(rawRuns.map((r) => r.http))} HTTP | ` +
          `CPU portal ${cpuOf(portal).toFixed(1)} s, raw ${cpuOf(rawRuns).toFixed(1)} s | ${checks.join(", ")}`,
      );
      if (portal.some((r) => r.contracts !== contracts)) console.log(`   warning: the portal held different contract counts across rounds: ${portal.map((r) => r.contracts).join(", ")}`);
    }
    process.exitCode = missed ? 1 : 0;
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    await disconnect?.().catch(() => undefined);
    await stats.end().catch(() => undefined);
    await sandboxDb.end().catch(() => undefined);
    await sandbox?.stop();
    await postgres.stop();
    fs.rmSync(consumersFile, { force: true });
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
