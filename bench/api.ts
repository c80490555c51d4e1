/**
 * npm run bench:api: a throwaway embedded PostgreSQL with one firm (10,000 contracts, 2,000
 * clients), then the /api/v1 route handlers called in-process with real Requests and a real
 * OAuth token (token check, scopes, ids, problem mapping, serialization: everything but the
 * HTTP socket):
 *   1. GET /api/v1/contracts, a page of 100: first page, page 5 via page tokens, a status filter;
 *   2. POST /api/v1/clients/batch with 1,000 records (each committed on its own, through the
 *      client use case), and the same with allOrNone.
 * Each is compared in the same run with a bare route handler that runs the same SQL (no auth,
 * no conventions) and, for the batch, with the client use case called 1,000 times directly and
 * with one bulk INSERT. Prints p50/p99, records per second and the ratios.
 *
 * BENCH_CONTRACTS, BENCH_RUNS, BENCH_BATCH_RUNS change the sizes.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { quantile, timeRuns } from "./lib/timing";
import { findFreePort, startEmbeddedPostgres } from "../scripts/lib/postgres";
import { migrateDeploy } from "../scripts/lib/migrate";
import { prng } from "../sandbox/seed";

const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 10_000);
const CLIENTS = 2_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const BATCH_RUNS = Number(process.env.BENCH_BATCH_RUNS ?? 3);
const BATCH_SIZE = 1_000;
const WARMUP = 10;

function stats(samples: number[]) {
  return { p50: quantile(samples, 0.5), p99: quantile(samples, 0.99) };
}

const time = (fn: () => Promise<unknown>, runs = RUNS, warmup = WARMUP) => timeRuns(fn, runs, warmup);

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pd-bench-api-"));
  fs.chmodSync(dataDir, 0o755);
  const postgres = await startEmbeddedPostgres({ dataDir, port: await findFreePort(), ephemeral: true, log: () => {} });
  try {
    await postgres.ensureDatabase("pd_bench");
    const databaseUrl = postgres.url("pd_bench");
    await migrateDeploy(databaseUrl);
    Object.assign(process.env, { DATABASE_URL: databaseUrl, JOBS_ENABLED: "false", NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"), ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64") });

    const { db } = await import("../lib/db");
    const { createOrganization } = await import("../lib/organizations/create-organization");
    const { createUser } = await import("../lib/users/manage-users");
    const { createApiClient } = await import("../lib/api/api-clients");
    const { createClient } = await import("../lib/clients/save-client");
    const { contractSelect, toApiContract } = await import("../lib/api/serializers");
    const tokenRoute = await import("../app/api/v1/oauth/token/route");
    const contractsRoute = await import("../app/api/v1/contracts/route");
    const batchRoute = await import("../app/api/v1/clients/batch/route");

    // 1. The firm
    const seedStarted = performance.now();
    const random = prng(20261201);
    const org = await createOrganization({ name: "Bench API", slug: "bench-api" });
    const admin = await createUser(org.id, { name: "Ada Admin", email: "admin@bench-api.proposal-desk.test", role: "ADMIN", password: "bench-password-2026" });
    const actor = { id: admin.id, organizationId: org.id, role: "ADMIN" as const, name: "Ada Admin" };
    const provider = await db().provider.create({ data: { organizationId: org.id, name: "Bench Provider", baseUrl: "http://127.0.0.1:1", consumerId: "bench", publicKeyPem: "-", privateKeyEnc: "-" }, select: { id: true } });
    const clientIds: string[] = [];
    for (let start = 0; start < CLIENTS; start += 1000) {
      const batch = Array.from({ length: 1000 }, (_, offset) => ({ id: `cbenchapi${String(start + offset).padStart(16, "0")}`, organizationId: org.id, ownerId: admin.id, firstName: "Maria", lastName: `Bench${start + offset}`, displayName: `Bench${start + offset}, Maria`, searchText: `maria bench${start + offset}` }));
      await db().client.createMany({ data: batch });
      clientIds.push(...batch.map((row) => row.id));
    }
    const statuses = [0, 110, 120, 130, 230, 240, 320, 320, 320, 410];
    const now = Date.now();
    for (let start = 0; start < CONTRACTS; start += 1000) {
      await db().contract.createMany({
        data: Array.from({ length: Math.min(1000, CONTRACTS - start) }, () => {
          const createdAt = new Date(Math.floor((now - random() * 400 * 86_400_000) / 60_000) * 60_000);
          return { organizationId: org.id, providerId: provider.id, clientId: clientIds[Math.floor(random() * clientIds.length)]!, advisorId: admin.id, status: statuses[Math.floor(random() * statuses.length)]!, createdAt, statusChangedAt: createdAt, premium: (10 + random() * 190).toFixed(2), currency: "EUR", callbackToken: crypto.randomBytes(16).toString("base64url") };
        }),
      });
    }
    await db().$executeRawUnsafe("ANALYZE");
    console.log(`Seeded ${CLIENTS} clients and ${CONTRACTS} contracts in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s.`);

    // 2. A token, as a remote system gets it
    const apiClient = await createApiClient(actor, { name: "Bench", scopes: ["clients:read", "clients:write", "clients:pii", "contracts:read"] });
    // Tokens live 5 minutes; like a real client, get a new one shortly before it expires.
    let token = { value: "", at: 0 };
    const auth = async () => {
      if (Date.now() - token.at > 240_000) {
        const response = await tokenRoute.POST(new Request("http://localhost/api/v1/oauth/token", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ grant_type: "client_credentials", client_id: apiClient.clientId, client_secret: apiClient.clientSecret }) }));
        token = { value: ((await response.json()) as { access_token: string }).access_token, at: Date.now() };
      }
      return { authorization: `Bearer ${token.value}` };
    };
    const noParams = { params: Promise.resolve({}) };

    const apiGet = async (search: string) => {
      const response = await contractsRoute.GET(new Request(`http://localhost/api/v1/contracts${search}`, { headers: await auth() }), noParams);
      if (response.status !== 200) throw new Error(`GET /contracts${search}: ${response.status} ${await response.text()}`);
      return (await response.json()) as { data: unknown[]; nextPageToken: string | null };
    };
    // The bare route: the same SQL and the same JSON, none of the API's conventions.
    const bareRoute = async (request: Request) => {
      const url = new URL(request.url);
      const status = url.searchParams.get("status");
      const rows = await db().contract.findMany({ where: { organizationId: org.id, ...(status ? { status: Number(status) } : {}) }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 101, select: contractSelect });
      return Response.json({ data: rows.slice(0, 100).map(toApiContract) });
    };
    const bareGet = async (search: string) => (await (await bareRoute(new Request(`http://localhost/bare${search}`))).json()) as unknown;
    const rawSql = () => db().$queryRawUnsafe(`SELECT * FROM "Contract" WHERE "organizationId" = $1 ORDER BY "createdAt" DESC, id DESC LIMIT 101`, org.id);

    let pageToken: string | null = null;
    for (let page = 1; page < 5; page++) pageToken = (await apiGet(`?pageSize=100${pageToken ? `&pageToken=${pageToken}` : ""}`)).nextPageToken;
    const rows: Array<{ name: string; samples: number[]; baseline?: number[]; records?: number }> = [];
    rows.push({ name: "GET /contracts page 1 (100 of 10,000)", samples: await time(() => apiGet("?pageSize=100")), baseline: await time(() => bareGet("")) });
    rows.push({ name: "GET /contracts page 5 via pageToken", samples: await time(() => apiGet(`?pageSize=100&pageToken=${pageToken}`)), baseline: await time(() => bareGet("")) });
    rows.push({ name: "GET /contracts?status=320", samples: await time(() => apiGet("?pageSize=100&status=320")), baseline: await time(() => bareGet("?status=320")) });
    rows.push({ name: "raw SQL (same page, no mapping)", samples: await time(rawSql) });

    // 3. Batches of 1,000 clients
    let serial = 0;
    const records = () => Array.from({ length: BATCH_SIZE }, () => ({ kind: "PERSON", firstName: "Batch", lastName: `Client ${serial++}`, email: `batch${serial}@example.com`, city: "Berlin" }));
    const apiBatch = async (allOrNone: boolean) => {
      const response = await batchRoute.POST(new Request("http://localhost/api/v1/clients/batch", { method: "POST", headers: { ...(await auth()), "content-type": "application/json", "idempotency-key": crypto.randomUUID() }, body: JSON.stringify({ allOrNone, records: records() }) }), noParams);
      const body = (await response.json()) as { succeeded: number };
      if (response.status !== 200 || body.succeeded !== BATCH_SIZE) throw new Error(`batch: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
    };
    const useCaseLoop = async () => {
      for (const record of records()) await createClient(actor, record);
    };
    const bulkInsert = async () => {
      await db().client.createMany({ data: records().map((record) => ({ organizationId: org.id, ownerId: admin.id, kind: "PERSON" as const, firstName: record.firstName, lastName: record.lastName, displayName: `${record.lastName}, ${record.firstName}`, searchText: `${record.firstName} ${record.lastName}`.toLowerCase(), email: record.email, city: record.city })) });
    };
    rows.push({ name: "POST /clients/batch (1,000, per record)", samples: await time(() => apiBatch(false), BATCH_RUNS, 1), baseline: await time(useCaseLoop, BATCH_RUNS, 1), records: BATCH_SIZE });
    rows.push({ name: "POST /clients/batch (1,000, allOrNone)", samples: await time(() => apiBatch(true), BATCH_RUNS, 1), baseline: await time(bulkInsert, BATCH_RUNS, 1), records: BATCH_SIZE });

    console.log("\n| scenario | p50 ms | p99 ms | records/s | baseline p50 ms | ratio |");
    console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (const row of rows) {
      const { p50, p99 } = stats(row.samples);
      const base = row.baseline ? stats(row.baseline).p50 : undefined;
      const perSecond = ((row.records ?? 100) / p50) * 1000;
      console.log(`| ${row.name} | ${p50.toFixed(1)} | ${p99.toFixed(1)} | ${Math.round(perSecond).toLocaleString("en")} | ${base?.toFixed(1) ?? "–"} | ${base ? `${(p50 / base).toFixed(2)}×` : "–"} |`);
    }
    console.log("\nBaselines: the contract pages against a bare route handler running the same Prisma query and mapping;");
    console.log("the per-record batch against the client use case called 1,000 times directly; the allOrNone batch against one bulk INSERT.");
    await db().$disconnect();
  } finally {
    await postgres.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
