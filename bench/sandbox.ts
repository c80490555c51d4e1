/**
 * npm run bench:sandbox: an embedded PostgreSQL and the sandbox seeded with 50,000 contracts,
 * then the sync reads a portal makes, timed over several runs, and the sandbox's peak memory.
 * Targets (issue 3): id list of 50,000 < 1 s, contract-list of 500 ids < 300 ms, peak RSS < 400 MB.
 */
import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { findFreePort, startEmbeddedPostgres } from "../scripts/lib/postgres";
import { ConsumerClient } from "../lib/finum/conformance/client";
import { startSandboxProcess } from "../sandbox/process";

const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { median: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1]! };
}

async function peakRssMb(pid: number): Promise<number> {
  const status = await fs.readFile(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function main() {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), "finum-bench-pg-"));
  const postgres = await startEmbeddedPostgres({ dataDir, port: await findFreePort(), ephemeral: true, log: () => {} });
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 2048,
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  });
  const consumersFile = path.join(dataDir, "..", `finum-bench-consumers-${process.pid}.json`);
  await fs.writeFile(consumersFile, JSON.stringify([{ consumerId: "bench", publicKeyPem: publicKey }]));
  let sandbox: Awaited<ReturnType<typeof startSandboxProcess>> | undefined;
  try {
    await postgres.ensureDatabase("finum_sandbox_bench");
    const started = performance.now();
    let seedLine = "";
    sandbox = await startSandboxProcess({
      databaseUrl: postgres.url("finum_sandbox_bench"),
      env: { SANDBOX_CONSUMERS_FILE: consumersFile, SANDBOX_SEED_CONTRACTS: String(CONTRACTS), SANDBOX_SEED_CONSUMER: "bench" },
      onOutput: (line) => {
        if (line.includes("Seeded")) seedLine = line;
      },
      startTimeoutMs: 180_000,
    });
    console.log(`Sandbox up with ${CONTRACTS} contracts in ${((performance.now() - started) / 1000).toFixed(1)} s (${seedLine.replace("[sandbox] ", "")})`);

    const client = new ConsumerClient({ baseUrl: sandbox.url, consumerId: "bench", privateKeyPem: privateKey, audience: "finum-sandbox" });
    await client.get("/v1/auth-status"); // warm the connection pool and the key cache

    const idSamples: number[] = [];
    let ids: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      const answer = await client.get("/v1/contract-id-list-updated", { since: "1970-01-01T00:00:00Z" });
      if (answer.status !== 200) throw new Error(`id list: HTTP ${answer.status}`);
      ids = answer.json as string[];
      idSamples.push(answer.ms);
    }
    if (ids.length !== CONTRACTS) throw new Error(`id list returned ${ids.length} ids, expected ${CONTRACTS}`);

    const listSamples: number[] = [];
    for (let run = 0; run < RUNS * 2; run++) {
      const offset = Math.floor(Math.random() * (ids.length - 500));
      const answer = await client.get("/v1/contract-list", { "id-list": ids.slice(offset, offset + 500).join(",") });
      if (answer.status !== 200 || (answer.json as unknown[]).length !== 500) throw new Error(`contract-list: HTTP ${answer.status}`);
      listSamples.push(answer.ms);
    }
    const rss = await peakRssMb(sandbox.pid);

    const idStats = stats(idSamples);
    const listStats = stats(listSamples);
    const row = (name: string, s: { median: number; p95: number; max: number }, target: number, unit = "ms") =>
      `${name.padEnd(44)} median ${s.median.toFixed(1).padStart(7)} ${unit}  p95 ${s.p95.toFixed(1).padStart(7)} ${unit}  max ${s.max.toFixed(1).padStart(7)} ${unit}  target < ${target} ${unit}  ${s.p95 < target ? "OK" : "MISSED"}`;
    console.log("");
    console.log(row(`contract-id-list-updated (${ids.length} ids, ${RUNS} runs)`, idStats, 1000));
    console.log(row(`contract-list (500 ids, ${RUNS * 2} runs)`, listStats, 300));
    console.log(`${"sandbox peak RSS (VmHWM)".padEnd(44)} ${rss.toFixed(1)} MB  target < 400 MB  ${rss < 400 ? "OK" : "MISSED"}`);
    const failed = idStats.p95 >= 1000 || listStats.p95 >= 300 || rss >= 400;
    process.exitCode = failed ? 1 : 0;
  } finally {
    await sandbox?.stop();
    await postgres.stop();
    await fs.rm(consumersFile, { force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
