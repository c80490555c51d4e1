/**
 * npm run bench:dashboard: a throwaway embedded PostgreSQL with one firm (an admin, 5 advisors,
 * 2,000 clients, 10,000 contracts over every status, 3 providers and their products), then
 * getPipeline timed for the admin and for an advisor: first page, a phase, a provider, a client
 * search, and page 3 reached through page tokens. Target (issue 4, item 10): the page is served
 * in under 200 ms. With a production build present (`npm run build`), the page is also fetched
 * over HTTP from `next start`, signed in, which includes the session check and the rendering.
 *
 * BENCH_CONTRACTS, BENCH_CLIENTS, BENCH_RUNS change the sizes; BENCH_HTTP=0 skips the HTTP part.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { quantile, timeRuns } from "./lib/timing";
import { findFreePort, startEmbeddedPostgres } from "../scripts/lib/postgres";
import { migrateDeploy } from "../scripts/lib/migrate";
// Deterministic numbers, so two runs measure the same data.
import { prng } from "../sandbox/seed";

const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 10_000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 2_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = 5;
const TARGET_MS = 200;
const PASSWORD = "bench-password-2026";
const ROOT = path.join(import.meta.dirname, "..");

// Statuses in roughly the proportions of a working book: most contracts in force, a live pipeline on top.
const STATUS_WEIGHTS: Array<[number, number]> = [
  [0, 4], [110, 6], [120, 8], [130, 10], [230, 6], [240, 4], [320, 48], [410, 6], [420, 4], [430, 4],
];
const DAY = 86_400_000;

function stats(samples: number[]) {
  return { median: quantile(samples, 0.5), p95: quantile(samples, 0.95), max: Math.max(...samples) };
}

const time = (fn: () => Promise<unknown>) => timeRuns(fn, RUNS, WARMUP);

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pd-bench-dashboard-"));
  fs.chmodSync(dataDir, 0o755); // the embedded server may run as the `postgres` user
  const postgres = await startEmbeddedPostgres({ dataDir, port: await findFreePort(), ephemeral: true, log: () => {} });
  const results: Array<{ name: string; samples: number[]; rows: string }> = [];
  let stopHttp: (() => Promise<void>) | undefined;
  try {
    await postgres.ensureDatabase("pd_bench");
    const databaseUrl = postgres.url("pd_bench");
    await migrateDeploy(databaseUrl);
    // lib/ reads its configuration lazily; set it before the first import.
    const secrets = { NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"), ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64") };
    Object.assign(process.env, { DATABASE_URL: databaseUrl, JOBS_ENABLED: "false", ...secrets });

    const { db } = await import("../lib/db");
    const { createOrganization } = await import("../lib/organizations/create-organization");
    const { createUser } = await import("../lib/users/manage-users");
    const { getPipeline } = await import("../lib/contracts/pipeline");

    // 1. The firm
    const seedStarted = performance.now();
    const random = prng(20260301);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    const org = await createOrganization({ name: "Bench Finanzberatung", slug: "bench" });
    const adminId = (await createUser(org.id, { name: "Ada Admin", email: "admin@bench.proposal-desk.test", role: "ADMIN", password: PASSWORD })).id;
    const advisorIds: string[] = [];
    for (let index = 1; index <= 5; index++) {
      advisorIds.push((await createUser(org.id, { name: `Advisor ${index}`, email: `advisor${index}@bench.proposal-desk.test`, role: "ADVISOR", password: PASSWORD })).id);
    }
    const providers = await Promise.all(
      ["Allianz Sandbox", "Hanse Leben", "Nordstern Versicherung"].map((name) =>
        db().provider.create({
          data: { organizationId: org.id, name, baseUrl: "http://127.0.0.1:1", consumerId: "bench", publicKeyPem: "bench-public-key", privateKeyEnc: "bench-not-a-key" },
          select: { id: true },
        }),
      ),
    );
    const products: Array<{ id: string; providerId: string }> = [];
    for (const provider of providers) {
      for (const name of ["Privathaftpflicht", "Hausrat Plus", "Berufsunfähigkeit", "Risikoleben"]) {
        products.push(await db().product.create({ data: { providerId: provider.id, remoteId: crypto.randomUUID(), name, line: name.toLowerCase() }, select: { id: true, providerId: true } }));
      }
    }

    // 2. Clients and contracts, in batches
    const firstNames = ["Maria", "Jonas", "Lea", "Paul", "Sophie", "Lukas", "Emma", "Felix", "Mia", "Noah", "Hannah", "Elias"];
    const lastNames = ["Schneider", "Keller", "Wagner", "Becker", "Hoffmann", "Schulz", "Koch", "Richter", "Wolf", "Neumann", "Braun", "Zimmermann"];
    const clients: Array<{ id: string; ownerId: string }> = [];
    for (let start = 0; start < CLIENTS; start += 1000) {
      const batch = Array.from({ length: Math.min(1000, CLIENTS - start) }, (_, offset) => {
        const index = start + offset;
        const firstName = pick(firstNames);
        const lastName = `${pick(lastNames)}${index}`;
        const email = `${firstName}.${lastName}@example.com`.toLowerCase();
        return {
          id: `cbench${String(index).padStart(19, "0")}`,
          organizationId: org.id,
          ownerId: advisorIds[index % advisorIds.length]!,
          firstName,
          lastName,
          displayName: `${lastName}, ${firstName}`,
          searchText: `${firstName} ${lastName} ${email}`.toLowerCase(),
          email,
        };
      });
      await db().client.createMany({ data: batch });
      clients.push(...batch.map(({ id, ownerId }) => ({ id, ownerId })));
    }
    const totalWeight = STATUS_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
    const statusOf = () => {
      let roll = random() * totalWeight;
      for (const [status, weight] of STATUS_WEIGHTS) if ((roll -= weight) < 0) return status;
      return 320;
    };
    const now = Date.now();
    for (let start = 0; start < CONTRACTS; start += 1000) {
      const batch = Array.from({ length: Math.min(1000, CONTRACTS - start) }, () => {
        const client = pick(clients);
        const product = pick(products);
        const status = statusOf();
        // In-flight work moved recently (hours to weeks); in-force and ended contracts months to years ago.
        const ageDays = status >= 320 ? 30 + random() * 900 : random() < 0.5 ? random() * 3 : random() * 45;
        // Whole minutes, so many rows share a statusChangedAt, as imports and syncs produce.
        const statusChangedAt = new Date(Math.floor((now - ageDays * DAY) / 60_000) * 60_000);
        return {
          organizationId: org.id,
          providerId: product.providerId,
          productId: random() < 0.97 ? product.id : null,
          clientId: client.id,
          advisorId: client.ownerId,
          remoteId: status === 0 ? null : crypto.randomUUID(),
          status,
          statusChangedAt,
          createdAt: new Date(statusChangedAt.getTime() - random() * 20 * DAY),
          premium: (10 + random() * 190).toFixed(2),
          currency: "EUR",
          callbackToken: crypto.randomBytes(16).toString("base64url"),
        };
      });
      await db().contract.createMany({ data: batch });
    }
    // What autovacuum would have done by now on a live database.
    await db().$executeRawUnsafe("ANALYZE");
    console.log(`Seeded 1 firm, 6 users, ${clients.length} clients, ${CONTRACTS} contracts in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s.`);

    // 3. getPipeline, as the page calls it
    const admin = { id: adminId, organizationId: org.id, role: "ADMIN" as const };
    const advisor = { id: advisorIds[0]!, organizationId: org.id, role: "ADVISOR" as const };
    const clientSearch = "schneider1";
    for (const [who, viewer] of [["admin", admin], ["advisor", advisor]] as const) {
      const page1 = await getPipeline(viewer, {});
      const page2 = await getPipeline(viewer, { pageToken: page1.nextPageToken! });
      const page3Token = page2.nextPageToken!;
      const scenarios: Array<[string, Record<string, string>]> = [
        ["first page", {}],
        ["phase: proposal", { status: "proposal" }],
        ["provider", { provider: providers[1]!.id }],
        ["client search", { client: clientSearch }],
        ["page 3 via tokens", { pageToken: page3Token }],
        ["in force, page size 100", { status: "in-force", pageSize: "100" }],
      ];
      for (const [name, query] of scenarios) {
        const sample = await getPipeline(viewer, query);
        results.push({ name: `getPipeline ${who}: ${name}`, samples: await time(() => getPipeline(viewer, query)), rows: `${sample.rows.length}/${sample.counts.total}` });
      }
    }

    // 4. The page over HTTP (optional: needs a production build)
    if (process.env.BENCH_HTTP !== "0" && fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
      const { startStack } = await import("../scripts/lib/stack");
      const stack = await startStack({
        mode: "start",
        dataDir,
        appPort: await findFreePort(),
        sandboxPort: await findFreePort(),
        pgPort: postgres.port,
        databaseUrl,
        seed: false,
        sandbox: false,
        appEnv: { ...secrets, NODE_ENV: "production", JOBS_ENABLED: "false" },
        log: () => {},
        showOutput: false,
      });
      stopHttp = stack.stop;
      for (const [who, email] of [["admin", "admin@bench.proposal-desk.test"], ["advisor", "advisor1@bench.proposal-desk.test"]] as const) {
        const cookie = await signIn(stack.appUrl, email);
        const get = async (search: string) => {
          const response = await fetch(`${stack.appUrl}/${search}`, { headers: { cookie }, redirect: "manual" });
          const html = await response.text();
          if (response.status !== 200) throw new Error(`GET /${search} as ${who}: HTTP ${response.status}`);
          return html;
        };
        const first = await get("");
        if (!first.includes('aria-label="Phases"')) {
          console.log("The production build in .next is older than the pipeline page; HTTP figures skipped (run `npm run build`).");
          break;
        }
        const firstToken = /href="\/\?pageToken=([A-Za-z0-9_-]+)"/.exec(first)?.[1];
        for (const [name, search] of [
          ["first page", ""],
          ["phase: proposal", "?status=proposal"],
          ["page 2 via token", `?pageToken=${firstToken}`],
        ] as const) {
          results.push({ name: `HTTP GET / ${who}: ${name}`, samples: await time(() => get(search)), rows: "html" });
        }
      }
    } else {
      console.log("No production build (or BENCH_HTTP=0): HTTP figures skipped. `npm run build` first to include them.");
    }
  } finally {
    await stopHttp?.();
    const { db } = await import("../lib/db").catch(() => ({ db: null }));
    await db?.().$disconnect().catch(() => {});
    await postgres.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  console.log("");
  console.log(`${"scenario".padEnd(46)} ${"rows".padStart(11)} ${"median".padStart(9)} ${"p95".padStart(9)} ${"max".padStart(9)}  target`);
  let missed = false;
  for (const { name, samples, rows } of results) {
    const s = stats(samples);
    const ok = s.median < TARGET_MS;
    missed ||= !ok;
    const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(9);
    console.log(`${name.padEnd(46)} ${rows.padStart(11)} ${ms(s.median)} ${ms(s.p95)} ${ms(s.max)}  < ${TARGET_MS} ms ${ok ? "OK" : "MISSED"}`);
  }
  console.log(`\n${RUNS} runs each after ${WARMUP} warm-up runs; rows = rows on the page / contracts in scope.`);
  process.exitCode = missed ? 1 : 0;
}

/** next-auth credentials sign-in over HTTP; returns the Cookie header for later requests. */
async function signIn(appUrl: string, email: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const header = () => [...jar].map(([key, value]) => `${key}=${value}`).join("; ");
  const csrf = await fetch(`${appUrl}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${appUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header() },
    body: new URLSearchParams({ csrfToken, email, password: PASSWORD, json: "true" }),
  });
  keep(response);
  if (![...jar.keys()].some((key) => key.includes("session-token"))) throw new Error(`Signing in ${email} over HTTP failed (HTTP ${response.status}).`);
  return header();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
