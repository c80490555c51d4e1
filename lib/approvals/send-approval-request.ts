/**
 * On 130 the advisor sends the customer a personal link to approve the current proposal.
 * The token lives only in the email; we keep its SHA-256. Sending again voids the earlier
 * pending link, so only the newest email works. The link is bound to the completed advice record
 * (or waiver) too: without one, no link goes out.
 */
import { db } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { recordAudit } from "../audit";
import { recordHappening } from "../contracts/record-change";
import { refreshTurns } from "../contracts/transition-contract";
import { loadContractFor, type Actor } from "../contracts/load-contract";
import { sendMail } from "../mail/send-mail";
import { approvalRequestMail } from "../mail/approval-request-mail";
import { currentProposalDocument } from "./current-approval";
import { newApprovalToken } from "./token";
import { customerName } from "./approval-texts";
import { appLocaleOr } from "../i18n/locales";
import { msg } from "../i18n/message";
import { translatorOf } from "../i18n/translate";
import { storeMessage } from "../i18n/stored-message";
import { VOID_REASONS } from "./customer-approval";
import { storedText } from "../i18n/stored-message";
import { readyAdvice } from "../advice/current-advice";
import { lockContract } from "../advice/advice-records";

export interface SentApprovalRequest {
  approvalId: string;
  email: string;
  expiresAt: Date;
  via: "smtp" | "outbox";
}

export async function sendApprovalRequest(actor: Actor, contractId: string, options: { now?: Date } = {}): Promise<SentApprovalRequest> {
  const contract = await loadContractFor(actor, contractId);
  if (contract.status !== 130) throw new AppError("CONFLICT", "customer.errors.sendNotAt130");
  const document = await currentProposalDocument(contract);
  if (!document) throw new AppError("CONFLICT", "customer.errors.sendNoDocument");
  const email = contract.client.email?.trim();
  if (!email) throw new AppError("CONFLICT", msg("customer.errors.sendNoEmail", { name: contract.client.displayName }));
  const advice = await readyAdvice(contract.id);
  if (!advice) throw new AppError("CONFLICT", "advice.errors.neededBeforeLink");

  const [organization, advisor] = await Promise.all([
    db().organization.findUniqueOrThrow({ where: { id: contract.organizationId }, select: { name: true, approvalTtlHours: true, defaultLocale: true } }),
    db().user.findUniqueOrThrow({ where: { id: contract.advisorId }, select: { name: true } }),
  ]);
  const now = options.now ?? new Date();
  const expiresAt = new Date(now.getTime() + organization.approvalTtlHours * 3_600_000);
  const { token, tokenHash } = newApprovalToken();

  const created = await db().$transaction(async (tx) => {
    // The advice may have changed since it was read: the link binds the one that is current now.
    await lockContract(tx, contract.id);
    const stillReady = await readyAdvice(contract.id, tx);
    if (stillReady?.id !== advice.id) throw new AppError("CONFLICT", "advice.errors.changedMeanwhile");
    const replaced = await tx.approvalRequest.updateMany({
      where: { contractId: contract.id, channel: "LINK", status: "PENDING" },
      data: { status: "VOID", voidReason: storeMessage({ key: VOID_REASONS.newerLink, values: { name: actor.name, date: now.toISOString().slice(0, 10) } }) },
    });
    const approval = await tx.approvalRequest.create({
      data: {
        contractId: contract.id,
        documentId: document.id,
        channel: "LINK",
        status: "PENDING",
        proposalVersion: contract.proposalVersion,
        documentSha256: document.sha256,
        adviceRecordId: advice.id,
        adviceSha256: advice.sha256,
        tokenHash,
        email,
        expiresAt,
        createdById: actor.id,
        createdAt: now,
      },
      select: { id: true },
    });
    await recordAudit(
      {
        organizationId: contract.organizationId,
        actorId: actor.id,
        action: "approval.send",
        entityType: "Contract",
        entityId: contract.id,
        data: { approvalId: approval.id, email, expiresAt: expiresAt.toISOString(), proposalVersion: contract.proposalVersion, documentSha256: document.sha256, adviceRecordId: advice.id, adviceSha256: advice.sha256, replacedPending: replaced.count },
      },
      tx,
    );
    await recordHappening(tx, { contract, kind: replaced.count > 0 ? "approval.resent" : "approval.sent", status: contract.status, source: "ADVISOR", actorId: actor.id, actorLabel: actor.name, note: storedText("status.notes.linkSent", { version: contract.proposalVersion, email }) });
    await refreshTurns(tx, [contract.id]);
    return approval;
  });

  // After commit: never hold the transaction open across SMTP. The email speaks the client's language.
  const locale = appLocaleOr(contract.client.locale ?? organization.defaultLocale);
  const mail = approvalRequestMail({
    locale,
    to: email,
    clientName: customerName(contract.client),
    advisorName: advisor.name,
    firmName: organization.name,
    productName: contract.product?.name ?? translatorOf(locale, "mail.approvalRequest")("defaultProduct"),
    providerName: contract.provider.name,
    link: new URL(`/approve/${token}`, env().APP_URL).toString(),
    expiresAt,
  });
  try {
    const sent = await sendMail(mail);
    return { approvalId: created.id, email, expiresAt, via: sent.via };
  } catch (error) {
    // A link nobody received must not look pending; the advisor is told and can send again.
    await db().$transaction(async (tx) => {
      await tx.approvalRequest.updateMany({ where: { id: created.id, status: "PENDING" }, data: { status: "VOID", voidReason: storeMessage({ key: VOID_REASONS.notSent }) } });
      await recordAudit({ organizationId: contract.organizationId, actorId: actor.id, action: "approval.send-failed", entityType: "Contract", entityId: contract.id, data: { approvalId: created.id, error: error instanceof Error ? error.message : String(error) } }, tx);
      await recordHappening(tx, { contract, kind: "approval.voided", status: contract.status, source: "SYSTEM", note: storedText("status.notes.emailFailed", { email }) });
      await refreshTurns(tx, [contract.id]);
    });
    throw new AppError("PROVIDER_UNAVAILABLE", error instanceof Error ? msg("customer.errors.mailFailed", { email, detail: error.message }) : msg("customer.errors.mailFailedUnknown", { email }), { cause: error });
  }
}
