import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createProposal } from "@/lib/contracts/create-proposal";
import { resubmitContractData } from "@/lib/contracts/resubmit-contract-data";
import { orderContract } from "@/lib/contracts/order-contract";
import { refreshContract } from "@/lib/sync/refresh-contract";
import { updateProvider } from "@/lib/providers/update-provider";
import { sendApprovalRequest } from "@/lib/approvals/send-approval-request";
import { getCustomerApproval, getCustomerDocument } from "@/lib/approvals/customer-approval";
import { approveByLink, declineByLink } from "@/lib/approvals/decide-by-link";
import { getAdvisorReceipt, getCustomerReceipt } from "@/lib/approvals/approval-receipt";
import { updateApprovalSettings } from "@/lib/approvals/approval-settings";
import { currentApproval } from "@/lib/approvals/current-approval";
import { notificationText } from "@/lib/notifications/queries";
import { readStoredText } from "@/lib/i18n/stored-text";
import { completeTestAdvice, makeClient, makeFirm } from "../factories";
import { connectFirmToSandbox, eventually } from "../sandbox";

const fullData = { coverage: "5000000", family: "true", dogOwner: "false", startDate: "2027-01-01" };
const meta = { ip: "203.0.113.7", userAgent: "Vitest Browser/1.0" };
const contractOf = (id: string) => db().contract.findUniqueOrThrow({ where: { id } });

/** A firm connected to the sandbox with one contract at 130 (proposal document stored). */
async function contractAt130(clientOverrides: Record<string, unknown> = {}) {
  const firm = await makeFirm();
  const { providerId } = await connectFirmToSandbox(firm.admin);
  const client = await makeClient(firm.advisor, clientOverrides);
  const product = await db().product.findFirstOrThrow({ where: { providerId, name: "Private Liability" }, select: { id: true } });
  const { contractId } = await createProposal(firm.advisor, { clientId: client.id, productId: product.id, data: fullData, requestKey: crypto.randomUUID() });
  await eventually(async () => (await refreshContract(contractId, "POLL")) && (await contractOf(contractId)).status === 130, 15_000, "status 130");
  // The advice record the customer approves with the proposal (issue 14; its own tests are in advice-consents.test.ts).
  await completeTestAdvice(firm.advisor, contractId);
  const fresh = await db().client.findUniqueOrThrow({ where: { id: client.id } });
  return { ...firm, providerId, client: fresh, contractId };
}

/** The token as the customer gets it: from the mail in the outbox (no SMTP_URL in tests). */
async function tokenFromMail(email: string): Promise<string> {
  const mail = await db().outboxMail.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: "desc" } });
  const match = /\/approve\/([A-Za-z0-9_-]{43})/.exec(mail.text);
  if (!match) throw new Error(`no link in mail: ${mail.text}`);
  return match[1]!;
}

async function digestOf(token: string): Promise<string> {
  const view = await getCustomerApproval(token);
  if (!("digest" in view)) throw new Error("unknown token");
  return view.digest;
}

