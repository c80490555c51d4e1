/**
 * The contract engine against the real sandbox: whose turn through every approval state, the way
 * on after a decline (revise, duplicate, withdraw), and the race where a contract moves on between
 * a sync's contract pull and its file pull.
 */
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createProposal } from "@/lib/contracts/create-proposal";
import { resubmitContractData } from "@/lib/contracts/resubmit-contract-data";
import { withdrawContract } from "@/lib/contracts/withdraw-contract";
import { orderContract } from "@/lib/contracts/order-contract";
import { applyProviderContracts } from "@/lib/contracts/apply-provider-contracts";
import { refreshContract } from "@/lib/sync/refresh-contract";
import { syncProviderRecordType } from "@/lib/sync/sync-provider";
import { fetchPendingFiles } from "@/lib/documents/fetch-provider-files";
import { sendApprovalRequest } from "@/lib/approvals/send-approval-request";
import { declineByLink, approveByLink } from "@/lib/approvals/decide-by-link";
import { getCustomerApproval } from "@/lib/approvals/customer-approval";
import { expireApprovalLinks } from "@/lib/approvals/expire-approval-links";
import { currentApproval } from "@/lib/approvals/current-approval";
import { readContract } from "@/lib/finum/read";
import { completeTestAdvice, makeClient, makeFirm } from "../factories";
import { connectFirmToSandbox, eventually, setSandboxContractStatus } from "../sandbox";
import { readStoredText } from "@/lib/i18n/stored-text";

const fullData = { coverage: "5000000", family: "true", dogOwner: "false", startDate: "2027-01-01" };
const meta = { ip: "203.0.113.7", userAgent: "Vitest Browser/1.0" };
const turnOf = (id: string) => db().contract.findUniqueOrThrow({ where: { id }, select: { status: true, turn: true, nextStep: true, approvalState: true, needsAttention: true, proposalVersion: true, statusNote: true } });

async function firmAtSandbox() {
  const firm = await makeFirm();
  const { providerId } = await connectFirmToSandbox(firm.admin);
  const client = await db().client.findUniqueOrThrow({ where: { id: (await makeClient(firm.advisor)).id } });
  const products = await db().product.findMany({ where: { providerId }, select: { id: true, name: true, remoteId: true } });
  const liability = products.find((p) => p.name === "Private Liability")!;
  return { ...firm, providerId, client, products, liability };
}

async function proposalAt130(firm: Awaited<ReturnType<typeof firmAtSandbox>>) {
  const { contractId } = await createProposal(firm.advisor, { clientId: firm.client.id, productId: firm.liability.id, data: fullData, requestKey: crypto.randomUUID() });
  await eventually(async () => (await refreshContract(contractId, "POLL")) && (await turnOf(contractId)).status === 130, 15_000, "status 130");
  await completeTestAdvice(firm.advisor, contractId); // the advice record the customer approves with it (issue 14)
  return contractId;
}

async function tokenFromMail(email: string): Promise<string> {
  const mail = await db().outboxMail.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: "desc" } });
  return /\/approve\/([A-Za-z0-9_-]{43})/.exec(mail.text)![1]!;
}

async function digestOf(token: string): Promise<string> {
  const view = await getCustomerApproval(token);
  if (!("digest" in view)) throw new Error("unknown token");
  return view.digest;
}

