/**
 * npm run bench:sync-resume (issue 10, "How it will be checked"): a first sync of 50,000 contracts
 * from a provider of another make, with the portal killed once in the middle. A throwaway embedded
 * PostgreSQL; the sandbox speaking the "numeric-ids" dialect (digit ids, numbers as strings,
 * second timestamps) with 50,000 contracts over 5,000 clients and 85,000 file records; a firm that
 * knows none of the holders (policy CREATE). `npm run worker` is started as its own process, the
 * provider's sync queued, and the worker killed (SIGKILL) once the contract sync is 40 % through.
 * A second worker is started; its watchdog hands it the stalled run, which it resumes.
 *
 * Printed: when the kill came, how long the run lay stalled (SYNC_STALL_SECONDS) and how long the
 * new worker took to resume and finish, each worker's peak RSS, and the checks: every contract
 * there once (found once on its timeline), one client per holder and each linked, every file
 * record once, one run per record type. Exits 1 when a check fails.
 *
 * BENCH_CONTRACTS, BENCH_CLIENTS, BENCH_FILES (file records; 0 for none), BENCH_DIALECT,
 * BENCH_KILL_AT (share of the contract run, 0.4) and BENCH_STALL_SECONDS (the worker's
 * SYNC_STALL_SECONDS; default the product's 120) change the run.
 */
