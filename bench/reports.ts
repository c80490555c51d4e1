/**
 * npm run bench:reports: a throwaway embedded PostgreSQL with one firm (an admin, 10 advisors,
 * 4 providers with 4 products each, 10,000 clients) and 100,000 contracts with their timelines
 * (about 450,000 ContractEvent rows: draft, 120, 130, the customer's approval, 230, 320, 410 as far
 * as each contract got, over 400 days), then each report timed through lib/reports for the admin
 * (whole firm, a year and the default 90 days), the admin filtered to one advisor, and an advisor.
 *
 * Beside each figure: the ratio to a baseline measured in the same run on the same rows, a bare
 * COUNT(*) of the scope's timeline rows (the least any report over them must read). Target (issue
 * 14, item 8): each report under 1 s.
 *
 * BENCH_CONTRACTS and BENCH_RUNS change the sizes; BENCH_EXPLAIN=1 prints each report's plan
 * (EXPLAIN ANALYZE) for the first scenario.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { quantile, timeRuns } from "./lib/timing";
import { findFreePort, startEmbeddedPostgres } from "../scripts/lib/postgres";
import { migrateDeploy } from "../scripts/lib/migrate";

const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const WARMUP = 2;
const TARGET_MS = 1_000;
const ADVISORS = 10;

function stats(samples: number[]) {
  return { p50: quantile(samples, 0.5), p95: quantile(samples, 0.95) };
}

const time = (fn: () => Promise<unknown>) => timeRuns(fn, RUNS, WARMUP);

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pd-bench-reports-"));
  fs.chmodSync(dataDir, 0o755); // the embedded server may run as the `postgres` user
  const postgres = await startEmbeddedPostgres({ dataDir, port: await findFreePort(), ephemeral: true, log: () => {} });
  const results: Array<{ name: string; samples: number[]; baseline: number[]; detail: string }> = [];
  try {
    await postgres.ensureDatabase("pd_bench");
    const databaseUrl = postgres.url("pd_bench");
    await migrateDeploy(databaseUrl);
    Object.assign(process.env, { DATABASE_URL: databaseUrl, JOBS_ENABLED: "false", NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"), ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64") });

    const { db } = await import("../lib/db");
    const { createOrganization } = await import("../lib/organizations/create-organization");
    const { createUser } = await import("../lib/users/manage-users");
    const { reportQueryOf, todayInBerlin } = await import("../lib/reports/filters");
    const { funnelReport, turnaroundReport, timeInStatusReport, REPORT_SQL } = await import("../lib/reports/reports");

    // 1. The firm, its people and providers, through lib/ and Prisma.
    const seedStarted = performance.now();
    const org = await createOrganization({ name: "Bench Finanzberatung", slug: "bench-reports" });
    const admin = { id: (await createUser(org.id, { name: "Ada Admin", email: "admin@bench.proposal-desk.test", role: "ADMIN", password: "bench-password-2026" })).id, organizationId: org.id, role: "ADMIN" as const };
    const advisorIds: string[] = [];
    for (let index = 1; index <= ADVISORS; index++) {
      advisorIds.push((await createUser(org.id, { name: `Advisor ${index}`, email: `advisor${index}@bench.proposal-desk.test`, role: "ADVISOR", password: "bench-password-2026" })).id);
    }
    const productIds: string[] = [];
    for (const name of ["Allianz Sandbox", "Hanse Leben", "Nordstern Versicherung", "Elbe Leben"]) {
      const provider = await db().provider.create({ data: { organizationId: org.id, name, baseUrl: "http://127.0.0.1:1", consumerId: "bench", publicKeyPem: "bench", privateKeyEnc: "bench", enabled: false }, select: { id: true } });
      for (const product of ["Privathaftpflicht", "Hausrat Plus", "Berufsunfähigkeit", "Risikoleben"]) {
        productIds.push((await db().product.create({ data: { providerId: provider.id, remoteId: crypto.randomUUID(), name: product, line: "bench" }, select: { id: true } })).id);
      }
    }

    // 2. Clients, contracts and their timelines in SQL (deterministic: setseed).
    await db().$executeRawUnsafe(`SELECT setseed(0.2026)`);
    await db().$executeRaw`
      INSERT INTO "Client" ("id", "organizationId", "ownerId", "firstName", "lastName", "displayName", "searchText", "updatedAt")
      SELECT 'cbench' || lpad(i::text, 8, '0'), ${org.id}, (${advisorIds}::text[])[1 + i % ${ADVISORS}], 'Kunde', 'Nr' || i, 'Nr' || i || ', Kunde', 'kunde nr' || i, now()
      FROM generate_series(0, 9999) AS i`;
    // How far each contract got: 0 draft, 1 requested, 2 proposal, 3 ordered (after approval), 4 active, 5 terminated.
    await db().$executeRawUnsafe(`CREATE UNLOGGED TABLE bench_plan AS
      SELECT i, 'kbench' || lpad(i::text, 8, '0') AS id, 'cbench' || lpad((i % 10000)::text, 8, '0') AS client,
        CASE WHEN r < 0.10 THEN 0 WHEN r < 0.20 THEN 1 WHEN r < 0.45 THEN 2 WHEN r < 0.55 THEN 3 WHEN r < 0.95 THEN 4 ELSE 5 END AS stage,
        now() - random() * interval '400 days' AS t0,
        interval '1 hour' * (12 + random() * 240) AS d130, interval '1 hour' * (2 + random() * 96) AS dapp,
        interval '1 hour' * (24 + random() * 480) AS d320, interval '1 day' * (30 + random() * 300) AS d410
      FROM (SELECT i, random() AS r FROM generate_series(1, ${CONTRACTS}) AS i) AS drawn`);
    await db().$executeRaw`
      INSERT INTO "Contract" ("id", "organizationId", "providerId", "clientId", "productId", "advisorId", "status", "statusChangedAt", "callbackToken", "createdAt", "updatedAt")
      SELECT p.id, ${org.id}, pr."providerId", p.client, pr."id", c."ownerId", (ARRAY[0, 120, 130, 230, 320, 410])[p.stage + 1], p.t0, md5(p.id), p.t0, now()
      FROM bench_plan p JOIN "Client" c ON c."id" = p.client JOIN "Product" pr ON pr."id" = (${productIds}::text[])[1 + p.i % ${productIds.length}]`;
    await db().$executeRawUnsafe(`
      INSERT INTO "ContractEvent" ("id", "contractId", "kind", "fromStatus", "toStatus", "source", "at")
      SELECT md5(p.id || e.kind || e.to_status), p.id, e.kind, e.from_status, e.to_status, e.source::"EventSource", e.at
      FROM bench_plan p CROSS JOIN LATERAL (VALUES
        (0, 'status', NULL::int, 0, 'ADVISOR', p.t0),
        (1, 'status', 0, 120, 'ADVISOR', p.t0 + interval '3 hours'),
        (2, 'status', 120, 130, 'CALLBACK', p.t0 + interval '3 hours' + p.d130),
        (3, 'approval.approved', 130, 130, 'CUSTOMER', p.t0 + interval '3 hours' + p.d130 + p.dapp),
        (3, 'status', 130, 230, 'ADVISOR', p.t0 + interval '4 hours' + p.d130 + p.dapp),
        (4, 'status', 230, 320, 'CALLBACK', p.t0 + interval '4 hours' + p.d130 + p.dapp + p.d320),
        (5, 'status', 320, 410, 'CALLBACK', p.t0 + interval '4 hours' + p.d130 + p.dapp + p.d320 + p.d410)
      ) AS e(stage, kind, from_status, to_status, source, at)
      WHERE e.stage <= p.stage`);
    await db().$executeRawUnsafe(`DROP TABLE bench_plan`);
    // What autovacuum would have done by now on a live database (the visibility map lets the reports read the index alone).
    await db().$executeRawUnsafe("VACUUM ANALYZE");
    const events = await db().contractEvent.count();
    console.log(`Seeded 1 firm, ${ADVISORS + 1} users, 10,000 clients, ${CONTRACTS.toLocaleString("en")} contracts, ${events.toLocaleString("en")} timeline rows in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s.`);

    // 3. The reports, as the page calls them, against the baseline on the same rows.
    const today = todayInBerlin();
    const yearAgo = new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10);
    const advisor = { id: advisorIds[0]!, organizationId: org.id, role: "ADVISOR" as const };
    const scenarios = [
      ["admin, a year", admin, { from: yearAgo, to: today }],
      ["admin, last 90 days", admin, {}],
      ["admin, one advisor, a year", admin, { from: yearAgo, to: today, advisor: advisorIds[1]! }],
      ["advisor, a year", advisor, { from: yearAgo, to: today }],
    ] as const;
    for (const [who, viewer, params] of scenarios) {
      const query = await reportQueryOf(viewer, params);
      if (process.env.BENCH_EXPLAIN === "1" && who === scenarios[0][0]) {
        for (const [name, build] of Object.entries(REPORT_SQL)) {
          const sql = build(query);
          const plan = await db().$transaction(async (tx) => {
            await tx.$executeRaw`SET LOCAL work_mem = '64MB'`;
            return tx.$queryRawUnsafe<Array<{ "QUERY PLAN": string }>>(`EXPLAIN (ANALYZE, BUFFERS) ${sql.text}`, ...sql.values);
          }, { timeout: 60_000 });
          console.log(`\n── ${name}: ${who}\n${plan.map((line) => line["QUERY PLAN"]).join("\n")}`);
        }
      }
      const baselineQuery = () =>
        query.advisorId
          ? db().$queryRaw`SELECT count(*) FROM "ContractEvent" e JOIN "Contract" c ON c."id" = e."contractId" WHERE c."organizationId" = ${query.organizationId} AND c."advisorId" = ${query.advisorId}`
          : db().$queryRaw`SELECT count(*) FROM "ContractEvent" e JOIN "Contract" c ON c."id" = e."contractId" WHERE c."organizationId" = ${query.organizationId}`;
      const baseline = await time(baselineQuery);
      const funnel = await funnelReport(query);
      results.push({ name: `funnel: ${who}`, samples: await time(() => funnelReport(query)), baseline, detail: `${funnel.steps[0]!.count} started` });
      const turnaround = await turnaroundReport(query);
      results.push({ name: `turnaround: ${who}`, samples: await time(() => turnaroundReport(query)), baseline, detail: `${turnaround.length} rows` });
      const stays = await timeInStatusReport(query);
      results.push({ name: `time in status: ${who}`, samples: await time(() => timeInStatusReport(query)), baseline, detail: `${stays.reduce((sum, row) => sum + row.count, 0)} stays` });
    }
  } finally {
    const { db } = await import("../lib/db").catch(() => ({ db: null }));
    await db?.().$disconnect().catch(() => {});
    await postgres.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  console.log("");
  console.log(`${"report".padEnd(42)} ${"figures".padStart(14)} ${"p50".padStart(9)} ${"p95".padStart(9)} ${"baseline".padStart(9)} ${"ratio".padStart(6)}  target`);
  let missed = false;
  for (const { name, samples, baseline, detail } of results) {
    const s = stats(samples);
    const base = stats(baseline).p50;
    const ok = s.p95 < TARGET_MS;
    missed ||= !ok;
    const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(9);
    console.log(`${name.padEnd(42)} ${detail.padStart(14)} ${ms(s.p50)} ${ms(s.p95)} ${ms(base)} ${`×${(s.p50 / base).toFixed(1)}`.padStart(6)}  < ${TARGET_MS} ms ${ok ? "OK" : "MISSED"}`);
  }
  console.log(`\n${RUNS} runs each after ${WARMUP} warm-up runs; baseline = p50 of COUNT(*) over the scope's timeline rows; ratio = report p50 / baseline p50.`);
  process.exitCode = missed ? 1 : 0;
}

await main();
