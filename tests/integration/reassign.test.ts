/**
 * Reassigning a departing advisor's clients with their contracts (lib/users/reassign-clients.ts):
 * one transaction, a timeline entry per contract, one audit row, only what was chosen, and the
 * departing advisor can be disabled afterwards with nothing left behind.
 */
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ownedClients, reassignClients, REASSIGNED_KIND } from "@/lib/users/reassign-clients";
import { setUserDisabled } from "@/lib/users/manage-users";
import { getContractView } from "@/lib/contracts/contract-view";
import { listTasks } from "@/lib/tasks/task-list";
import { makeClient, makeFirm, makeUser } from "../factories";
import { makeContract, makeProvider } from "../office-fixtures";

async function firmWithBook() {
  const firm = await makeFirm();
  const provider = await makeProvider(firm.org.id);
  const leaving = await makeUser(firm.org.id, "ADVISOR", "Lena Leaving");
  const taking = await makeUser(firm.org.id, "ADVISOR", "Tom Taking");
  const clients = [await makeClient(leaving), await makeClient(leaving), await makeClient(leaving)];
  const contracts = [
    await makeContract({ advisor: leaving, clientId: clients[0]!.id, providerId: provider.id, status: 110 }),
    await makeContract({ advisor: leaving, clientId: clients[0]!.id, providerId: provider.id, status: 320 }),
    await makeContract({ advisor: leaving, clientId: clients[1]!.id, providerId: provider.id, status: 130 }),
    await makeContract({ advisor: leaving, clientId: clients[2]!.id, providerId: provider.id, status: 0 }),
  ];
  // A colleague's contract for one of the leaving advisor's clients stays the colleague's.
  const colleagues = await makeContract({ advisor: firm.advisor, clientId: clients[1]!.id, providerId: provider.id, status: 130 });
  const admin = { ...firm.admin, name: "Ada Admin" };
  return { ...firm, admin, provider, leaving, taking, clients, contracts, colleagues };
}

const ownerOf = async (clientId: string) => (await db().client.findUniqueOrThrow({ where: { id: clientId } })).ownerId;
const advisorOf = async (contractId: string) => (await db().contract.findUniqueOrThrow({ where: { id: contractId } })).advisorId;

describe("reassigning clients when an advisor leaves", () => {
  it("moves every client with their contracts, notes it on each contract's timeline, audits it, and then the advisor can be disabled", async () => {
    const firm = await firmWithBook();
    expect(await reassignClients(firm.admin, { fromUserId: firm.leaving.id, toUserId: firm.taking.id })).toEqual({ clients: 3, contracts: 4 });

    for (const client of firm.clients) expect(await ownerOf(client.id)).toBe(firm.taking.id);
    for (const contract of firm.contracts) expect(await advisorOf(contract.id)).toBe(firm.taking.id);
    expect(await advisorOf(firm.colleagues.id)).toBe(firm.advisor.id);

    const events = await db().contractEvent.findMany({ where: { kind: REASSIGNED_KIND, contractId: { in: [...firm.contracts.map((c) => c.id), firm.colleagues.id] } } });
    expect(events.map((event) => event.contractId).sort()).toEqual(firm.contracts.map((c) => c.id).sort());
    expect(events[0]).toMatchObject({ source: "ADVISOR", actorId: firm.admin.id, actorLabel: "Ada Admin" });
    const view = await getContractView(firm.taking, firm.contracts[0]!.id, "de");
    expect(view.timeline.find((entry) => entry.kind === REASSIGNED_KIND)).toMatchObject({ title: "Einem anderen Berater zugeordnet", note: "Von Lena Leaving an Tom Taking übertragen" });

    const audit = await db().auditEvent.findFirstOrThrow({ where: { organizationId: firm.org.id, action: "clients.reassign" } });
    expect(audit).toMatchObject({ actorId: firm.admin.id, entityId: firm.leaving.id, data: { from: firm.leaving.id, to: firm.taking.id, clients: 3, contracts: 4, selected: false } });

    // The tasks moved with the contracts.
    expect((await listTasks(firm.taking)).tasks.map((task) => task.contractId).sort()).toEqual([firm.contracts[0]!.id, firm.contracts[2]!.id].sort());
    expect((await listTasks(firm.leaving)).total).toBe(0);

    await setUserDisabled(firm.admin, firm.leaving.id, true);
    expect(await db().client.count({ where: { ownerId: firm.leaving.id } })).toBe(0);
    expect(await db().contract.count({ where: { advisorId: firm.leaving.id } })).toBe(0);
    // Nothing left to move.
    await expect(reassignClients(firm.admin, { fromUserId: firm.leaving.id, toUserId: firm.taking.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("moves only the chosen clients, and refuses a stale choice as a whole", async () => {
    const firm = await firmWithBook();
    const picked = await ownedClients(firm.admin, firm.leaving.id);
    expect(picked.map((client) => client.id).sort()).toEqual(firm.clients.map((c) => c.id).sort());
    expect(picked.find((client) => client.id === firm.clients[0]!.id)?.contracts).toBe(2);

    expect(await reassignClients(firm.admin, { fromUserId: firm.leaving.id, toUserId: firm.taking.id, clientIds: [firm.clients[0]!.id] })).toEqual({ clients: 1, contracts: 2 });
    expect(await ownerOf(firm.clients[0]!.id)).toBe(firm.taking.id);
    expect(await ownerOf(firm.clients[1]!.id)).toBe(firm.leaving.id);
    expect(await advisorOf(firm.contracts[2]!.id)).toBe(firm.leaving.id);

    // One of the chosen clients is no longer the leaving advisor's: nothing moves.
    await expect(
      reassignClients(firm.admin, { fromUserId: firm.leaving.id, toUserId: firm.taking.id, clientIds: [firm.clients[0]!.id, firm.clients[1]!.id] }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await ownerOf(firm.clients[1]!.id)).toBe(firm.leaving.id);
    expect(await advisorOf(firm.contracts[2]!.id)).toBe(firm.leaving.id);
  });

  it("refuses the same user, a disabled or foreign target, and anyone but an admin", async () => {
    const firm = await firmWithBook();
    const backOffice = await makeUser(firm.org.id, "BACK_OFFICE");
    await expect(reassignClients(firm.admin, { fromUserId: firm.leaving.id, toUserId: firm.leaving.id })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { toUserId: expect.any(Array) } });
    const elsewhere = await makeFirm();
    await expect(reassignClients(firm.admin, { fromUserId: firm.leaving.id, toUserId: elsewhere.advisor.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await setUserDisabled(firm.admin, firm.taking.id, true);
    await expect(reassignClients(firm.admin, { fromUserId: firm.leaving.id, toUserId: firm.taking.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(reassignClients({ ...firm.advisor, name: "A" }, { fromUserId: firm.leaving.id, toUserId: firm.advisor.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(reassignClients({ ...backOffice, name: "B" }, { fromUserId: firm.leaving.id, toUserId: firm.advisor.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(ownedClients(backOffice, firm.leaving.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    for (const client of firm.clients) expect(await ownerOf(client.id)).toBe(firm.leaving.id);
    expect(await db().contractEvent.count({ where: { kind: REASSIGNED_KIND, contractId: { in: firm.contracts.map((c) => c.id) } } })).toBe(0);
  });
});
