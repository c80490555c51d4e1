/**
 * Issues 10 and 11, several instances: work cut off by killing its worker (SIGKILL, no chance to
 * hand it back) is finished by a restarted `npm run worker`. Real processes on a database of this
 * test's own (so no other test's jobs or workers take part), the real sandbox over HTTP, made slow
 * so the work is in hand when the worker is killed:
 * - a callback job: pg-boss expires it after JOB_EXPIRE_SECONDS and the new worker processes it;
 * - a contract sync: the new worker's watchdog hands it the stalled run, which it resumes.
 */
import type { ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import os from "node:os";
import { afterAll, describe, expect, inject, it } from "vitest";
import { ensureDatabase, withDatabase } from "../../scripts/lib/postgres";
import { migrateDeploy } from "../../scripts/lib/migrate";
import { killWorkerProcess, startWorkerProcess } from "../../scripts/lib/worker-process";

const JOB_ENV = { JOB_EXPIRE_SECONDS: "5", JOB_MAINTENANCE_SECONDS: "1", PENDING_POLL_INTERVAL_SECONDS: "3600", SYNC_INTERVAL_MINUTES: "1440", SYNC_STALL_SECONDS: "5" };

// A database of our own, set before lib/ is loaded (its connections and configuration are made on first use).
const databaseUrl = withDatabase(inject("adminDatabaseUrl"), `pd_restart_${Date.now().toString(36)}`);
await ensureDatabase(inject("adminDatabaseUrl"), new URL(databaseUrl).pathname.slice(1));
await migrateDeploy(databaseUrl);
Object.assign(process.env, { DATABASE_URL: databaseUrl }, JOB_ENV);

const { db } = await import("@/lib/db");
const { ingestCallback } = await import("@/lib/callbacks/ingest-callback");
const { createProposal } = await import("@/lib/contracts/create-proposal");
const { webhookHeaders } = await import("@/lib/finum/webhook-signature");
const { stopBoss } = await import("@/lib/jobs/boss");
const { makeClient, makeFirm } = await import("../factories");
const { connectFirmToSandbox, eventually, ownSandboxConsumer, sandboxAdmin, setSandboxContractStatus } = await import("../sandbox");
const { boss } = await import("@/lib/jobs/boss");
const { enqueueProviderSync, queueFirstSyncs, ENGINE_QUEUES } = await import("@/lib/jobs/engine-jobs");
const { updateSyncSettings } = await import("@/lib/sync/sync-settings");

const workers: ChildProcess[] = [];
/** Stops every worker this file started (so the next test knows which worker holds its jobs). */
const killWorkers = () => Promise.all(workers.map(killWorkerProcess));
afterAll(async () => {
  await killWorkers();
  await stopBoss();
});

/** `npm run worker` on our database; resolves once it says it is running. */
async function startWorker(env: Record<string, string> = {}): Promise<ChildProcess> {
  const child = await startWorkerProcess({ ...process.env, DATABASE_URL: databaseUrl, JOBS_ENABLED: "true", LOG_LEVEL: "info", ...JOB_ENV, ...env });
  workers.push(child);
  return child;
}

interface JobRow {
  state: string;
  started_on: Date | null;
}
const jobOf = async (deliveryId: string) => (await db().$queryRaw<JobRow[]>`SELECT state::text AS state, started_on FROM pgboss.job WHERE name = 'callback-process' AND singleton_key = ${deliveryId}`)[0];

describe("a worker killed mid-job", () => {
  it("leaves the job to a restarted worker, which finishes it", { timeout: 120_000 }, async () => {
    const firm = await makeFirm();
    const { providerId, consumer } = await connectFirmToSandbox(firm.admin);
    const client = await makeClient(firm.advisor);
    const product = await db().product.findFirstOrThrow({ where: { providerId, name: "Private Liability" } });
    const { contractId } = await createProposal(firm.advisor, { clientId: client.id, productId: product.id, data: { coverage: "5000000", family: "false", startDate: "2027-01-01" }, requestKey: crypto.randomUUID() });
    const contract = await db().contract.findUniqueOrThrow({ where: { id: contractId } });
    expect(contract.status).toBe(120);
    await setSandboxContractStatus(contract.remoteId!, 130, { callback: false }); // only our callback tells the portal

    const first = await startWorker();
    // Background work yields the CPU to the web instances on its host (WORKER_NICENESS, 10 by default).
    expect(os.getPriority(first.pid!)).toBe(10);
    // Every answer from the provider now takes a minute: the job that re-reads the contract is held.
    await consumer.setFaults({ latencyMs: 60_000 });
    const body = JSON.stringify({ recordType: "contract", id: contract.remoteId, status: 130, updatedAt: new Date().toISOString() });
    const received = await ingestCallback({ token: contract.callbackToken, body, headers: new Headers({ "content-type": "application/json", ...webhookHeaders({ id: `msg_${crypto.randomUUID()}`, body, secret: consumer.webhookSecret }) }), ip: "127.0.0.1" });
    expect(received.status).toBe(202);
    await eventually(async () => (await jobOf(received.deliveryId))?.state === "active", 20_000, "the worker to take the callback job");

    await killWorkerProcess(first);
    const killedAt = new Date();
    await consumer.setFaults({});
    // Nobody finished it: the job is still held by the dead worker, the delivery unprocessed, the contract unchanged.
    expect((await jobOf(received.deliveryId))?.state).toBe("active");
    expect((await db().callbackDelivery.findUniqueOrThrow({ where: { id: received.deliveryId } })).processedAt).toBeNull();
    expect((await db().contract.findUniqueOrThrow({ where: { id: contractId } })).status).toBe(120);

    await startWorker({ WORKER_NICENESS: "0" }); // this one must not wait behind the rest of the test run
    const done = await eventually(async () => {
      const job = await jobOf(received.deliveryId);
      return job?.state === "completed" ? job : null;
    }, 60_000, "the restarted worker to finish the job");
    // Expired in the dead worker's hands (JOB_EXPIRE_SECONDS), handed back, and started again after the kill.
    expect(done.started_on!.getTime()).toBeGreaterThan(killedAt.getTime());
    const delivery = await db().callbackDelivery.findUniqueOrThrow({ where: { id: received.deliveryId } });
    expect(delivery.processedAt).not.toBeNull();
    expect(delivery.outcome).toBe("applied");
    expect((await db().contract.findUniqueOrThrow({ where: { id: contractId } })).status).toBe(130);
  });

  it("resumes a contract sync at its position when its worker was killed, with every contract once", { timeout: 240_000 }, async () => {
    const firm = await makeFirm();
    // A provider of another make: digit ids, numbers as strings, second timestamps (sandbox dialect "numeric-ids").
    const consumer = await ownSandboxConsumer("restart-sync", { dialect: "numeric-ids" });
    const seeded = await sandboxAdmin<{ contracts: number }>("POST", "/admin/seed", { consumerId: consumer.consumerId, contracts: 2500, clients: 500 });
    const { providerId } = await connectFirmToSandbox(firm.admin, { consumer });
    await updateSyncSettings(firm.admin, { unknownHolderPolicy: "CREATE", defaultAdvisorId: firm.advisor.id });
    // Every provider answer takes a second and a half, so the contract sync is in the middle when the worker dies.
    await consumer.setFaults({ latencyMs: 1500 });

    await killWorkers(); // the previous test's: only this test's worker may take the sync
    const first = await startWorker({ WORKER_NICENESS: "0" });
    await enqueueProviderSync(await boss(), providerId);
    const midway = await eventually(async () => {
      const run = await db().syncRun.findFirst({ where: { providerId, recordType: "contract" }, select: { id: true, position: true } });
      return run && run.position >= 500 ? run : null;
    }, 120_000, "the contract sync to be under way");
    await killWorkerProcess(first);
    await consumer.setFaults({});
    const killed = await db().syncRun.findUniqueOrThrow({ where: { id: midway.id }, select: { state: true, position: true, ids: true } });
    expect(killed.state).toBe("RUNNING");
    expect(killed.position).toBeLessThan(killed.ids.length);
    const jobs = () => db().$queryRaw<Array<{ id: string; state: string }>>`SELECT id::text AS id, state::text AS state FROM pgboss.job WHERE name = ${ENGINE_QUEUES.syncRecordType} AND singleton_key = ${`${providerId}:contract`} ORDER BY created_on`;
    const [held] = await jobs();
    expect(held?.state).toBe("active"); // held by the dead worker: pg-boss alone would wait for its 30-minute expiry
    // The run has stalled once it has not been heard of for SYNC_STALL_SECONDS.
    await eventually(async () => (await db().syncRun.findFirst({ where: { id: midway.id, heartbeatAt: { lt: new Date(Date.now() - 5_000) } } })) !== null, 30_000, "the run to stall");

    // A new worker's watchdog hands the run on at once; it resumes at its position and finishes.
    await startWorker({ WORKER_NICENESS: "0" });
    const done = await eventually(async () => {
      const run = await db().syncRun.findUniqueOrThrow({ where: { id: midway.id }, select: { state: true, fetched: true } });
      return run.state === "DONE" ? run : null;
    }, 150_000, "the restarted worker to finish the run");
    expect(done.fetched).toBe(seeded.contracts);
    expect(await db().syncRun.count({ where: { providerId, recordType: "contract" } })).toBe(1);
    // The dead worker's job was cancelled by the watchdog and the run finished by a new one.
    const after = await jobs();
    expect(after.find((job) => job.id === held!.id)?.state).toBe("cancelled");
    expect(after.filter((job) => job.id !== held!.id).map((job) => job.state)).toContain("completed");

    // Every contract once: each remote id held once, and each found once on its timeline.
    expect(await db().contract.count({ where: { providerId } })).toBe(seeded.contracts);
    const found = await db().contractEvent.groupBy({ by: ["contractId"], where: { contract: { providerId }, fromStatus: null }, _count: { _all: true } });
    expect(found).toHaveLength(seeded.contracts);
    expect(found.every((row) => row._count._all === 1)).toBe(true);
    // Each holder made into one client: as many clients as distinct holders, none left without its link.
    const holders = await db().contract.findMany({ where: { providerId }, distinct: ["clientId"], select: { clientId: true } });
    expect(holders.length).toBeGreaterThan(400);
    expect(await db().client.count({ where: { organizationId: firm.org.id } })).toBe(holders.length);
    expect(await db().client.count({ where: { organizationId: firm.org.id, providerLinks: { none: { providerId } } } })).toBe(0);
  });

  it("queues no second sync job behind a running one, which would hold up every other provider's", async () => {
    await killWorkers(); // the test takes the jobs itself
    const instance = await boss();
    // What the previous tests' chains left waiting (this database is the file's own).
    await db().$executeRaw`DELETE FROM pgboss.job WHERE name = ${ENGINE_QUEUES.syncRecordType} AND state <> 'completed'`;
    const [a, b] = [`provider-a-${crypto.randomUUID()}`, `provider-b-${crypto.randomUUID()}`];
    expect(await enqueueProviderSync(instance, a, "contract")).not.toBeNull();
    const [running] = await instance.fetch(ENGINE_QUEUES.syncRecordType);
    expect(running?.data).toMatchObject({ providerId: a, type: "contract" });
    // The same provider and type again while it runs: nothing is queued.
    expect(await enqueueProviderSync(instance, a, "contract")).toBeNull();
    // Another provider's job is taken as usual.
    expect(await enqueueProviderSync(instance, b, "contract")).not.toBeNull();
    const [next] = await instance.fetch(ENGINE_QUEUES.syncRecordType);
    expect(next?.data).toMatchObject({ providerId: b, type: "contract" });
    // Once it is done, the same provider and type can be queued again.
    await instance.complete(ENGINE_QUEUES.syncRecordType, running!.id);
    expect(await enqueueProviderSync(instance, a, "contract")).not.toBeNull();
    // A job that failed and waits for its retry counts as running: nothing is queued beside it.
    const [again] = await instance.fetch(ENGINE_QUEUES.syncRecordType);
    expect(again?.data).toMatchObject({ providerId: a, type: "contract" });
    await instance.fail(ENGINE_QUEUES.syncRecordType, again!.id, new Error("provider down"));
    expect((await instance.getJobById(ENGINE_QUEUES.syncRecordType, again!.id))?.state).toBe("retry");
    expect(await enqueueProviderSync(instance, a, "contract")).toBeNull();
  });

  it("syncs an enabled provider that was never synced as soon as a worker starts, not at the next tick", async () => {
    await killWorkers();
    const instance = await boss();
    const firm = await makeFirm();
    const fresh = await connectFirmToSandbox(firm.admin, { name: "Never synced" });
    const synced = await connectFirmToSandbox(firm.admin, { name: "Synced before" });
    for (const recordType of ["product", "user", "client", "contract", "file"]) {
      await db().syncCursor.upsert({
        where: { providerId_recordType: { providerId: synced.providerId, recordType } },
        create: { providerId: synced.providerId, recordType, lastSuccessAt: new Date() },
        update: { lastSuccessAt: new Date() },
      });
    }
    // A type that was tried but never succeeded still counts as never synced.
    await db().syncCursor.upsert({
      where: { providerId_recordType: { providerId: fresh.providerId, recordType: "user" } },
      create: { providerId: fresh.providerId, recordType: "user", lastError: "provider down" },
      update: { lastSuccessAt: null, lastError: "provider down" },
    });
    const disabled = await connectFirmToSandbox(firm.admin, { name: "Switched off" });
    await db().provider.update({ where: { id: disabled.providerId }, data: { enabled: false } });
    await db().$executeRaw`DELETE FROM pgboss.job WHERE name = ${ENGINE_QUEUES.syncRecordType} AND state <> 'completed'`;

    await queueFirstSyncs(instance);
    const queued = await db().$queryRaw<Array<{ key: string }>>`
      SELECT singleton_key AS key FROM pgboss.job WHERE name = ${ENGINE_QUEUES.syncRecordType} AND state = 'created'`;
    const keys = queued.map((job) => job.key);
    // Its products were loaded when it was connected: the first sync starts at the first type never synced.
    expect((await db().syncCursor.findUniqueOrThrow({ where: { providerId_recordType: { providerId: fresh.providerId, recordType: "product" } } })).lastSuccessAt).not.toBeNull();
    expect(keys).toContain(`${fresh.providerId}:user`);
    expect(keys.filter((key) => key.startsWith(`${synced.providerId}:`) || key.startsWith(`${disabled.providerId}:`))).toEqual([]);
  });
});
