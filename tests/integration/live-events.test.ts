import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { publishEvent, type LiveEvent } from "@/lib/events/publish";
import { eventVisibleTo, subscribe, type DeliveredEvent } from "@/lib/events/subscribe";
import { eventually } from "../sandbox";

// Other test files publish on the same database at the same time: this file's events carry an
// organization id of their own, and only those are counted.
const ORG = `org-live-${Math.random().toString(36).slice(2)}`;
const ours = (delivered: DeliveredEvent) => delivered.event.organizationId === ORG;

const contractEvent = (n: number, overrides: Partial<Extract<LiveEvent, { type: "contract.updated" }>> = {}): LiveEvent => ({
  type: "contract.updated",
  organizationId: ORG,
  advisorId: "advisor-1",
  contractId: `contract-${n}`,
  status: 130,
  ...overrides,
});

describe("live events", () => {
  it("arrive only after the transaction commits, and resume from Last-Event-ID", async () => {
    const seen: DeliveredEvent[] = [];
    const stop = await subscribe({ onEvent: (e) => ours(e) && seen.push(e), onResync: () => {} });
    await db().$transaction(async (tx) => {
      await publishEvent(tx, contractEvent(1));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(seen).toHaveLength(0); // not yet committed
    });
    await eventually(async () => seen.length === 1, 5_000, "the first event");
    const rolledBack = db().$transaction(async (tx) => {
      await publishEvent(tx, contractEvent(99));
      throw new Error("roll back");
    });
    await expect(rolledBack).rejects.toThrow("roll back");
    stop();

    // While "disconnected", two more events; a reconnect with the last id seen replays exactly those.
    await db().$transaction((tx) => publishEvent(tx, contractEvent(2)));
    await db().$transaction((tx) => publishEvent(tx, contractEvent(3)));
    const probe: DeliveredEvent[] = [];
    const stopProbe = await subscribe({ onEvent: (e) => ours(e) && probe.push(e), onResync: () => {} });
    await db().$transaction((tx) => publishEvent(tx, contractEvent(4)));
    await eventually(async () => probe.some((e) => (e.event as { contractId: string }).contractId === "contract-4"), 5_000, "the probe event");
    stopProbe();

    const replayed: DeliveredEvent[] = [];
    let resynced = false;
    const stopReplay = await subscribe({ onEvent: (e) => ours(e) && replayed.push(e), onResync: () => (resynced = true) }, seen[0]!.id);
    stopReplay();
    expect(resynced).toBe(false);
    expect(seen).toHaveLength(1); // the rolled-back event never arrived
    expect(replayed.map((e) => (e.event as { contractId: string }).contractId)).toEqual(["contract-2", "contract-3", "contract-4"]);

    let unknownResync = false;
    (await subscribe({ onEvent: () => {}, onResync: () => (unknownResync = true) }, "another-instance.17"))();
    expect(unknownResync).toBe(true);

    // The replay comes from PostgreSQL, not from this process's memory: any instance can serve it,
    // as long as the event is still kept (the retention job removes old ones: then a resync).
    expect(await db().liveEvent.count({ where: { id: BigInt(seen[0]!.id) } })).toBe(1);
    await db().liveEvent.delete({ where: { id: BigInt(seen[0]!.id) } });
    let prunedResync = false;
    (await subscribe({ onEvent: () => {}, onResync: () => (prunedResync = true) }, seen[0]!.id))();
    expect(prunedResync).toBe(true);
  });

  it("re-establishes a lost LISTEN connection and tells screens to resync", async () => {
    const seen: DeliveredEvent[] = [];
    let resyncs = 0;
    const stop = await subscribe({ onEvent: (e) => ours(e) && seen.push(e), onResync: () => resyncs++ });
    // The database drops our listener (a failover, a restart): terminate its backend.
    await db().$executeRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN proposal_desk_events' AND pid <> pg_backend_pid()`;
    await eventually(async () => resyncs > 0, 5_000, "a resync");
    // Once listening again, events flow as before.
    await eventually(async () => {
      await db().$transaction((tx) => publishEvent(tx, contractEvent(50)));
      return seen.some((e) => (e.event as { contractId: string }).contractId === "contract-50");
    }, 10_000, "events after the reconnect");
    stop();
  });

  it("shows advisors their own contracts and notifications, admins their organization's", () => {
    const advisor = { id: "advisor-1", organizationId: ORG, role: "ADVISOR" as const };
    const colleague = { id: "advisor-2", organizationId: ORG, role: "ADVISOR" as const };
    const admin = { id: "admin-1", organizationId: ORG, role: "ADMIN" as const };
    const outsider = { id: "admin-9", organizationId: "org-2", role: "ADMIN" as const };
    const event = contractEvent(1);
    expect([advisor, colleague, admin, outsider].map((user) => eventVisibleTo(event, user))).toEqual([true, false, true, false]);
    const notification: LiveEvent = { type: "notification.created", organizationId: ORG, userId: "advisor-2", notificationId: "n1" };
    expect([advisor, colleague, admin].map((user) => eventVisibleTo(notification, user))).toEqual([false, true, false]);
  });
});
