/**
 * The sync at scale against the real sandbox (a consumer of the test's own, bulk-seeded):
 * - a contract sync killed in the middle resumes at its position and ends with every contract,
 *   nothing duplicated (killed by an apply that throws; and a worker that died, RUNNING with an
 *   old heartbeat);
 * - a callback's refresh and a sync touching the same contracts at once end right, many times over:
 *   every contract equals the provider's record and each status change is on the timeline once;
 * - a holder whose name matches a client already linked to another holder does not stop the sync.
 */
import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { db } from "@/lib/db";
import { providerClientFor } from "@/lib/providers/provider-client";
import { applyProviderContracts } from "@/lib/contracts/apply-provider-contracts";
import { refreshContract } from "@/lib/sync/refresh-contract";
import { resolveNewContracts } from "@/lib/sync/resolve-new-contracts";
import { syncProvider, syncProviderRecordType } from "@/lib/sync/sync-provider";
import { syncRecordType } from "@/lib/sync/sync-record-type";
import { syncHealth } from "@/lib/sync/health";
import { updateSyncSettings } from "@/lib/sync/sync-settings";
import { makeClient, makeFirm } from "../factories";
import { connectFirmToSandbox, eventually, ownSandboxConsumer, sandboxAdmin } from "../sandbox";

let sandboxDb: pg.Client;
beforeAll(async () => {
  sandboxDb = new pg.Client({ connectionString: inject("sandboxDatabaseUrl") });
  await sandboxDb.connect();
});
afterAll(async () => {
  await sandboxDb.end();
});

/** A firm connected to a consumer of its own that holds `contracts` seeded contracts; unknown holders are created. */
async function seededFirm(contracts: number) {
  const firm = await makeFirm();
  const consumer = await ownSandboxConsumer("scale");
  await sandboxAdmin("POST", "/admin/seed", { consumerId: consumer.consumerId, contracts });
  const { providerId } = await connectFirmToSandbox(firm.admin, { consumer });
  await updateSyncSettings(firm.admin, { unknownHolderPolicy: "CREATE", defaultAdvisorId: firm.advisor.id });
  for (const type of ["product", "user", "client"] as const) await syncProviderRecordType(providerId, firm.org.id, type);
  return { firm, providerId, consumerId: consumer.consumerId };
}

async function providerContracts(consumerId: string) {
  const { rows } = await sandboxDb.query<{ id: string; status: number; note: string | null; updated: Date }>(
    "select id, status, record->>'statusNote' as note, updated_at as updated from contracts where consumer_id = $1 order by id",
    [consumerId],
  );
  return rows;
}

