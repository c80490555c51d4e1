import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getClient } from "@/lib/clients/queries";
import { createProposal } from "@/lib/contracts/create-proposal";
import { providerClientFor } from "@/lib/providers/provider-client";
import { syncProvider } from "@/lib/sync/sync-provider";
import { fetchPendingFiles } from "@/lib/documents/fetch-provider-files";
import { makeClient, makeFirm } from "../factories";
import { connectFirmToSandbox, eventually } from "../sandbox";

const data = { coverage: "5000000", family: "false", startDate: "2027-01-01" };

describe("the periodic sync", () => {
  it("brings a contract up to date when no callback and no poll did, with its documents, and takes in contracts made elsewhere", async () => {
    const firm = await makeFirm();
    const { providerId } = await connectFirmToSandbox(firm.admin);
    const client = await makeClient(firm.advisor);
    const product = await db().product.findFirstOrThrow({ where: { providerId, name: "Private Liability" } });
    const { contractId } = await createProposal(firm.advisor, { clientId: client.id, productId: product.id, data, requestKey: crypto.randomUUID() });
    const contract = await db().contract.findUniqueOrThrow({ where: { id: contractId } });
    const finum = await providerClientFor(providerId, firm.admin.organizationId);
    await eventually(async () => (await finum.list("contract", [contract.remoteId!])).records[0]?.status === 130, 10_000, "the sandbox's proposal");
    expect((await db().contract.findUniqueOrThrow({ where: { id: contractId } })).status).toBe(120); // nobody told us yet

    // A contract for the same client made in the provider's own tools.
    const link = await db().providerClientLink.findFirstOrThrow({ where: { clientId: client.id, providerId } });
    const elsewhere = await finum.createContract({ holderId: link.remoteId, productId: product.remoteId, status: 120, data: { coverage: "3000000", family: true, startDate: "2027-02-01" } }, { idempotencyKey: crypto.randomUUID() });
    // Both settled at the provider first, so that the second sync below has nothing new to see.
    await eventually(async () => (await finum.list("contract", [elsewhere.id])).records[0]?.status === 130, 10_000, "the other proposal");

    const report = await syncProvider(providerId, firm.admin.organizationId);
    // Both contracts were placed: the one we held (applied) and the one made elsewhere (imported).
    expect(report.contract).toMatchObject({ applied: 2, failed: 0 });
    // File bytes are the document queue's job, never the sync's.
    expect(await db().document.count({ where: { contractId } })).toBe(0);
    await fetchPendingFiles();
    const synced = await db().contract.findUniqueOrThrow({ where: { id: contractId }, include: { documents: true, events: { orderBy: { at: "desc" }, take: 1 } } });
    expect(synced.status).toBe(130);
    expect(synced.events[0]).toMatchObject({ toStatus: 130, source: "SYNC" });
    expect(synced.documents.map((d) => d.kind)).toContain("PROPOSAL");
    const imported = await db().contract.findUniqueOrThrow({ where: { providerId_remoteId: { providerId, remoteId: elsewhere.id } } });
    expect(imported).toMatchObject({ clientId: client.id, advisorId: firm.advisor.id, organizationId: firm.advisor.organizationId });

    const cursors = await db().syncCursor.findMany({ where: { providerId }, select: { recordType: true, lastSuccessAt: true, lastError: true } });
    expect(cursors.map((c) => c.recordType).sort()).toEqual(["client", "contract", "file", "product", "user"]);
    expect(cursors.every((c) => c.lastSuccessAt && !c.lastError)).toBe(true);

    // Running again changes nothing and imports nothing twice.
    const again = await syncProvider(providerId, firm.admin.organizationId);
    expect(again.contract).toMatchObject({ applied: 0, failed: 0 });
    expect(await db().contract.count({ where: { clientId: client.id } })).toBe(2);
    const link2 = await db().providerClientLink.findFirstOrThrow({ where: { clientId: client.id, providerId } });
    expect(link2.remoteUpdatedAt).not.toBeNull(); // the provider's view of the client is kept
    // ... and shown on the client's page: the provider's `_` fields.
    const page = await getClient(firm.advisor, client.id);
    expect(page.providerViews[0]!.fields.map((f) => f.name)).toContain("_creditCheck");
  }, 60_000);
});
