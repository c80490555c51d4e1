import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createProposal } from "@/lib/contracts/create-proposal";
import { sendProposal } from "@/lib/contracts/send-proposal";
import { resubmitContractData } from "@/lib/contracts/resubmit-contract-data";
import { orderContract } from "@/lib/contracts/order-contract";
import { applyProviderContracts } from "@/lib/contracts/apply-provider-contracts";
import { readContract } from "@/lib/finum/read";
import { recordOfflineApproval } from "@/lib/approvals/record-offline-approval";
import { refreshContract } from "@/lib/sync/refresh-contract";
import { pollPendingContracts } from "@/lib/sync/poll-pending";
import { providerClientFor } from "@/lib/providers/provider-client";
import { updateProvider } from "@/lib/providers/update-provider";
import { performProviderWrite } from "@/lib/writes/perform-provider-write";
import { completeTestAdvice, makeClient, makeFirm } from "../factories";
import { connectFirmToSandbox, eventually } from "../sandbox";
import { translate } from "@/lib/i18n/translate";
import { readStoredText } from "@/lib/i18n/stored-text";

async function liabilityProduct(providerId: string) {
  return db().product.findFirstOrThrow({ where: { providerId, name: "Private Liability" }, select: { id: true, remoteId: true } });
}

const fullData = { coverage: "5000000", family: "true", dogOwner: "false", startDate: "2027-01-01" };
const statusOf = async (id: string) => (await db().contract.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
const actorOf = (user: { id: string; organizationId: string; role: "ADMIN" | "ADVISOR" | "BACK_OFFICE"; name: string }) => user;

async function firmWithSandbox() {
  const firm = await makeFirm();
  const { providerId, consumer } = await connectFirmToSandbox(firm.admin);
  const client = await makeClient(firm.advisor);
  const product = await liabilityProduct(providerId);
  return { ...firm, providerId, consumer, client, product };
}

/** An offline approval as the form sends it: the customer's name as on the proposal, now, and a scanned PDF. */
async function offlineInput(contractId: string, overrides: Record<string, unknown> = {}) {
  const { client } = await db().contract.findUniqueOrThrow({ where: { id: contractId }, select: { client: { select: { displayName: true } } } });
  return { approvedBy: client.displayName, approvedAt: new Date().toISOString(), method: "paper", evidence: new File([new TextEncoder().encode("%PDF-1.4 signed scan")], "signed.pdf", { type: "application/pdf" }), ...overrides };
}

describe("the advisor's proposal flow against the sandbox", () => {
  it("goes 110 → 120 → 130 → approval → 230/240 → 320 with documents and a full timeline", async () => {
    const { advisor, client, product } = await firmWithSandbox();
    const actor = actorOf(advisor);
    const created = await createProposal(actor, { clientId: client.id, productId: product.id, data: { family: "false" }, allowMissing: true, requestKey: crypto.randomUUID() });
    expect(created).toMatchObject({ sent: true, status: 110 });
    const waiting = await db().contract.findUniqueOrThrow({ where: { id: created.contractId } });
    expect(waiting.statusNote).toMatch(/coverage/);
    expect(waiting.remoteId).toBeTruthy();

    await expect(resubmitContractData(actor, created.contractId, { family: "false" })).rejects.toMatchObject({ code: "VALIDATION" });
    await resubmitContractData(actor, created.contractId, fullData);
    expect(await statusOf(created.contractId)).toBe(120);

    // No callback endpoint in play here: the pending poll alone moves it on.
    await eventually(async () => {
      await pollPendingContracts({ olderThanSeconds: 0 });
      return (await statusOf(created.contractId)) === 130;
    }, 10_000, "status 130");
    const proposal = await db().document.findFirstOrThrow({ where: { contractId: created.contractId, kind: "PROPOSAL" } });
    expect(proposal.sha256).toBe(crypto.createHash("sha256").update(proposal.bytes).digest("hex"));
    expect(Buffer.from(proposal.bytes).subarray(0, 5).toString()).toBe("%PDF-");

    await expect(orderContract(actor, created.contractId)).rejects.toMatchObject({ code: "CONFLICT" });
    await completeTestAdvice(actor, created.contractId);
    await recordOfflineApproval(actor, created.contractId, await offlineInput(created.contractId, { method: "phone" }));
    await orderContract(actor, created.contractId, 1);
    expect(await statusOf(created.contractId)).toBe(240);

    await eventually(async () => {
      await pollPendingContracts({ olderThanSeconds: 0 });
      return (await statusOf(created.contractId)) === 320;
    }, 10_000, "status 320");
    const active = await db().contract.findUniqueOrThrow({ where: { id: created.contractId }, include: { documents: true, events: { where: { kind: "status" }, orderBy: { at: "asc" } } } });
    expect(active.contractNumber).toBeTruthy();
    expect(active.documents.map((d) => d.kind).sort()).toEqual(["OTHER", "POLICY", "PROPOSAL"]); // OTHER: the offline approval's evidence
    expect(active.events.map((e) => [e.fromStatus, e.toStatus, e.source])).toEqual([
      [null, 0, "ADVISOR"],
      [0, 120, "ADVISOR"],
      [120, 110, "SYSTEM"],
      [110, 120, "ADVISOR"],
      [120, 130, "POLL"],
      [130, 230, "ADVISOR"],
      [230, 240, "SYSTEM"],
      [240, 320, "POLL"],
    ]);
    // The offline approval is on the timeline too, beside the status changes.
    expect(await db().contractEvent.count({ where: { contractId: created.contractId, kind: "approval.approved", source: "ADVISOR" } })).toBe(1);
  }, 60_000);

  it("never creates a second contract or client at the provider: same request key, or a crash between call and commit", async () => {
    const { advisor, client, product, providerId, consumer } = await firmWithSandbox();
    const requestKey = crypto.randomUUID();
    const input = { clientId: client.id, productId: product.id, data: fullData, requestKey };
    const [first, second] = await Promise.all([createProposal(advisor, input), createProposal(advisor, input)]);
    expect(second.contractId).toBe(first.contractId);
    expect(await db().contract.count({ where: { clientId: client.id } })).toBe(1);

    // A crash after the provider answered but before our commit: the write stays pending and is resent with the same key.
    const finum = await providerClientFor(providerId, advisor.organizationId);
    const link = await db().providerClientLink.findFirstOrThrow({ where: { clientId: client.id, providerId } });
    const body = { holderId: link.remoteId, productId: product.remoteId, status: 120 as const, data: { coverage: "3000000", family: false, startDate: "2027-02-01" } };
    const spec = { providerId, clientId: client.id, operation: "contract.create" as const, body, send: (b: typeof body, key: string) => finum.createContract(b, { idempotencyKey: key }) };
    const crashed = await performProviderWrite({ ...spec, onSuccess: async () => { throw new Error("crash before commit"); } }).catch((e: unknown) => e);
    expect(crashed).toBeInstanceOf(Error);
    const retried = await performProviderWrite({ ...spec, onSuccess: async (_tx, record) => record });
    const atProvider = (await finum.contractsOfHolder(link.remoteId)).records;
    expect(atProvider.filter((c) => c.id === retried.id)).toHaveLength(1);
    expect(atProvider).toHaveLength(2); // the proposal above and this one: no duplicate from the retry
    expect(await db().providerClientLink.count({ where: { clientId: client.id } })).toBe(1);
    void consumer;
  }, 30_000);

  it("keeps the proposal as a draft when the provider is down, and sends it once it is back", async () => {
    const { admin, advisor, client, product, providerId, consumer } = await firmWithSandbox();
    const provider = await db().provider.findUniqueOrThrow({ where: { id: providerId } });
    const down = { name: provider.name, baseUrl: "http://127.0.0.1:9", consumerId: provider.consumerId, audience: provider.audience! };
    await updateProvider(admin, providerId, down);
    const result = await createProposal(advisor, { clientId: client.id, productId: product.id, data: fullData, requestKey: crypto.randomUUID() });
    expect(result).toMatchObject({ sent: false, code: "PROVIDER_UNAVAILABLE" });
    expect(result.sent === false && translate("en", result.error)).toMatch(/not reachable.*saved as a draft/);
    expect(await statusOf(result.contractId)).toBe(0);

    await updateProvider(admin, providerId, { ...down, baseUrl: provider.baseUrl });
    expect(await sendProposal(advisor, result.contractId)).toMatchObject({ sent: true, status: 120 });
    const link = await db().providerClientLink.findFirstOrThrow({ where: { clientId: client.id } });
    const finum = await providerClientFor(providerId, advisor.organizationId);
    expect((await finum.contractsOfHolder(link.remoteId)).records).toHaveLength(1);
    await expect(sendProposal(advisor, result.contractId)).resolves.toMatchObject({ sent: false, code: "CONFLICT" });
    void consumer;
  }, 60_000);

  it("retries through injected 5xx and 429 answers without creating duplicates", async () => {
    const { advisor, client, product, consumer, providerId } = await firmWithSandbox();
    await consumer.setFaults({ errorRate: 0.4, rateLimitRate: 0.2 });
    const result = await createProposal(advisor, { clientId: client.id, productId: product.id, data: fullData, requestKey: crypto.randomUUID() });
    await consumer.setFaults({});
    const sent = result.sent ? result : await sendProposal(advisor, result.contractId);
    expect(sent).toMatchObject({ sent: true });
    const link = await db().providerClientLink.findFirstOrThrow({ where: { clientId: client.id } });
    expect((await (await providerClientFor(providerId, advisor.organizationId)).contractsOfHolder(link.remoteId)).records).toHaveLength(1);
  }, 60_000);

  it("applies provider data only when it is newer, and voids approvals of an older proposal", async () => {
    const { advisor, client, product } = await firmWithSandbox();
    const { contractId } = await createProposal(advisor, { clientId: client.id, productId: product.id, data: fullData, requestKey: crypto.randomUUID() });
    await eventually(async () => (await refreshContract(contractId, "POLL")) && (await statusOf(contractId)) === 130, 10_000, "status 130");
    const contract = await db().contract.findUniqueOrThrow({ where: { id: contractId } });
    const stale = readContract({ ...(contract.raw as Record<string, unknown>), status: 110, updatedAt: new Date(contract.remoteUpdatedAt!.getTime() - 1000).toISOString() }).record;
    expect(await applyProviderContracts({ providerId: contract.providerId, organizationId: contract.organizationId, source: "CALLBACK" }, [stale])).toMatchObject({ applied: [], unchanged: 1 });
    expect(await statusOf(contractId)).toBe(130);

    await completeTestAdvice(advisor, contractId);
    await recordOfflineApproval(advisor, contractId, await offlineInput(contractId));
    await resubmitContractData(advisor, contractId, { ...fullData, coverage: "10000000" }); // asks for proposal version 2
    await eventually(async () => (await refreshContract(contractId, "POLL")) && (await db().contract.findUniqueOrThrow({ where: { id: contractId } })).proposalVersion === 2, 10_000, "version 2");
    const approval = await db().approvalRequest.findFirstOrThrow({ where: { contractId } });
    expect(approval.status).toBe("VOID");
    // Stored as a message, read in each reader's language.
    expect(readStoredText(approval.voidReason!, "en")).toBe("Proposal version 2 replaced the version this approval was given for.");
    expect(readStoredText(approval.voidReason!, "de")).toBe("Angebotsversion 2 hat die Version ersetzt, für die diese Zustimmung gegeben wurde.");
    await expect(orderContract(advisor, contractId)).rejects.toMatchObject({ code: "CONFLICT" });
  }, 60_000);

  it("refuses another advisor's contract, and another firm's", async () => {
    const { advisor, otherAdvisor, client, product } = await firmWithSandbox();
    const other = await makeFirm();
    const { contractId } = await createProposal(advisor, { clientId: client.id, productId: product.id, data: fullData, requestKey: crypto.randomUUID() });
    for (const intruder of [otherAdvisor, other.admin]) {
      await expect(resubmitContractData(intruder, contractId, fullData)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(orderContract(intruder, contractId)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(recordOfflineApproval(intruder, contractId, await offlineInput(contractId))).rejects.toBeInstanceOf(AppError);
    }
    await expect(createProposal(other.admin, { clientId: client.id, productId: product.id, data: fullData, requestKey: crypto.randomUUID() })).rejects.toMatchObject({ code: "NOT_FOUND" });
  }, 30_000);

  it("records an offline approval only with the customer's name, a date between the proposal and now, and real evidence", async () => {
    const { advisor, client, product } = await firmWithSandbox();
    const { contractId } = await createProposal(advisor, { clientId: client.id, productId: product.id, data: fullData, requestKey: crypto.randomUUID() });
    await eventually(async () => (await refreshContract(contractId, "POLL")) && (await statusOf(contractId)) === 130, 10_000, "status 130");
    await eventually(async () => Boolean(await db().document.findFirst({ where: { contractId, kind: "PROPOSAL" } })), 10_000, "the proposal document");
    await completeTestAdvice(advisor, contractId);
    const refusals = [
      [{ approvedBy: "Somebody Else" }, "approvedBy"],
      [{ approvedAt: new Date(Date.now() - 86_400_000).toISOString() }, "approvedAt"],
      [{ approvedAt: new Date(Date.now() + 3_600_000).toISOString() }, "approvedAt"],
      [{ evidence: undefined }, "evidence"],
      [{ evidence: new File(["<html><script>alert(1)</script>"], "scan.pdf", { type: "application/pdf" }) }, "evidence"],
      [{ evidence: new File(["<svg onload=alert(1)>"], "scan.svg", { type: "image/svg+xml" }) }, "evidence"],
    ] as const;
    for (const [override, field] of refusals) {
      const error = await recordOfflineApproval(advisor, contractId, await offlineInput(contractId, override)).then(() => null, (caught: AppError) => caught);
      expect(error?.code, field).toBe("VALIDATION");
      expect(Object.keys(error?.fieldErrors ?? {}), JSON.stringify(override)).toContain(field);
    }
    await expect(orderContract(advisor, contractId)).rejects.toMatchObject({ code: "CONFLICT" });

    // Accents and spacing aside, the name as on the proposal; the evidence kept with its hash.
    const name = (await db().client.findUniqueOrThrow({ where: { id: client.id } })).displayName;
    const { approvalId } = await recordOfflineApproval(advisor, contractId, await offlineInput(contractId, { approvedBy: `  ${name.toUpperCase()} ` }));
    const approval = await db().approvalRequest.findUniqueOrThrow({ where: { id: approvalId } });
    expect(approval).toMatchObject({ channel: "OFFLINE", status: "APPROVED", decidedName: name });
    const evidence = (approval.evidence as { evidenceDocument: { id: string; sha256: string } }).evidenceDocument;
    const stored = await db().document.findUniqueOrThrow({ where: { id: evidence.id } });
    expect(stored).toMatchObject({ contractId, kind: "OTHER", mime: "application/pdf", sha256: evidence.sha256 });
  }, 60_000);
});
