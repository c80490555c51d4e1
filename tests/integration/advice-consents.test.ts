/**
 * Issue 14, items 1 and 2, against the real database and the real sandbox: the advice record
 * (versions, PDF + SHA-256, waiver), the approval link bound to proposal AND advice, ordering only
 * with both, a new advice version voiding the link, and consents (no 120 without the sharing
 * consent, withdrawal kept, consents given by the customer on their link).
 */
import crypto from "node:crypto";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createProposal } from "@/lib/contracts/create-proposal";
import { sendProposal } from "@/lib/contracts/send-proposal";
import { orderContract } from "@/lib/contracts/order-contract";
import { getContractView } from "@/lib/contracts/contract-view";
import { refreshContract } from "@/lib/sync/refresh-contract";
import { sendApprovalRequest } from "@/lib/approvals/send-approval-request";
import { getCustomerAdvicePdf, getCustomerApproval } from "@/lib/approvals/customer-approval";
import { approveByLink } from "@/lib/approvals/decide-by-link";
import { getCustomerReceipt } from "@/lib/approvals/approval-receipt";
import { recordOfflineApproval } from "@/lib/approvals/record-offline-approval";
import { updateApprovalSettings } from "@/lib/approvals/approval-settings";
import { completeAdvice, saveAdviceDraft, waiveAdvice } from "@/lib/advice/advice-records";
import { getAdvicePdfForViewer } from "@/lib/advice/advice-view";
import { listConsents, recordConsent, withdrawConsent } from "@/lib/consents/consents";
import { customerConsentOptions, giveConsentsByLink } from "@/lib/consents/customer-consents";
import { completeTestAdvice, makeClient, makeFirm } from "../factories";
import { connectFirmToSandbox, eventually } from "../sandbox";

const fullData = { coverage: "5000000", family: "true", dogOwner: "false", startDate: "2027-01-01" };
const meta = { ip: "203.0.113.9", userAgent: "Vitest Phone/2.0" };
const sha = (bytes: Uint8Array) => crypto.createHash("sha256").update(bytes).digest("hex");
const adviceInput = { channel: "PHONE", needs: "Liability cover for a family of four.", productsConsidered: "Private Liability\nHousehold", advice: "Private Liability with 5 million.", reasons: "Fits the family's risk at a fair premium." };

async function contractAt130(clientOverrides: Record<string, unknown> = {}) {
  const firm = await makeFirm();
  const { providerId } = await connectFirmToSandbox(firm.admin);
  const client = await makeClient(firm.advisor, clientOverrides);
  const product = await db().product.findFirstOrThrow({ where: { providerId, name: "Private Liability" }, select: { id: true } });
  const { contractId } = await createProposal(firm.advisor, { clientId: client.id, productId: product.id, data: fullData, requestKey: crypto.randomUUID() });
  await eventually(async () => (await refreshContract(contractId, "POLL")) && (await db().contract.findUniqueOrThrow({ where: { id: contractId } })).status === 130, 15_000, "status 130");
  const fresh = await db().client.findUniqueOrThrow({ where: { id: client.id } });
  return { ...firm, providerId, productId: product.id, client: fresh, contractId };
}

async function tokenFromMail(email: string): Promise<string> {
  const mail = await db().outboxMail.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: "desc" } });
  const match = /\/approve\/([A-Za-z0-9_-]{43})/.exec(mail.text);
  if (!match) throw new Error(`no link in mail: ${mail.text}`);
  return match[1]!;
}

async function approve(token: string, name: string) {
  const view = await getCustomerApproval(token);
  if (!("digest" in view)) throw new Error("unknown token");
  return approveByLink(token, { fullName: name, confirm: true, digest: view.digest }, meta);
}