import type { ChildProcess } from "node:child_process";
import crypto, { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { findFreePort, startEmbeddedPostgres } from "../scripts/lib/postgres";
import { migrateDeploy } from "../scripts/lib/migrate";
import { startSandboxProcess } from "../sandbox/process";
import { killWorkerProcess, startWorkerProcess } from "../scripts/lib/worker-process";

const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 50_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? Math.ceil(CONTRACTS / 10));
const FILES = Number(process.env.BENCH_FILES ?? Math.round(CONTRACTS * 1.7));
const DIALECT = process.env.BENCH_DIALECT ?? "numeric-ids";
const KILL_AT = Number(process.env.BENCH_KILL_AT ?? 0.4);
const STALL_SECONDS = process.env.BENCH_STALL_SECONDS ?? "120";
const AUDIENCE = "finum-sandbox-bench-resume";
const CONSUMER = "bench-resume";

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Peak RSS of a running process, sampled (VmHWM is the kernel's own high-water mark). */
function peakRssMb(pid: number): number {
  try {
    return Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pd-bench-resume-"));
  fs.chmodSync(dataDir, 0o755);
  const postgres = await startEmbeddedPostgres({ dataDir, port: await findFreePort(), ephemeral: true, log: () => {} });
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
  const consumersFile = path.join(dataDir, "..", `pd-bench-resume-consumers-${process.pid}.json`);
  fs.writeFileSync(consumersFile, JSON.stringify([{ consumerId: CONSUMER, publicKeyPem: publicKey, dialect: DIALECT }]));
  const workers: ChildProcess[] = [];
  let sandbox: Awaited<ReturnType<typeof startSandboxProcess>> | undefined;
  let portal: pg.Client | undefined;
  let failures = 0;
  try {
    // ── The provider: another make, 50,000 contracts over 5,000 clients, 85,000 file records ──
    await postgres.ensureDatabase("finum_sandbox_resume");
    await postgres.ensureDatabase("pd_bench_resume");
    const seeding = performance.now();
    sandbox = await startSandboxProcess({
      databaseUrl: postgres.url("finum_sandbox_resume"),
      env: { SANDBOX_CONSUMERS_FILE: consumersFile, SANDBOX_AUDIENCE: AUDIENCE, SANDBOX_LOG: "quiet" },
      startTimeoutMs: 120_000,
    });
    const seed = await fetch(`${sandbox.url}/admin/seed`, {
      method: "POST",
      headers: { authorization: `Bearer ${sandbox.adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({ consumerId: CONSUMER, contracts: CONTRACTS, clients: CLIENTS }),
      signal: AbortSignal.timeout(600_000),
    });
    if (!seed.ok) throw new Error(`Seeding the sandbox failed: ${seed.status} ${await seed.text()}`);
    const sandboxDb = new pg.Client({ connectionString: postgres.url("finum_sandbox_resume") });
    await sandboxDb.connect();
    // File records (metadata; the document queue fetches the bytes later): one per contract, a
    // second for some, with the dialect's short digit ids.
    await sandboxDb.query(
      `insert into files (id, consumer_id, contract_id, record, content, updated_at)
       select (1000000000 + n)::text, consumer_id, id,
              jsonb_build_object('name', kind || '-' || id || '.pdf', 'contentType', 'application/pdf', 'size', 4,
                                 'sha256', encode(sha256('%PDF'::bytea), 'hex'), 'contractId', id, 'kind', kind),
              '%PDF'::bytea, updated_at
       from (select c.consumer_id, c.id, c.updated_at, k.kind, row_number() over () as n
             from contracts c cross join (values ('proposal'), ('policy')) as k(kind)
             where c.consumer_id = $1
             order by k.kind desc, c.id
             limit $2) as f`,
      [CONSUMER, FILES],
    );
    await sandboxDb.query("analyze files");
    const counts = (await sandboxDb.query<{ contracts: string; clients: string; files: string }>(
      `select (select count(*) from contracts where consumer_id = $1) as contracts, (select count(*) from clients where consumer_id = $1) as clients,
              (select count(*) from files where consumer_id = $1) as files`,
      [CONSUMER],
    )).rows[0]!;
    await sandboxDb.end();
    console.log(`Provider (dialect ${DIALECT}): ${counts.contracts} contracts, ${counts.clients} clients, ${counts.files} file records, seeded in ${seconds(performance.now() - seeding)}.`);

    // ── The portal: a firm that knows none of the holders ──
    const databaseUrl = postgres.url("pd_bench_resume");
    await migrateDeploy(databaseUrl);
    const secrets = { NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"), ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64") };
    Object.assign(process.env, { DATABASE_URL: databaseUrl, JOBS_ENABLED: "false", LOG_LEVEL: "warn" }, secrets);
    const { db } = await import("../lib/db");
    const { createOrganization } = await import("../lib/organizations/create-organization");
    const { createUser } = await import("../lib/users/manage-users");
    const { registerProvider } = await import("../lib/providers/register-provider");
    const { updateSyncSettings } = await import("../lib/sync/sync-settings");
    const { boss, stopBoss } = await import("../lib/jobs/boss");
    const { enqueueProviderSync } = await import("../lib/jobs/engine-jobs");
    const org = await createOrganization({ name: "Bench Resume", slug: "bench-resume" });
    const admin = await createUser(org.id, { name: "Ada Admin", email: "admin@bench-resume.test", role: "ADMIN", password: "bench-password-2026" });
    const advisor = await createUser(org.id, { name: "Ben Advisor", email: "ben@bench-resume.test", role: "ADVISOR", password: "bench-password-2026" });
    const actor = { id: admin.id, organizationId: org.id, role: "ADMIN" as const };
    const { id: providerId } = await registerProvider(org.id, { name: "Foreign Provider", baseUrl: sandbox.url, consumerId: CONSUMER, audience: AUDIENCE }, { actor, keyPair: { privateKeyPem: privateKey, publicKeyPem: publicKey }, enabled: true });
    await updateSyncSettings(actor, { unknownHolderPolicy: "CREATE", defaultAdvisorId: advisor.id });
    portal = new pg.Client({ connectionString: databaseUrl });
    await portal.connect();
    const contractRun = async () =>
      (await portal!.query<{ id: string; state: string; position: number; total: number; heartbeat: Date }>(
        `select id, state, position, cardinality(ids) as total, "heartbeatAt" as heartbeat from "SyncRun" where "providerId" = $1 and "recordType" = 'contract' order by "startedAt" desc limit 1`,
        [providerId],
      )).rows[0];

    const startWorker = async () => {
      const child = await startWorkerProcess({ ...process.env, ...secrets, DATABASE_URL: databaseUrl, JOBS_ENABLED: "true", LOG_LEVEL: "info", WORKER_NICENESS: "0", SYNC_INTERVAL_MINUTES: "1440", SYNC_STALL_SECONDS: STALL_SECONDS });
      workers.push(child);
      return child;
    };

    // ── First worker: the sync starts; killed once the contract run is KILL_AT through ──
    const started = performance.now();
    const first = await startWorker();
    await enqueueProviderSync(await boss(), providerId);
    let firstPeak = 0;
    for (;;) {
      firstPeak = Math.max(firstPeak, peakRssMb(first.pid!));
      const run = await contractRun();
      if (run && run.position >= run.total * KILL_AT) break;
      if (first.exitCode !== null) throw new Error("The first worker stopped by itself");
      await sleep(100);
    }
    firstPeak = Math.max(firstPeak, peakRssMb(first.pid!));
    await killWorkerProcess(first);
    const killedAt = performance.now();
    const atKill = (await contractRun())!;
    const contractsAtKill = Number((await portal.query(`select count(*) from "Contract" where "providerId" = $1`, [providerId])).rows[0].count);
    console.log(`Killed the worker (SIGKILL) ${seconds(killedAt - started)} after the sync was queued: contract run at ${atKill.position} of ${atKill.total}, ${contractsAtKill} contracts in, peak RSS ${firstPeak.toFixed(0)} MB.`);

    // ── Second worker: its watchdog hands it the stalled run ──
    const second = await startWorker();
    let secondPeak = 0;
    let resumedAt = 0;
    for (;;) {
      secondPeak = Math.max(secondPeak, peakRssMb(second.pid!));
      const run = (await contractRun())!;
      if (!resumedAt && run.position > atKill.position) resumedAt = performance.now();
      const fileRun = (await portal.query(`select state from "SyncRun" where "providerId" = $1 and "recordType" = 'file' order by "startedAt" desc limit 1`, [providerId])).rows[0];
      if (run.state === "DONE" && fileRun?.state === "DONE") break;
      if (run.state === "FAILED" || fileRun?.state === "FAILED") throw new Error(`A run failed: ${JSON.stringify({ contract: run.state, file: fileRun?.state })}`);
      if (second.exitCode !== null) throw new Error("The second worker stopped by itself");
      if (performance.now() - killedAt > 30 * 60_000) throw new Error("The sync did not finish within 30 minutes of the kill");
      await sleep(250);
    }
    const finishedAt = performance.now();
    secondPeak = Math.max(secondPeak, peakRssMb(second.pid!));
    console.log(`Second worker: took the run over ${seconds(resumedAt - killedAt)} after the kill (SYNC_STALL_SECONDS=${STALL_SECONDS}, then the next watchdog minute);`);
    console.log(`  contracts and files done ${seconds(finishedAt - resumedAt)} after resuming; ${seconds(finishedAt - started)} in all; peak RSS ${secondPeak.toFixed(0)} MB.`);

    // ── The checks ──
    const one = async (sql: string) => Number(Object.values((await portal!.query(sql, [providerId, org.id])).rows[0] as object)[0]);
    const checks: Array<[string, number, number]> = [
      ["contracts", await one(`select count(*) from "Contract" where "providerId" = $1 and $2 <> ''`), Number(counts.contracts)],
      ["distinct remote contract ids", await one(`select count(distinct "remoteId") from "Contract" where "providerId" = $1 and $2 <> ''`), Number(counts.contracts)],
      ["contracts found more than once on their timeline", await one(`select count(*) from (select e."contractId" from "ContractEvent" e join "Contract" c on c.id = e."contractId" where c."providerId" = $1 and $2 <> '' and e."fromStatus" is null group by 1 having count(*) > 1) x`), 0],
      ["contracts never found on their timeline", await one(`select count(*) from "Contract" c where c."providerId" = $1 and $2 <> '' and not exists (select 1 from "ContractEvent" e where e."contractId" = c.id and e."fromStatus" is null)`), 0],
      ["clients of the firm", await one(`select count(*) from "Client" where "organizationId" = $2 and $1 <> ''`), await one(`select count(distinct "clientId") from "Contract" where "providerId" = $1 and $2 <> ''`)],
      ["clients without their provider link", await one(`select count(*) from "Client" c where c."organizationId" = $2 and not exists (select 1 from "ProviderClientLink" l where l."clientId" = c.id and l."providerId" = $1)`), 0],
      ["file records", await one(`select count(*) from "ProviderFile" where "providerId" = $1 and $2 <> ''`), Number(counts.files)],
      ["contract runs", await one(`select count(*) from "SyncRun" where "providerId" = $1 and "recordType" = 'contract' and $2 <> ''`), 1],
      ["review items", await one(`select count(*) from "SyncReviewItem" where "organizationId" = $2 and $1 <> ''`), 0],
    ];
    for (const [what, got, expected] of checks) {
      const ok = got === expected;
      if (!ok) failures++;
      console.log(`  ${ok ? "ok  " : "FAIL"} ${what}: ${got}${ok ? "" : ` (expected ${expected})`}`);
    }
    console.log(failures === 0 ? "Every check passed." : `${failures} check(s) failed.`);
    await stopBoss();
    await db().$disconnect();
  } finally {
    await Promise.all(workers.map(killWorkerProcess));
    await portal?.end().catch(() => undefined);
    await sandbox?.stop().catch(() => undefined);
    await postgres.stop().catch(() => undefined);
    fs.rmSync(consumersFile, { force: true });
  }
  process.exit(failures === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