describe("customer approval by link", () => {
  it("stores only the token's hash, mails the link, and opening the page or the PDF changes nothing", async () => {
    const { advisor, client, contractId } = await contractAt130();
    const sent = await sendApprovalRequest(advisor, contractId);
    expect(sent.via).toBe("outbox");
    expect(sent.email).toBe(client.email);
    const token = await tokenFromMail(client.email!);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);

    const row = await db().approvalRequest.findUniqueOrThrow({ where: { id: sent.approvalId } });
    expect(row.tokenHash).toBe(crypto.createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(token);
    const audits = await db().auditEvent.findMany({ where: { entityId: contractId } });
    expect(JSON.stringify(audits)).not.toContain(token);
    expect(audits.map((a) => a.action)).toContain("approval.send");
    const hours = (row.expiresAt!.getTime() - row.createdAt.getTime()) / 3_600_000;
    expect(hours).toBe(168);
    const document = await db().document.findUniqueOrThrow({ where: { id: row.documentId! } });
    expect(row.documentSha256).toBe(document.sha256);
    expect(row.proposalVersion).toBe(1);

    const snapshot = async () => ({
      approval: await db().approvalRequest.findUniqueOrThrow({ where: { id: sent.approvalId } }),
      audits: await db().auditEvent.count({ where: { entityId: contractId } }),
      notifications: await db().notification.count({ where: { contractId } }),
      outbox: await db().outboxMail.count(),
      contract: await contractOf(contractId),
    });
    const before = await snapshot();
    const view = await getCustomerApproval(token);
    expect(view.status).toEqual({ state: "open" });
    expect("texts" in view && view.texts.summary.find((line) => line.label === "Customer")?.value).toBe(`${client.firstName} ${client.lastName}`);
    const pdf = await getCustomerDocument(token);
    expect(pdf?.sha256).toBe(row.documentSha256);
    expect(await snapshot()).toEqual(before);

    expect((await getCustomerApproval("A".repeat(43))).status).toEqual({ state: "unknown" });
    expect((await getCustomerApproval("not a token")).status).toEqual({ state: "unknown" });
  }, 60_000);

  it("approves once: a second attempt (or a concurrent one) finds it decided and keeps the first evidence", async () => {
    const { advisor, client, contractId } = await contractAt130();
    const { approvalId } = await sendApprovalRequest(advisor, contractId);
    const token = await tokenFromMail(client.email!);
    const digest = await digestOf(token);
    const name = `  ${client.firstName!.toUpperCase()}   ${client.lastName}  `;

    const results = await Promise.all([approveByLink(token, { fullName: name, confirm: true, digest }, meta), approveByLink(token, { fullName: name, confirm: true, digest }, { ip: "198.51.100.1", userAgent: "Other" })]);
    expect(results.filter((r) => r.outcome === "recorded")).toHaveLength(1);
    const first = await db().approvalRequest.findUniqueOrThrow({ where: { id: approvalId } });
    expect(first.status).toBe("APPROVED");
    expect(first.decidedName).toBe(name.trim().replace(/\s+/g, " "));
    const evidence = first.evidence as Record<string, unknown>;
    expect(evidence).toMatchObject({ decision: "APPROVED", proposalVersion: 1, documentSha256: first.documentSha256, tokenHash: first.tokenHash });
    expect((evidence.shown as { statement: string }).statement).toMatch(/I approve it/);

    const again = await approveByLink(token, { fullName: name, confirm: true, digest }, { ip: "192.0.2.1", userAgent: "Third" });
    expect(again).toEqual({ outcome: "not-open", status: { state: "approved" } });
    expect(await db().approvalRequest.findUniqueOrThrow({ where: { id: approvalId } })).toEqual(first);
    expect(await db().auditEvent.count({ where: { entityId: contractId, action: "approval.approve" } })).toBe(1);
    const notes = await db().notification.findMany({ where: { contractId, kind: { startsWith: "approval." } } });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ userId: advisor.id, kind: "approval.approved" });
    // Stored as a message, read in the reader's language.
    expect(notificationText(notes[0]!, "en").title).toBe(`${first.decidedName} approved the proposal`);
    expect(notificationText(notes[0]!, "de").title).toBe(`${first.decidedName} hat dem Angebot zugestimmt`);

    // The link now serves the receipt, no longer the document.
    expect(await getCustomerDocument(token)).toBeNull();
    const receipt = await getCustomerReceipt(token);
    expect(Buffer.from(receipt.bytes).subarray(0, 5).toString()).toBe("%PDF-");
    expect((await currentApproval(await contractOf(contractId)))?.id).toBe(approvalId);
    expect((await contractOf(contractId)).status).toBe(130); // auto-order is off by default
  }, 60_000);

  it("refuses a name that does not match and a missing confirmation, leaving the link open", async () => {
    const { advisor, client, contractId } = await contractAt130();
    const { approvalId } = await sendApprovalRequest(advisor, contractId);
    const token = await tokenFromMail(client.email!);
    const digest = await digestOf(token);
    await expect(approveByLink(token, { fullName: "Someone Else", confirm: true, digest }, meta)).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { fullName: [expect.stringMatching(/does not match/)] } });
    await expect(approveByLink(token, { fullName: client.displayName, confirm: false, digest }, meta)).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { confirm: [expect.any(String)] } });
    await expect(approveByLink(token, { fullName: client.displayName, confirm: true, digest: "0".repeat(32) }, meta)).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await db().approvalRequest.findUniqueOrThrow({ where: { id: approvalId } })).status).toBe("PENDING");
  }, 60_000);

  it("an expired link shows as expired and takes no decision", async () => {
    const { advisor, client, contractId } = await contractAt130();
    const { approvalId, expiresAt } = await sendApprovalRequest(advisor, contractId);
    const token = await tokenFromMail(client.email!);
    const digest = await digestOf(token);
    const later = new Date(expiresAt.getTime() + 1000);
    expect((await getCustomerApproval(token, later)).status).toEqual({ state: "expired", expiredAt: expiresAt });
    expect(await getCustomerDocument(token, later)).toBeNull();
    expect(await approveByLink(token, { fullName: client.displayName, confirm: true, digest }, meta, { now: later })).toMatchObject({ outcome: "not-open", status: { state: "expired" } });
    await db().approvalRequest.update({ where: { id: approvalId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await getCustomerApproval(token)).status).toMatchObject({ state: "expired" });
    expect((await db().approvalRequest.findUniqueOrThrow({ where: { id: approvalId } })).status).toBe("PENDING");
  }, 60_000);

  it("sending again voids the earlier link; a newer proposal voids links and approvals and refuses the order", async () => {
    const { advisor, client, contractId } = await contractAt130();
    await sendApprovalRequest(advisor, contractId);
    const oldToken = await tokenFromMail(client.email!);
    await sendApprovalRequest(advisor, contractId);
    const token = await tokenFromMail(client.email!);
    expect((await getCustomerApproval(oldToken)).status).toEqual({ state: "withdrawn", why: "newer-link" });
    await approveByLink(token, { fullName: client.displayName, confirm: true, digest: await digestOf(token) }, meta);

    await sendApprovalRequest(advisor, contractId); // a pending link for the same version, next to the approval
    const pendingToken = await tokenFromMail(client.email!);
    await resubmitContractData(advisor, contractId, { ...fullData, coverage: "10000000" });
    await eventually(async () => (await refreshContract(contractId, "POLL")) && (await contractOf(contractId)).proposalVersion === 2 && (await contractOf(contractId)).status === 130, 15_000, "version 2");

    expect((await getCustomerApproval(token)).status).toEqual({ state: "replaced", currentVersion: 2 });
    expect((await getCustomerApproval(pendingToken)).status).toEqual({ state: "replaced", currentVersion: 2 });
    expect(await approveByLink(pendingToken, { fullName: client.displayName, confirm: true, digest: await digestOf(pendingToken) }, meta)).toMatchObject({ outcome: "not-open", status: { state: "replaced" } });
    const rows = await db().approvalRequest.findMany({ where: { contractId, proposalVersion: 1 } });
    expect(rows.every((row) => row.status === "VOID" && row.voidReason)).toBe(true);
    expect(rows.some((row) => /version 2 replaced/.test(readStoredText(row.voidReason!, "en")))).toBe(true);
    await expect(orderContract(advisor, contractId)).rejects.toMatchObject({ code: "CONFLICT" });
  }, 90_000);

  it("records a decline with its reason (required, at most 1,000 characters) and tells the advisor", async () => {
    const { advisor, client, contractId } = await contractAt130();
    const { approvalId } = await sendApprovalRequest(advisor, contractId);
    const token = await tokenFromMail(client.email!);
    const digest = await digestOf(token);
    await expect(declineByLink(token, { reason: "   ", digest }, meta)).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { reason: [expect.any(String)] } });
    await expect(declineByLink(token, { reason: "x".repeat(1001), digest }, meta)).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await declineByLink(token, { reason: "Too expensive for us.", digest }, meta)).toMatchObject({ outcome: "recorded", decision: "DECLINED" });
    const row = await db().approvalRequest.findUniqueOrThrow({ where: { id: approvalId } });
    expect(row).toMatchObject({ status: "DECLINED", declineReason: "Too expensive for us." });
    expect(row.evidence).toMatchObject({ decision: "DECLINED", reason: "Too expensive for us.", ip: meta.ip, userAgent: meta.userAgent });
    expect((await getCustomerApproval(token)).status).toEqual({ state: "declined" });
    const declined = await db().notification.findFirstOrThrow({ where: { contractId, kind: "approval.declined" } });
    expect(notificationText(declined, "en")).toMatchObject({ userId: advisor.id, body: "Reason: Too expensive for us." });
    await expect(orderContract(advisor, contractId)).rejects.toMatchObject({ code: "CONFLICT" });
  }, 60_000);

  it("explains a client without email, and lets only the contract's firm download the receipt", async () => {
    const noEmail = await contractAt130({ email: undefined });
    await expect(sendApprovalRequest(noEmail.advisor, noEmail.contractId)).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/has no email address/) });

    const { advisor, otherAdvisor, admin, client, contractId } = await contractAt130();
    const { approvalId } = await sendApprovalRequest(advisor, contractId);
    const token = await tokenFromMail(client.email!);
    await expect(getAdvisorReceipt(advisor, contractId, approvalId)).rejects.toMatchObject({ code: "NOT_FOUND" }); // not decided yet
    await expect(getCustomerReceipt(token)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await approveByLink(token, { fullName: client.displayName, confirm: true, digest: await digestOf(token) }, meta);

    const own = await getAdvisorReceipt(advisor, contractId, approvalId);
    expect(Buffer.from(own.bytes).subarray(0, 5).toString()).toBe("%PDF-");
    expect((await getAdvisorReceipt(admin, contractId, approvalId)).bytes.length).toBeGreaterThan(500);
    const other = await makeFirm();
    for (const intruder of [other.admin, other.advisor, otherAdvisor]) {
      await expect(getAdvisorReceipt(intruder, contractId, approvalId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await expect(sendApprovalRequest(other.admin, contractId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  }, 90_000);

  it("orders automatically on approval when the firm wants it, and keeps the approval when the provider is down", async () => {
    const { admin, advisor, client, contractId } = await contractAt130();
    await expect(updateApprovalSettings(advisor, { autoOrderOnApproval: true, approvalTtlHours: 48 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateApprovalSettings(admin, { autoOrderOnApproval: true, approvalTtlHours: 721 })).rejects.toMatchObject({ code: "VALIDATION" });
    await updateApprovalSettings(admin, { autoOrderOnApproval: true, approvalTtlHours: 48 });
    const sent = await sendApprovalRequest(advisor, contractId);
    expect(Math.round((sent.expiresAt.getTime() - Date.now()) / 3_600_000)).toBe(48);
    const token = await tokenFromMail(client.email!);
    await approveByLink(token, { fullName: client.displayName, confirm: true, digest: await digestOf(token) }, meta);
    expect([230, 240]).toContain((await contractOf(contractId)).status);

    const down = await contractAt130();
    await updateApprovalSettings(down.admin, { autoOrderOnApproval: true, approvalTtlHours: 168 });
    const { approvalId } = await sendApprovalRequest(down.advisor, down.contractId);
    const downToken = await tokenFromMail(down.client.email!);
    const provider = await db().provider.findUniqueOrThrow({ where: { id: down.providerId } });
    await updateProvider(down.admin, down.providerId, { name: provider.name, baseUrl: "http://127.0.0.1:9", consumerId: provider.consumerId, audience: provider.audience! });
    await approveByLink(downToken, { fullName: down.client.displayName, confirm: true, digest: await digestOf(downToken) }, meta);
    expect((await db().approvalRequest.findUniqueOrThrow({ where: { id: approvalId } })).status).toBe("APPROVED");
    expect((await contractOf(down.contractId)).status).toBe(130);
    const failed = await db().notification.findFirstOrThrow({ where: { contractId: down.contractId, kind: "approval.auto-order-failed" } });
    expect(notificationText(failed, "en").title).toMatch(/approved; automatic order failed/);
    expect(notificationText(failed, "en").body).toMatch(/^Automatic order failed: /);
    expect(notificationText(failed, "de").body).toMatch(/^Automatische Beantragung fehlgeschlagen: /);
  }, 120_000);

  it("speaks the client's language: a German email, page and receipt for a client in German, English ones for a client in English", async () => {
    const german = await contractAt130();
    await db().client.update({ where: { id: german.client.id }, data: { locale: "de" } });
    const english = await contractAt130();
    await db().client.update({ where: { id: english.client.id }, data: { locale: "en" } });
    await db().organization.update({ where: { id: english.org.id }, data: { defaultLocale: "de" } }); // the client's own language wins

    await sendApprovalRequest(german.advisor, german.contractId);
    await sendApprovalRequest(english.advisor, english.contractId);
    const mailTo = (email: string) => db().outboxMail.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: "desc" } });
    const deMail = await mailTo(german.client.email!);
    expect(deMail.subject).toMatch(/: Bitte prüfen Sie Ihr Angebot für Private Liability$/);
    expect(deMail.text).toMatch(/^Guten Tag Erika Mustermann/);
    expect(deMail.text).toMatch(/Der Link ist persönlich und gültig bis \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} \(deutsche Zeit\)/);
    expect(deMail.html).toContain('lang="de"');
    const enMail = await mailTo(english.client.email!);
    expect(enMail.subject).toMatch(/: please review your Private Liability proposal$/);
    expect(enMail.text).toMatch(/^Dear Erika Mustermann/);
    expect(enMail.text).toMatch(/works until \d{2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} \(Berlin time\)/);

    // The page's texts in the client's language; the decision records them and their language.
    const deToken = await tokenFromMail(german.client.email!);
    const deView = await getCustomerApproval(deToken);
    if (!("texts" in deView)) throw new Error("unknown token");
    expect(deView.locale).toBe("de");
    expect(deView.texts.summary.map((line) => line.label)).toContain("Kunde");
    expect(deView.texts.statement).toMatch(/^Ich, Erika Mustermann .*, habe das Angebot in Version 1 /);
    expect(deView.texts.statement).toMatch(/und die Beratungsdokumentation \(Version 1\) gelesen/);
    await approveByLink(deToken, { fullName: german.client.displayName, confirm: true, digest: deView.digest }, meta);
    const deRow = await db().approvalRequest.findFirstOrThrow({ where: { contractId: german.contractId, status: "APPROVED" } });
    expect(deRow.evidence).toMatchObject({ shown: { locale: "de", statement: deView.texts.statement } });
    const deReceipt = await getCustomerReceipt(deToken);
    expect(deReceipt.locale).toBe("de");
    expect(deReceipt.filename).toMatch(/^beleg-/);
    expect(deReceipt.text).toContain("Beleg über die Zustimmung");
    expect(deReceipt.text).toMatch(/Zugestimmt von .* am \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}:\d{2} \(deutsche Zeit\)/);
    expect(deReceipt.text).toContain(`„${deView.texts.statement}“`);
    expect(Buffer.from(deReceipt.bytes).subarray(0, 5).toString()).toBe("%PDF-");

    // A customer who switched the page to English decides on the English texts; the receipt says what they saw.
    const enToken = await tokenFromMail(english.client.email!);
    const enView = await getCustomerApproval(enToken);
    if (!("texts" in enView)) throw new Error("unknown token");
    expect(enView.locale).toBe("en");
    expect(enView.texts.statement).toMatch(/^I, Erika Mustermann .*, have read proposal version 1 /);
    const deShown = await getCustomerApproval(enToken, new Date(), "de");
    if (!("texts" in deShown)) throw new Error("unknown token");
    await expect(approveByLink(enToken, { fullName: english.client.displayName, confirm: true, digest: deShown.digest }, meta)).rejects.toMatchObject({ code: "CONFLICT" }); // not the texts in English
    await approveByLink(enToken, { fullName: english.client.displayName, confirm: true, digest: enView.digest, locale: "en" }, meta);
    const enReceipt = await getCustomerReceipt(enToken);
    expect(enReceipt.text).toContain("Approval receipt");
    expect(enReceipt.text).toMatch(/Approved by .* on \d{2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}:\d{2} \(Berlin time\)/);
    expect(enReceipt.text).toContain(`“${enView.texts.statement}”`);
    const enAsGerman = await getCustomerReceipt(enToken, "de");
    expect(enAsGerman.text).toContain("Beleg über die Zustimmung");
    expect(enAsGerman.text).toContain("so zitiert, wie der Kunde sie gesehen hat, auf Englisch");
  }, 120_000);
});