describe("advice record", () => {
  it("keeps every save as a version; completing freezes a PDF in the client's language with its SHA-256", async () => {
    const { advisor, otherAdvisor, contractId } = await contractAt130({ locale: "de" });
    const draft = await saveAdviceDraft(advisor, contractId, { channel: "IN_PERSON", needs: "Erste Notizen" });
    expect(draft).toMatchObject({ version: 1, completed: false, sha256: null });
    await expect(completeAdvice(advisor, contractId, { channel: "IN_PERSON", needs: "Nur Bedürfnisse" })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { advice: [expect.any(String)], reasons: [expect.any(String)] } });
    await expect(completeAdvice(otherAdvisor, contractId, adviceInput)).rejects.toMatchObject({ code: "NOT_FOUND" });

    const done = await completeAdvice(advisor, contractId, adviceInput);
    expect(done).toMatchObject({ version: 2, completed: true });
    const rows = await db().adviceRecord.findMany({ where: { contractId }, orderBy: { version: "asc" } });
    expect(rows.map((row) => [row.version, Boolean(row.completedAt)])).toEqual([[1, false], [2, true]]);
    expect(rows[0]!.needs).toBe("Erste Notizen");
    expect(rows[1]!.productsConsidered).toEqual(["Private Liability", "Household"]);
    expect(rows[1]!.locale).toBe("de");
    expect(rows[1]!.sha256).toBe(sha(new Uint8Array(rows[1]!.pdf!)));
    const pdf = await PDFDocument.load(new Uint8Array(rows[1]!.pdf!));
    expect(pdf.getTitle()).toBe("Beratungsdokumentation");

    const served = await getAdvicePdfForViewer(advisor, contractId, done.id);
    expect(served.sha256).toBe(done.sha256);
    await expect(getAdvicePdfForViewer(otherAdvisor, contractId, done.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getAdvicePdfForViewer(advisor, contractId, draft.id)).rejects.toMatchObject({ code: "NOT_FOUND" });

    const view = await getContractView(advisor, contractId);
    expect(view.advice.ready).toBe(true);
    expect(view.advice.versions.map((v) => v.state)).toEqual(["completed", "draft"]);
    expect(view.nextStep).toBe("send-approval");
  }, 90_000);

  it("cannot send the approval link or record an offline approval without completed advice; the next step says so", async () => {
    const { advisor, client, contractId } = await contractAt130();
    expect((await getContractView(advisor, contractId)).nextStep).toBe("record-advice");
    expect((await getContractView(advisor, contractId)).actions.sendApproval).toBe(false);
    await expect(sendApprovalRequest(advisor, contractId)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/advice record/) });
    await saveAdviceDraft(advisor, contractId, adviceInput);
    await expect(sendApprovalRequest(advisor, contractId)).rejects.toMatchObject({ code: "CONFLICT" });
    const evidence = new File([Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF")], "signed.pdf", { type: "application/pdf" });
    await expect(recordOfflineApproval(advisor, contractId, { approvedBy: client.displayName, approvedAt: new Date().toISOString(), method: "paper", evidence })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db().approvalRequest.count({ where: { contractId } })).toBe(0);
    expect(await db().outboxMail.count({ where: { to: client.email! } })).toBe(0);
  }, 60_000);

  it("binds the link to proposal and advice; the customer sees both and the approval, evidence and receipt name both hashes; then it can be ordered", async () => {
    const { advisor, client, contractId } = await contractAt130();
    const advice = await completeAdvice(advisor, contractId, adviceInput);
    const sent = await sendApprovalRequest(advisor, contractId);
    const row = await db().approvalRequest.findUniqueOrThrow({ where: { id: sent.approvalId } });
    expect(row).toMatchObject({ adviceRecordId: advice.id, adviceSha256: advice.sha256 });

    const token = await tokenFromMail(client.email!);
    const view = await getCustomerApproval(token);
    expect("advice" in view && view.advice).toEqual({ version: 1, waived: false });
    expect("texts" in view && view.texts.statement).toMatch(/advice record \(version 1\)/);
    const pdf = await getCustomerAdvicePdf(token);
    expect(pdf && sha(pdf.bytes)).toBe(advice.sha256);

    await approve(token, client.displayName);
    const decided = await db().approvalRequest.findUniqueOrThrow({ where: { id: sent.approvalId } });
    expect(decided.status).toBe("APPROVED");
    expect(decided.evidence).toMatchObject({ documentSha256: row.documentSha256, adviceSha256: advice.sha256, adviceVersion: 1 });
    // The link is used: the advice PDF is no longer served through it.
    expect(await getCustomerAdvicePdf(token)).toBeNull();
    const receipt = await getCustomerReceipt(token);
    expect(receipt.text).toContain(row.documentSha256);
    expect(receipt.text).toContain(advice.sha256!);
    expect(receipt.text).toMatch(/SHA-256 of the advice record/);

    expect((await getContractView(advisor, contractId)).nextStep).toBe("order");
    expect(await orderContract(advisor, contractId)).toMatchObject({ status: expect.any(Number) });
    expect((await db().contract.findUniqueOrThrow({ where: { id: contractId } })).status).toBeGreaterThanOrEqual(230);
    // Once ordered, the advice record is kept as it was.
    await expect(saveAdviceDraft(advisor, contractId, adviceInput)).rejects.toMatchObject({ code: "CONFLICT" });
  }, 90_000);

  it("voids the pending link when a new advice version is saved; the customer cannot approve advice they did not see", async () => {
    const { advisor, client, contractId } = await contractAt130();
    await completeTestAdvice(advisor, contractId);
    const sent = await sendApprovalRequest(advisor, contractId);
    const token = await tokenFromMail(client.email!);
    const newer = await saveAdviceDraft(advisor, contractId, adviceInput);
    expect(newer.voided).toBe(1);
    expect((await db().approvalRequest.findUniqueOrThrow({ where: { id: sent.approvalId } })).status).toBe("VOID");
    expect((await getCustomerApproval(token)).status).toEqual({ state: "withdrawn", why: "advice-changed" });
    expect(await getCustomerAdvicePdf(token)).toBeNull();
    expect(await approve(token, client.displayName)).toMatchObject({ outcome: "not-open" });
    const contract = await db().contract.findUniqueOrThrow({ where: { id: contractId } });
    expect(contract.approvalState).toBe("VOID");
    // The draft is not ready: the next step asks for the advice again, and no new link goes out.
    expect((await getContractView(advisor, contractId)).nextStep).toBe("record-advice");
    await expect(sendApprovalRequest(advisor, contractId)).rejects.toMatchObject({ code: "CONFLICT" });
    await completeAdvice(advisor, contractId, adviceInput);
    expect((await getContractView(advisor, contractId)).nextStep).toBe("approval-voided");
    await sendApprovalRequest(advisor, contractId);
  }, 90_000);

  it("refuses to order with an approval of earlier advice or one without advice, with a reason, for every way in", async () => {
    const { advisor, admin, client, contractId } = await contractAt130();
    // An approval recorded without any advice (as before this feature).
    const document = await db().document.findFirstOrThrow({ where: { contractId, kind: "PROPOSAL" } });
    await db().approvalRequest.create({ data: { contractId, documentId: document.id, channel: "OFFLINE", status: "APPROVED", proposalVersion: 1, documentSha256: document.sha256, decidedAt: new Date(), decidedName: client.displayName } });
    await expect(orderContract(advisor, contractId)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/completed advice record/) });
    const advice = await completeTestAdvice(advisor, contractId);
    expect(advice.voided).toBe(1);
    await expect(orderContract(advisor, contractId)).rejects.toMatchObject({ code: "CONFLICT" });

    // Approved with this advice, then the advice changes: the approval no longer counts.
    await updateApprovalSettings(admin, { autoOrderOnApproval: false, approvalTtlHours: 168 });
    await sendApprovalRequest(advisor, contractId);
    await approve(await tokenFromMail(client.email!), client.displayName);
    await completeAdvice(advisor, contractId, adviceInput);
    await expect(orderContract(advisor, contractId)).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await getContractView(advisor, contractId)).actions.order).toBe(false);
    expect((await db().contract.findUniqueOrThrow({ where: { id: contractId } })).status).toBe(130);
  }, 90_000);

  it("a recorded waiver takes the advice's place: PDF, link, offline approval and order", async () => {
    const { advisor, client, contractId } = await contractAt130();
    await expect(waiveAdvice(advisor, contractId, { channel: "IN_PERSON", waiverReason: "  " })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { waiverReason: [expect.any(String)] } });
    const waiver = await waiveAdvice(advisor, contractId, { channel: "IN_PERSON", waiverReason: "Knows the product from an earlier contract." });
    expect(waiver).toMatchObject({ waived: true, completed: true, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const row = await db().adviceRecord.findUniqueOrThrow({ where: { id: waiver.id } });
    expect(row.waiverReason).toBe("Knows the product from an earlier contract.");
    expect((await PDFDocument.load(new Uint8Array(row.pdf!))).getTitle()).toBe("Waiver of advice");

    const evidence = new File([Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF")], "signed.pdf", { type: "application/pdf" });
    const { approvalId } = await recordOfflineApproval(advisor, contractId, { approvedBy: client.displayName, approvedAt: new Date().toISOString(), method: "paper", evidence });
    expect(await db().approvalRequest.findUniqueOrThrow({ where: { id: approvalId } })).toMatchObject({ adviceRecordId: waiver.id, adviceSha256: waiver.sha256 });
    await orderContract(advisor, contractId);
    expect((await db().contract.findUniqueOrThrow({ where: { id: contractId } })).status).toBeGreaterThanOrEqual(230);
  }, 90_000);

  it("orders automatically after the customer's approval only when the advice was bound", async () => {
    const { advisor, admin, client, contractId } = await contractAt130();
    await updateApprovalSettings(admin, { autoOrderOnApproval: true, approvalTtlHours: 168 });
    await completeTestAdvice(advisor, contractId);
    await sendApprovalRequest(advisor, contractId);
    await approve(await tokenFromMail(client.email!), client.displayName);
    expect((await db().contract.findUniqueOrThrow({ where: { id: contractId } })).status).toBeGreaterThanOrEqual(230);
  }, 90_000);
});

describe("consents", () => {
  it("sends no proposal to the provider without the sharing consent; the wizard's checkbox records it with its text", async () => {
    const firm = await makeFirm();
    const { providerId } = await connectFirmToSandbox(firm.admin);
    const client = await makeClient(firm.advisor, {}, { consents: false });
    const product = await db().product.findFirstOrThrow({ where: { providerId, name: "Private Liability" }, select: { id: true } });

    const refused = await createProposal(firm.advisor, { clientId: client.id, productId: product.id, data: fullData, requestKey: crypto.randomUUID() });
    expect(refused).toMatchObject({ sent: false, code: "CONFLICT", error: { key: "consents.errors.sharingNeeded" } });
    const draft = await db().contract.findUniqueOrThrow({ where: { id: refused.contractId } });
    expect(draft.status).toBe(0);
    expect(draft.remoteId).toBeNull();
    expect(await db().providerWrite.count({ where: { contractId: refused.contractId } })).toBe(0);

    const sent = await createProposal(firm.advisor, { clientId: client.id, productId: product.id, data: fullData, requestKey: crypto.randomUUID(), providerSharingConsent: { given: true, locale: "de" } });
    expect(sent).toMatchObject({ sent: true });
    const consent = await db().consent.findFirstOrThrow({ where: { clientId: client.id, purpose: "PROVIDER_SHARING" } });
    expect(consent).toMatchObject({ source: "ADVISOR", locale: "de", recordedById: firm.advisor.id, withdrawnAt: null });
    expect(consent.text).toMatch(/^Ich willige ein, dass .* an den Versicherer weitergibt/);
    // The earlier draft can be sent now.
    expect(await sendProposal(firm.advisor, refused.contractId)).toMatchObject({ sent: true });
  }, 90_000);

  it("keeps a withdrawn consent; without it the next proposal is refused until given again", async () => {
    const firm = await makeFirm();
    const { providerId } = await connectFirmToSandbox(firm.admin);
    const client = await makeClient(firm.advisor);
    const product = await db().product.findFirstOrThrow({ where: { providerId, name: "Private Liability" }, select: { id: true } });
    const sharing = await db().consent.findFirstOrThrow({ where: { clientId: client.id, purpose: "PROVIDER_SHARING" } });
    await expect(withdrawConsent(firm.otherAdvisor, client.id, sharing.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const withdrawn = await withdrawConsent(firm.advisor, client.id, sharing.id);
    expect(withdrawn).toMatchObject({ withdrawnById: firm.advisor.id, withdrawalSource: "ADVISOR" });
    expect(withdrawn.withdrawnAt).toBeInstanceOf(Date);
    expect((await withdrawConsent(firm.advisor, client.id, sharing.id)).withdrawnAt).toEqual(withdrawn.withdrawnAt);

    const refused = await createProposal(firm.advisor, { clientId: client.id, productId: product.id, data: fullData, requestKey: crypto.randomUUID() });
    expect(refused).toMatchObject({ sent: false, error: { key: "consents.errors.sharingNeeded" } });
    await recordConsent(firm.advisor, client.id, { purpose: "PROVIDER_SHARING", note: "by phone" });
    const all = await listConsents(firm.advisor, client.id);
    expect(all.filter((row) => row.purpose === "PROVIDER_SHARING")).toHaveLength(2);
    expect(all.find((row) => row.id === sharing.id)?.withdrawnAt).toBeInstanceOf(Date);
    expect(await sendProposal(firm.advisor, refused.contractId)).toMatchObject({ sent: true });
    const audits = await db().auditEvent.findMany({ where: { entityId: client.id, action: { startsWith: "consent." } } });
    expect(audits.map((a) => a.action).sort()).toEqual(["consent.give", "consent.give", "consent.give", "consent.withdraw"]);
  }, 90_000);

  it("the customer gives missing consents on the approval page, with ip and browser as evidence, only while the link is open", async () => {
    const { advisor, client, contractId } = await contractAt130();
    await completeTestAdvice(advisor, contractId);
    const { approvalId } = await sendApprovalRequest(advisor, contractId);
    const token = await tokenFromMail(client.email!);
    const options = await customerConsentOptions(token, "en");
    expect(options.map((option) => option.purpose).sort()).toEqual(["CONTACT_EMAIL", "CONTACT_PHONE"]);
    await expect(giveConsentsByLink(token, { purposes: [], locale: "en" }, meta)).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await giveConsentsByLink(token, { purposes: ["CONTACT_EMAIL", "PROVIDER_SHARING"], locale: "en" }, meta)).toEqual({ given: ["CONTACT_EMAIL"] });
    const given = await db().consent.findFirstOrThrow({ where: { clientId: client.id, purpose: "CONTACT_EMAIL" } });
    expect(given).toMatchObject({ source: "CUSTOMER_LINK", locale: "en", approvalRequestId: approvalId, evidence: { ip: meta.ip, userAgent: meta.userAgent } });
    expect((await customerConsentOptions(token, "en")).map((option) => option.purpose)).toEqual(["CONTACT_PHONE"]);

    await approve(token, client.displayName);
    expect(await customerConsentOptions(token, "en")).toEqual([]);
    await expect(giveConsentsByLink(token, { purposes: ["CONTACT_PHONE"], locale: "en" }, meta)).rejects.toMatchObject({ code: "CONFLICT" });
  }, 90_000);
});