describe("sync at scale", () => {
  it("resumes a contract sync killed in the middle and ends with every contract once", async () => {
    const { firm, providerId, consumerId } = await seededFirm(1200);
    const organizationId = firm.org.id;
    const client = await providerClientFor(providerId, organizationId);

    // The real apply of the contract sync, killed (it throws) after three chunks of 100.
    let chunks = 0;
    const killed = syncRecordType(
      client,
      providerId,
      "contract",
      async (records, readStartedAt) => {
        if (chunks++ === 3) throw new Error("killed");
        const { placements } = await resolveNewContracts({ providerId, organizationId, client }, records);
        const report = await applyProviderContracts({ providerId, organizationId, source: "SYNC", readStartedAt }, records, { placements });
        return { applied: report.applied.length + report.imported.length, skipped: 0, failed: report.failed.length };
      },
      { chunkSize: 100 },
    );
    await expect(killed).rejects.toThrow("killed");
    const failedRun = await db().syncRun.findFirstOrThrow({ where: { providerId, recordType: "contract" }, orderBy: { startedAt: "desc" } });
    expect(failedRun).toMatchObject({ state: "FAILED", position: 300, applied: 300 });
    expect(await db().contract.count({ where: { providerId } })).toBe(300);
    // The health page says where it stopped.
    const [health] = await syncHealth(firm.admin, { providerId });
    expect(health!.recordTypes.find((t) => t.recordType === "contract")!.run).toMatchObject({ state: "FAILED", position: 300, total: 1200, error: "killed" });

    const resumed = await syncProviderRecordType(providerId, organizationId, "contract");
    expect(resumed).toMatchObject({ runId: failedRun.id, resumed: true, fetched: 1200, failed: 0 });
    const atProvider = await providerContracts(consumerId);
    expect(atProvider).toHaveLength(1200);
    const held = await db().contract.findMany({ where: { providerId }, select: { remoteId: true, status: true } });
    expect(held).toHaveLength(1200);
    expect(new Set(held.map((c) => c.remoteId))).toEqual(new Set(atProvider.map((c) => c.id)));
    // Each contract found once: one "found at the provider" row each.
    const found = await db().contractEvent.groupBy({ by: ["contractId"], where: { contract: { providerId }, fromStatus: null }, _count: { _all: true } });
    expect(found).toHaveLength(1200);
    expect(found.every((row) => row._count._all === 1)).toBe(true);

    // A worker that died mid-run (RUNNING, its heartbeat long gone) is taken over at its position too.
    await sandboxDb.query("update contracts set record = jsonb_set(record, '{statusNote}', '\"changed\"'), updated_at = date_trunc('milliseconds', now()) where id = any($1)", [
      atProvider.slice(0, 250).map((c) => c.id),
    ]);
    const pull = await db().syncRun.create({
      data: { providerId, recordType: "contract", since: new Date(0), startedAt: new Date(), ids: atProvider.slice(0, 250).map((c) => c.id), position: 200, state: "RUNNING", heartbeatAt: new Date(Date.now() - 10 * 60_000) },
    });
    const takenOver = await syncProviderRecordType(providerId, organizationId, "contract");
    expect(takenOver).toMatchObject({ runId: pull.id, resumed: true, fetched: 50 });
    const notes = await db().contract.findMany({ where: { providerId, remoteId: { in: atProvider.slice(0, 250).map((c) => c.id) } }, select: { statusNote: true } });
    // Only what lay after the dead worker's position was applied by the takeover.
    expect(notes.filter((c) => c.statusNote === "changed")).toHaveLength(50);
    expect(await db().contract.count({ where: { providerId } })).toBe(1200);
  }, 180_000);

  it("a worker whose run was taken over stops at its next chunk and leaves the run to the new owner", async () => {
    const { firm, providerId } = await seededFirm(400);
    const organizationId = firm.org.id;
    const client = await providerClientFor(providerId, organizationId);
    let chunks = 0;
    const outcome = await syncRecordType(
      client,
      providerId,
      "contract",
      async (records, readStartedAt) => {
        if (chunks++ === 1) {
          // Once the first chunk is booked, the watchdog finds this worker stalled and another worker claims the run.
          await eventually(async () => (await db().syncRun.findFirst({ where: { providerId, recordType: "contract", position: 100 } })) !== null, 20_000, "the first chunk to be booked");
          await db().syncRun.updateMany({ where: { providerId, recordType: "contract", state: "RUNNING" }, data: { heartbeatAt: new Date(Date.now() + 1000) } });
        }
        const { placements } = await resolveNewContracts({ providerId, organizationId, client }, records);
        const report = await applyProviderContracts({ providerId, organizationId, source: "SYNC", readStartedAt }, records, { placements });
        return { applied: report.applied.length + report.imported.length, skipped: 0, failed: report.failed.length };
      },
      { chunkSize: 100 },
    );
    expect(outcome).toEqual({ busy: true });
    // It stopped within a chunk or two (not at the end of the list), did not mark the run failed or
    // done, did not book the chunks after the takeover, and moved no cursor.
    expect(chunks).toBeLessThanOrEqual(3);
    expect(await db().contract.count({ where: { providerId } })).toBeLessThan(400);
    const run = await db().syncRun.findFirstOrThrow({ where: { providerId, recordType: "contract" }, orderBy: { startedAt: "desc" } });
    expect(run).toMatchObject({ state: "RUNNING", position: 100, error: null });
    expect(await db().syncCursor.findUnique({ where: { providerId_recordType: { providerId, recordType: "contract" } } })).toBeNull();
  }, 120_000);

  it("a callback's refresh and a sync touching the same contracts at once end right, every time", async () => {
    const { firm, providerId, consumerId } = await seededFirm(300);
    const organizationId = firm.org.id;
    await syncProvider(providerId, organizationId);
    expect(await db().contract.count({ where: { providerId } })).toBe(300);
    const touched = (await providerContracts(consumerId)).slice(0, 20).map((c) => c.id);
    const ours = await db().contract.findMany({ where: { providerId, remoteId: { in: touched } }, select: { id: true, remoteId: true } });

    for (let round = 1; round <= 8; round++) {
      // The provider changes the 20 contracts: a new note and, in some rounds, a new status.
      const status = [240, 320, 410][round % 3]!;
      await sandboxDb.query(
        `update contracts set status = $2, record = jsonb_set(jsonb_set(record, '{statusNote}', to_jsonb($3::text)), '{status}', to_jsonb($2::int)),
                updated_at = date_trunc('milliseconds', now()) where id = any($1)`,
        [touched, status, `round ${round}`],
      );
      // Callbacks (each a refresh of one contract) and a sync, all at once.
      await Promise.all([syncProviderRecordType(providerId, organizationId, "contract"), ...ours.map((c) => refreshContract(c.id, "CALLBACK"))]);

      const provider = new Map((await providerContracts(consumerId)).map((c) => [c.id, c]));
      const held = await db().contract.findMany({ where: { providerId, remoteId: { in: touched } }, select: { id: true, remoteId: true, status: true, statusNote: true, remoteUpdatedAt: true } });
      for (const contract of held) {
        const truth = provider.get(contract.remoteId!)!;
        expect({ status: contract.status, note: contract.statusNote, at: contract.remoteUpdatedAt?.getTime() }).toEqual({ status: truth.status, note: truth.note, at: truth.updated.getTime() });
      }
      // The change of this round is on each timeline exactly once (from round 2 on, every status differs from the last).
      if (round === 1) continue;
      const events = await db().contractEvent.groupBy({ by: ["contractId"], where: { contractId: { in: held.map((c) => c.id) }, toStatus: status, note: `round ${round}` }, _count: { _all: true } });
      expect(events).toHaveLength(20);
      expect(events.every((row) => row._count._all === 1)).toBe(true);
    }
  }, 180_000);

  it("does not stop on a holder whose name matches a client already linked to another holder", async () => {
    const firm = await makeFirm();
    const { providerId } = await connectFirmToSandbox(firm.admin);
    const finum = await providerClientFor(providerId, firm.org.id);
    const product = await db().product.findFirstOrThrow({ where: { providerId, name: "Private Liability" } });
    const companyName = `Zwilling ${crypto.randomBytes(3).toString("hex")} GmbH`;
    // Our client is that company, linked to the provider's first record of it.
    const ours = await makeClient(firm.advisor, { kind: "COMPANY", companyName, firstName: undefined, lastName: undefined, birthDate: undefined });
    const first = await finum.createClient({ type: "company", companyName }, { idempotencyKey: crypto.randomUUID() });
    await db().providerClientLink.create({ data: { providerId, remoteId: first.id, clientId: ours.id } });
    // The provider holds a second record of the same name, with a contract.
    const second = await finum.createClient({ type: "company", companyName }, { idempotencyKey: crypto.randomUUID() });
    const data = { coverage: "5000000", family: false, startDate: "2027-01-01" };
    const contract = await finum.createContract({ holderId: second.id, productId: product.remoteId, status: 120, data }, { idempotencyKey: crypto.randomUUID() });

    const report = await syncProvider(providerId, firm.org.id);
    expect(report.contract).toMatchObject({ failed: 0 });
    // Not matched to the client linked to the other record: it waits for an admin.
    expect(await db().contract.count({ where: { providerId, remoteId: contract.id } })).toBe(0);
    expect(await db().syncReviewItem.findFirst({ where: { providerId, remoteId: second.id } })).toMatchObject({ reason: "UNKNOWN_HOLDER", state: "OPEN" });
    expect(await db().providerClientLink.findFirst({ where: { providerId, remoteId: first.id } })).toMatchObject({ clientId: ours.id });
  }, 60_000);
});
