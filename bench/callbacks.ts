/**
 * npm run bench:callbacks (needs `npm run build` first): the built portal, the sandbox and a
 * throwaway PostgreSQL. 200 contracts are requested from the sandbox, which moves them to 130
 * (its own callbacks are dropped by fault injection, so only ours count). Then, in one run and
 * side by side, rounds of 1,000 signed callbacks (80 % distinct, 20 % duplicates, shuffled) at 1
 * and at 8 in flight against:
 *  - a bare `node:http` server doing one `INSERT … ON CONFLICT DO NOTHING` (the baseline), and
 *  - the portal with its workers separate (web with JOBS_ENABLED=false + `npm run worker`),
 *    alternated round by round, BENCH_REPEATS times (3), each round starting with an empty queue;
 *  - the portal with its workers in the web process (what `npm start` runs), and the web process
 *    with no worker at all (a diagnostic: ingestion alone).
 * Prints accepted per second (the rounds of a target pooled, and each round's), p50/p99
 * acknowledgement, the ratio to the baseline, the time from the last acknowledgement until every
 * delivery was processed, and the number lost.
 * Targets (issue 11): with a separate worker, ratio ≥ 0.5 and p99 < 50 ms at 8 in flight; 0 lost.
 * BENCH_WORKER_PROF=<dir> writes a CPU profile of the separate worker there (node --cpu-prof).
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { ROOT, startThrowawayStack, waitForHttp } from "../scripts/lib/stack";
import { findFreePort } from "../scripts/lib/postgres";

const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 200);
const CALLBACKS = Number(process.env.BENCH_CALLBACKS ?? 1_000);
const DUPLICATE_SHARE = 0.2;
const IN_FLIGHT = (process.env.BENCH_CONCURRENCY ?? "1,8").split(",").map(Number);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

console.log("Starting PostgreSQL, the sandbox and the built portal ...");
const APP_ENV = { PENDING_POLL_INTERVAL_SECONDS: "3600", SYNC_INTERVAL_MINUTES: "1440", CALLBACK_RATE_PER_SECOND: "100000", LOG_LEVEL: "warn" };
const stack = await startThrowawayStack({
  appEnv: { ...APP_ENV, JOBS_ENABLED: "false" },
  sandboxEnv: { SANDBOX_PROPOSAL_DELAY_MS: "100", SANDBOX_LOG: "quiet" },
  log: () => {},
  showOutput: false,
});
const dataDir = stack.dataDir;
Object.assign(process.env, stack.secrets, { DATABASE_URL: stack.databaseUrl, JOBS_ENABLED: "false" });

const children: ChildProcess[] = [];
const startWorker = () => {
  const child = spawn(TSX, [...(process.env.BENCH_WORKER_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_WORKER_PROF}`] : []), "scripts/worker.ts"], { cwd: ROOT, env: { ...process.env, ...APP_ENV, JOBS_ENABLED: "true", NODE_ENV: "production", APP_URL: stack.appUrl }, stdio: "ignore" });
  children.push(child);
  return child;
};
async function startInlinePortal(): Promise<{ url: string; child: ChildProcess }> {
  const port = await findFreePort();
  const url = `http://localhost:${port}`;
  const child = spawn(path.join(ROOT, "node_modules", ".bin", "next"), ["start", "--port", String(port), "--hostname", "127.0.0.1"], {
    cwd: ROOT,
    env: { ...process.env, ...APP_ENV, JOBS_ENABLED: "true", NODE_ENV: "production", APP_URL: url, NEXTAUTH_URL: url, PORT: String(port) },
    stdio: "ignore",
  });
  children.push(child);
  await waitForHttp(`${url}/api/health`, child, 120_000, "The portal with inline workers", () => "");
  return { url, child };
}
async function startBareServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(TSX, ["bench/lib/bare-callback-server.ts", stack.databaseUrl], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  const line = await new Promise<string>((resolve) => readline.createInterface({ input: child.stdout! }).once("line", resolve));
  return { url: `http://127.0.0.1:${line.split(" ")[1]}`, child };
}
const stopChild = async (child: ChildProcess) => {
  if (child.exitCode !== null) return;
  child.kill("SIGTERM");
  await new Promise((resolve) => child.once("exit", resolve));
};
const { db } = await import("../lib/db");
const { createProposal } = await import("../lib/contracts/create-proposal");
const { providerClientFor } = await import("../lib/providers/provider-client");
const { webhookHeaders } = await import("../lib/finum/webhook-signature");
const { DEMO_USERS } = await import("../prisma/demo");
const identity = JSON.parse(fs.readFileSync(path.join(dataDir, "dev-consumer.json"), "utf8")) as { consumerId: string; webhookSecret: string };

async function sandboxAdmin(method: string, route: string, body?: unknown) {
  const response = await fetch(stack.sandboxUrl + route, { method, headers: { authorization: `Bearer ${stack.sandboxAdminToken}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status}`);
}

function percentile(sorted: number[], q: number) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

try {
  await sandboxAdmin("PUT", `/admin/consumers/${identity.consumerId}/faults`, { dropCallbackRate: 1 });
  const advisor = await db().user.findUniqueOrThrow({ where: { email: DEMO_USERS.advisor.email }, select: { id: true, organizationId: true, role: true, name: true } });
  const product = await db().product.findFirstOrThrow({ where: { name: "Private Liability" }, select: { id: true, providerId: true } });
  const client = await db().client.findFirstOrThrow({ where: { ownerId: advisor.id, kind: "PERSON", birthDate: { not: null } }, select: { id: true } });

  console.log(`Requesting ${CONTRACTS} proposals from the sandbox ...`);
  const contracts: Array<{ id: string; remoteId: string; callbackToken: string }> = [];
  for (let index = 0; index < CONTRACTS; index++) {
    const { contractId } = await createProposal(advisor, { clientId: client.id, productId: product.id, data: { coverage: "3000000", family: "false", startDate: "2027-01-01" }, requestKey: crypto.randomUUID() });
    contracts.push(await db().contract.findUniqueOrThrow({ where: { id: contractId }, select: { id: true, remoteId: true, callbackToken: true } }) as { id: string; remoteId: string; callbackToken: string });
  }
  const finum = await providerClientFor(product.providerId, advisor.organizationId);
  const providerState = async () => new Map((await finum.list("contract", contracts.map((c) => c.remoteId))).records.map((record) => [record.id, record]));
  for (let state = await providerState(); [...state.values()].some((record) => record.status !== 130); state = await providerState()) await new Promise((resolve) => setTimeout(resolve, 200));

  const ids = contracts.map((c) => c.id);
  /** Until every delivery to the bench's contracts is processed (a backlog left by an earlier round). */
  async function drained() {
    for (let waited = 0; (await db().callbackDelivery.count({ where: { contractId: { in: ids }, processedAt: null } })) > 0; waited += 100) {
      if (waited > 180_000) throw new Error("The worker did not process the backlog within 3 minutes");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** One round: fresh delivery ids, 80 % distinct (4 per contract), 20 % repeats, shuffled. */
  function roundDeliveries() {
    const distinct = contracts
      .flatMap((contract) =>
        [110, 120, 120, 130].map((status, step) => {
          const body = JSON.stringify({ recordType: "contract", id: contract.remoteId, status, updatedAt: new Date(Date.now() - (4 - step) * 1000).toISOString() });
          return { token: contract.callbackToken, body, id: `msg_${crypto.randomUUID()}` };
        }),
      )
      .slice(0, Math.round(CALLBACKS * (1 - DUPLICATE_SHARE)));
    const all = [...distinct, ...Array.from({ length: CALLBACKS - distinct.length }, (_, i) => distinct[(i * 7) % distinct.length]!)];
    for (let i = all.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [all[i], all[j]] = [all[j]!, all[i]!];
    }
    return { distinct, all };
  }

  interface Round {
    target: string;
    inFlight: number;
    callbacks: number;
    seconds: number;
    latencies: number[];
    statuses: Map<number, number>;
    processedSeconds?: number;
    lost: number;
  }

  async function round(target: string, baseUrl: string, inFlight: number, portal: boolean, processing = true): Promise<Round> {
    const { distinct, all } = roundDeliveries();
    for (let i = 0; i < 30; i++) await (await fetch(`${baseUrl}/api/callback?token=warm-up`, { method: "POST", body: "{}" })).arrayBuffer();
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        for (let index = next++; index < all.length; index = next++) {
          const delivery = all[index]!;
          const headers = { "content-type": "application/json", ...webhookHeaders({ id: delivery.id, body: delivery.body, secret: identity.webhookSecret }) };
          const sent = performance.now();
          const response = await fetch(`${baseUrl}/api/callback?token=${encodeURIComponent(delivery.token)}`, { method: "POST", headers, body: delivery.body });
          await response.arrayBuffer();
          latencies.push(performance.now() - sent);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const lastAck = performance.now();
    const webhookIds = distinct.map((d) => d.id);
    let stored: number;
    let processedSeconds: number | undefined;
    if (portal) {
      stored = await db().callbackDelivery.count({ where: { contractId: { in: ids }, webhookId: { in: webhookIds } } });
      for (; processing; ) {
        const waiting = await db().callbackDelivery.count({ where: { webhookId: { in: webhookIds }, processedAt: null } });
        if (waiting === 0) {
          processedSeconds = (performance.now() - lastAck) / 1000;
          break;
        }
        if (performance.now() - lastAck > 120_000) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } else {
      const rows = await db().$queryRawUnsafe<Array<{ n: bigint }>>(`SELECT count(*) AS n FROM bench_bare_callback WHERE webhook_id = ANY($1)`, webhookIds);
      stored = Number(rows[0]!.n);
    }
    return { target, inFlight, callbacks: all.length, seconds, latencies, statuses, processedSeconds, lost: distinct.length - stored };
  }

  const rounds: Round[] = [];
  const BARE = "bare node:http + INSERT";
  const SEPARATE = "portal, worker separate";
  const bare = await startBareServer();

  // The targets: the bare server and the portal with its worker separate, alternated round by
  // round (REPEATS times) so that a drift of the machine's speed falls on both alike.
  console.log(`Bare server and portal with a separate worker (web JOBS_ENABLED=false + npm run worker), alternated ${REPEATS} times ...`);
  const worker = startWorker();
  await drained();
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    for (const inFlight of IN_FLIGHT) {
      rounds.push(await round(BARE, bare.url, inFlight, false));
      rounds.push(await round(SEPARATE, stack.appUrl, inFlight, true));
    }
  }
  await stopChild(worker);
  await stopChild(bare.child);

  // A diagnostic beside the targets: the same web process alone, with no worker taking its share
  // of the two cores (the deliveries stay queued; the next portal's workers process them first).
  console.log("Portal, no worker running (ingestion alone) ...");
  for (const inFlight of IN_FLIGHT) rounds.push(await round("portal, no worker (diagnostic)", stack.appUrl, inFlight, true, false));

  console.log("Portal, workers in the web process (what `npm start` runs) ...");
  const inline = await startInlinePortal();
  await drained();
  for (const inFlight of IN_FLIGHT) rounds.push(await round("portal, workers in web process", inline.url, inFlight, true));
  await stopChild(inline.child);

  // Rounds of the same target and concurrency pooled: rate over their whole time, percentiles over all their answers.
  const results = [...new Set(rounds.map((r) => `${r.target}|${r.inFlight}`))].map((key) => {
    const mine = rounds.filter((r) => `${r.target}|${r.inFlight}` === key);
    const latencies = mine.flatMap((r) => r.latencies).sort((x, y) => x - y);
    const statuses = new Map<number, number>();
    for (const r of mine) for (const [status, count] of r.statuses) statuses.set(status, (statuses.get(status) ?? 0) + count);
    const processed = mine.flatMap((r) => (r.processedSeconds === undefined ? [] : [r.processedSeconds]));
    return {
      target: mine[0]!.target,
      inFlight: mine[0]!.inFlight,
      rounds: mine.length,
      perSecond: mine.reduce((sum, r) => sum + r.callbacks, 0) / mine.reduce((sum, r) => sum + r.seconds, 0),
      perRound: mine.map((r) => Math.round(r.callbacks / r.seconds)),
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      processedSeconds: processed.length ? Math.max(...processed) : undefined,
      lost: mine.reduce((sum, r) => sum + r.lost, 0),
      statuses: [...statuses].map(([status, count]) => `${status}×${count}`).join(" "),
    };
  });
  const baseline = new Map(results.filter((r) => r.target === BARE).map((r) => [r.inFlight, r.perSecond]));
  console.log(`\n${"target".padEnd(32)} ${"in flight".padEnd(10)} ${"per s".padEnd(7)} ${"ratio".padEnd(6)} ${"p50 ms".padEnd(7)} ${"p99 ms".padEnd(7)} ${"all processed".padEnd(14)} ${"lost".padEnd(5)} ${"per round".padEnd(18)} answers`);
  for (const r of results) {
    const ratio = r.perSecond / baseline.get(r.inFlight)!;
    console.log(`${r.target.padEnd(32)} ${String(r.inFlight).padEnd(10)} ${r.perSecond.toFixed(0).padEnd(7)} ${ratio.toFixed(2).padEnd(6)} ${r.p50.toFixed(1).padEnd(7)} ${r.p99.toFixed(1).padEnd(7)} ${(r.processedSeconds === undefined ? "-" : `${r.processedSeconds.toFixed(2)} s`).padEnd(14)} ${String(r.lost).padEnd(5)} ${r.perRound.join(" ").padEnd(18)} ${r.statuses}`);
  }
  const separate = results.filter((r) => r.target === SEPARATE);
  const ok = separate.every((r) => r.perSecond / baseline.get(r.inFlight)! >= 0.5) && separate.filter((r) => r.inFlight === 8).every((r) => r.p99 < 50) && results.every((r) => r.lost === 0);
  console.log(ok ? "\nAll targets met (with a separate worker: ratio ≥ 0.5, p99 < 50 ms at 8 in flight; 0 lost everywhere)." : "\nA target was missed (with a separate worker: ratio ≥ 0.5, p99 < 50 ms at 8 in flight; 0 lost everywhere).");
  process.exitCode = ok ? 0 : 1;
} finally {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await db().$disconnect().catch(() => undefined);
  await stack.stop();
}