describe("the contract engine", () => {
  it("decides whose turn from the status and the approval state, and the way on after a decline is a revised proposal", async () => {
    const firm = await firmAtSandbox();
    const contractId = await proposalAt130(firm);
    // A proposal nobody has sent to the customer yet waits on the advisor.
    expect(await turnOf(contractId)).toMatchObject({ turn: "ADVISOR", nextStep: "send-approval", approvalState: "NONE", needsAttention: true });

    await sendApprovalRequest(firm.advisor, contractId);
    expect(await turnOf(contractId)).toMatchObject({ turn: "CUSTOMER", nextStep: "wait-customer", approvalState: "PENDING", needsAttention: false });

    const token = await tokenFromMail(firm.client.email!);
    await declineByLink(token, { digest: await digestOf(token), reason: "Too expensive" }, meta);
    expect(await turnOf(contractId)).toMatchObject({ turn: "ADVISOR", nextStep: "after-decline", approvalState: "DECLINED", needsAttention: true });

    // Revise: changed data, a new proposal version; the decline belonged to the old one.
    await resubmitContractData(firm.advisor, contractId, { ...fullData, coverage: "3000000" });
    expect(await turnOf(contractId)).toMatchObject({ status: 120, turn: "PROVIDER" });
    await eventually(async () => (await refreshContract(contractId, "POLL")) && (await turnOf(contractId)).proposalVersion === 2, 15_000, "version 2");
    expect(await turnOf(contractId)).toMatchObject({ status: 130, turn: "ADVISOR", nextStep: "approval-voided", approvalState: "VOID" });

    // Both versions are kept for the field-by-field diff.
    const versions = await db().proposalVersion.findMany({ where: { contractId }, orderBy: { version: "asc" } });
    expect(versions.map((v) => [v.version, (v.data as Record<string, unknown>).coverage])).toEqual([
      [1, "5000000"],
      [2, "3000000"],
    ]);

    await sendApprovalRequest(firm.advisor, contractId);
    const second = await tokenFromMail(firm.client.email!);
    await approveByLink(second, { digest: await digestOf(second), fullName: `${firm.client.firstName} ${firm.client.lastName}`, confirm: true }, meta);
    expect(await turnOf(contractId)).toMatchObject({ turn: "ADVISOR", nextStep: "order", approvalState: "APPROVED" });
    await orderContract(firm.advisor, contractId);
    expect(await turnOf(contractId)).toMatchObject({ turn: "PROVIDER" });

    const timeline = await db().contractEvent.findMany({ where: { contractId }, orderBy: { at: "asc" }, select: { kind: true, source: true } });
    expect(timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(["approval.sent", "approval.declined", "approval.approved"]));
    expect(timeline.find((e) => e.kind === "approval.declined")?.source).toBe("CUSTOMER");
  }, 90_000);

  it("an expired link becomes the advisor's turn, on the timeline, by the expiry sweep", async () => {
    const firm = await firmAtSandbox();
    const contractId = await proposalAt130(firm);
    const { approvalId } = await sendApprovalRequest(firm.advisor, contractId);
    await db().approvalRequest.update({ where: { id: approvalId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await expireApprovalLinks()).toBeGreaterThanOrEqual(1);
    expect(await turnOf(contractId)).toMatchObject({ turn: "ADVISOR", nextStep: "resend-approval", approvalState: "EXPIRED", needsAttention: true });
    expect(await db().contractEvent.count({ where: { contractId, kind: "approval.expired" } })).toBe(1);
    expect(await expireApprovalLinks()).toBe(0); // once
  }, 60_000);

  it("after a decline, duplicates the proposal into a new draft for another product, and the original needs nothing more", async () => {
    const firm = await firmAtSandbox();
    const contractId = await proposalAt130(firm);
    const household = firm.products.find((p) => p.id !== firm.liability.id)!;
    const copy = await createProposal(firm.advisor, { clientId: firm.client.id, productId: household.id, data: {}, allowMissing: true, requestKey: crypto.randomUUID(), duplicatedFromId: contractId });
    expect((await db().contract.findUniqueOrThrow({ where: { id: copy.contractId } })).duplicatedFromId).toBe(contractId);
    expect(await turnOf(contractId)).toMatchObject({ turn: "NONE", nextStep: "none" });
    expect(await db().contractEvent.count({ where: { contractId, kind: "proposal.duplicated" } })).toBe(1);
    // A later change at the provider, read through the batched apply path, leaves the replaced original alone.
    const { remoteId } = await db().contract.findUniqueOrThrow({ where: { id: contractId }, select: { remoteId: true } });
    await setSandboxContractStatus(remoteId!, 130, { statusNote: "Proposal reissued" });
    await eventually(async () => (await refreshContract(contractId, "POLL")) && (await turnOf(contractId)).statusNote === "Proposal reissued", 15_000, "the new note");
    expect(await turnOf(contractId)).toMatchObject({ turn: "NONE", nextStep: "none", needsAttention: false });
    // Another firm's contract cannot be the original.
    const other = await firmAtSandbox();
    await expect(createProposal(other.advisor, { clientId: other.client.id, productId: other.liability.id, data: fullData, requestKey: crypto.randomUUID(), duplicatedFromId: contractId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  }, 60_000);

  it("withdraws a proposal (430) with its reason, and nothing is left to do", async () => {
    const firm = await firmAtSandbox();
    const contractId = await proposalAt130(firm);
    await expect(withdrawContract(firm.advisor, contractId, { reason: "" })).rejects.toMatchObject({ code: "VALIDATION" });
    await withdrawContract(firm.advisor, contractId, { reason: "The client found cover elsewhere" });
    expect(await turnOf(contractId)).toMatchObject({ status: 430, turn: "NONE", nextStep: "none" });
    const event = await db().contractEvent.findFirstOrThrow({ where: { contractId, toStatus: 430 } });
    expect(event.source).toBe("ADVISOR");
    // Kept as a message, read in each reader's language.
    expect(readStoredText(event.note, "en")).toBe("Withdrawn: The client found cover elsewhere");
    expect(readStoredText(event.note, "de")).toContain("The client found cover elsewhere");
    await expect(withdrawContract(firm.advisor, contractId, { reason: "again" })).rejects.toMatchObject({ code: "CONFLICT" });
  }, 60_000);

  it("a contract that moved 120 → 130 between the sync's contract pull and its file pull gets the proposal's version from the record that names it", async () => {
    const firm = await firmAtSandbox();
    const { contractId } = await createProposal(firm.advisor, { clientId: firm.client.id, productId: firm.liability.id, data: fullData, requestKey: crypto.randomUUID() });
    const contract = await db().contract.findUniqueOrThrow({ where: { id: contractId } });
    expect(contract.status).toBe(120);
    // The provider reaches 130 (proposal file 1) while our last read still says 120.
    await eventually(async () => {
      const read = await (await import("@/lib/providers/provider-client")).providerClientFor(firm.providerId, firm.admin.organizationId).then((c) => c.list("contract", [contract.remoteId!]));
      return read.records[0]?.status === 130;
    }, 15_000, "the sandbox's proposal");
    // The sync's file pull sees the proposal file of a contract we still hold at 120 ...
    await db().syncCursor.deleteMany({ where: { providerId: firm.providerId } });
    await syncProviderRecordType(firm.providerId, firm.admin.organizationId, "file");
    await fetchPendingFiles({ contractIds: [contractId] });
    const early = await db().document.findFirstOrThrow({ where: { contractId, kind: "PROPOSAL" } });
    expect(early.proposalVersion).toBeNull(); // nothing to take a version from yet
    expect(await currentApproval({ id: contractId, proposalVersion: 1 })).toBeNull();
    // ... and the next read of the contract, which names the file as proposal version 1, corrects it.
    await refreshContract(contractId, "CALLBACK");
    const corrected = await db().document.findUniqueOrThrow({ where: { id: early.id } });
    expect(corrected).toMatchObject({ kind: "PROPOSAL", proposalVersion: 1 });
    await completeTestAdvice(firm.advisor, contractId);
    await sendApprovalRequest(firm.advisor, contractId); // possible now: the document is version 1's
  }, 60_000);

  it("a sync re-reading an unchanged contract writes nothing, unless the contract waits on the provider (the pending poll reads when we last looked)", async () => {
    const firm = await firmAtSandbox();
    const contractId = await proposalAt130(firm); // the customer's or advisor's turn
    const rowVersion = async (id: string) => (await db().$queryRaw<Array<{ xmin: string; lastReadAt: Date | null; turn: string }>>`SELECT xmin::text AS xmin, "lastReadAt", "turn"::text AS turn FROM "Contract" WHERE "id" = ${id}`)[0]!;
    const unchanged = async (id: string) => readContract((await db().contract.findUniqueOrThrow({ where: { id } })).raw).record;
    const context = { providerId: firm.providerId, organizationId: firm.admin.organizationId };
    const before = await rowVersion(contractId);
    expect(before.turn).not.toBe("PROVIDER");
    const synced = await applyProviderContracts({ ...context, source: "SYNC", readStartedAt: new Date() }, [await unchanged(contractId)]);
    expect(synced).toMatchObject({ applied: [], unchanged: 1 });
    expect(await rowVersion(contractId)).toEqual(before); // not even a new row version
    // A callback's read is noted: a callback that arrived before it needs no read of its own.
    const callbackRead = new Date();
    await applyProviderContracts({ ...context, source: "CALLBACK", readStartedAt: callbackRead }, [await unchanged(contractId)]);
    expect((await rowVersion(contractId)).lastReadAt).toEqual(callbackRead);

    // A contract that waits on the provider (120): the sync's read is noted, so the poll need not read it again.
    const { contractId: waiting } = await createProposal(firm.advisor, { clientId: firm.client.id, productId: firm.liability.id, data: fullData, requestKey: crypto.randomUUID() });
    expect((await rowVersion(waiting)).turn).toBe("PROVIDER");
    const syncRead = new Date();
    expect(await applyProviderContracts({ ...context, source: "SYNC", readStartedAt: syncRead }, [await unchanged(waiting)])).toMatchObject({ applied: [], unchanged: 1 });
    expect((await rowVersion(waiting)).lastReadAt).toEqual(syncRead);
  });

  it("never moves a contract backwards, whatever order reads arrive in, and isolates a record that cannot be applied", async () => {
    const firm = await firmAtSandbox();
    const contractId = await proposalAt130(firm);
    const contract = await db().contract.findUniqueOrThrow({ where: { id: contractId } });
    const context = { providerId: firm.providerId, organizationId: firm.admin.organizationId, source: "SYNC" as const };
    const raw = contract.raw as Record<string, unknown>;
    const older = readContract({ ...raw, status: 120, updatedAt: new Date(contract.remoteUpdatedAt!.getTime() - 1).toISOString() }).record;
    expect((await applyProviderContracts(context, [older])).applied).toEqual([]);
    // The same stamp (providers that stamp whole seconds): a read that started before ours is not newer ...
    const same = readContract({ ...raw, statusNote: "same second" }).record;
    expect((await applyProviderContracts({ ...context, readStartedAt: new Date(contract.lastReadAt!.getTime() - 1) }, [same])).applied).toEqual([]);
    expect((await turnOf(contractId)).status).toBe(130);
    // ... a later read that says something else is.
    expect((await applyProviderContracts(context, [same])).applied).toEqual([contractId]);
    expect((await db().contract.findUniqueOrThrow({ where: { id: contractId } })).statusNote).toBe("same second");

    // A NUL inside provider text does not block the record (PostgreSQL refuses NUL in text and jsonb).
    const withNul = readContract({ ...raw, statusNote: "a\u0000b", _note: "x\u0000y", updatedAt: new Date(contract.remoteUpdatedAt!.getTime() + 1000).toISOString() }).record;
    const applied = await applyProviderContracts(context, [withNul]);
    expect(applied.applied).toEqual([contractId]);
    expect((await db().contract.findUniqueOrThrow({ where: { id: contractId } })).statusNote).toBe("ab");
  }, 60_000);
});
