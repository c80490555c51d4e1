/**
 * The customer's decision on their link: approve (typing their name, confirming the statement)
 * or decline (with a reason). Made once: "already decided" is checked first, and the write is
 * a compare-and-set on PENDING, so a double submit or two tabs record one decision and one
 * piece of evidence. No status change: the advisor is told (audit, notification, live event),
 * and with the organization's auto-order setting the proposal is ordered after commit.
 */
import { db } from "../db";
import { AppError } from "../errors";
import { recordAudit } from "../audit";
import { recordHappening } from "../contracts/record-change";
import { refreshTurns } from "../contracts/transition-contract";
import { createNotification } from "../notifications/create-notification";
import { fieldErrorsOf } from "../clients/schema";
import { approvalTexts, customerName, normalizeName, textsDigest } from "./approval-texts";
import { approveSchema, declineSchema } from "./decision-schema";
import { clientLocaleOf, linkState, loadLinkApproval, subjectOf, type LinkApproval, type LinkState } from "./customer-approval";
import { msg } from "../i18n/message";
import type { AppLocale } from "../i18n/locales";
import { orderAfterApproval } from "./order-after-approval";
import { emitWebhookEvent } from "../webhooks/events";
import { storedText } from "../i18n/stored-message";

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export type DecisionResult = { outcome: "recorded"; decision: "APPROVED" | "DECLINED"; approvalId: string } | { outcome: "not-open"; status: LinkState };

export interface DecideOptions {
  now?: Date;
  /** Runs the after-commit work (automatic order); the server action passes Next's `after`. Awaited when absent. */
  defer?: (task: () => Promise<unknown>) => void;
}

function nameMatches(typed: string, approval: LinkApproval): boolean {
  const { client } = approval.contract;
  const expected = [client.displayName, [client.firstName, client.lastName].filter(Boolean).join(" ")].filter((name) => name.trim().length > 0);
  return expected.some((name) => normalizeName(name) === normalizeName(typed));
}

export async function approveByLink(token: unknown, input: unknown, meta: RequestMeta, options: DecideOptions = {}): Promise<DecisionResult> {
  const parsed = approveSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "customer.errors.needsAttention", { fieldErrors: fieldErrorsOf(parsed.error) });
  return decide(token, { decision: "APPROVED", fullName: parsed.data.fullName, digest: parsed.data.digest, locale: parsed.data.locale }, meta, options);
}

export async function declineByLink(token: unknown, input: unknown, meta: RequestMeta, options: DecideOptions = {}): Promise<DecisionResult> {
  const parsed = declineSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "customer.errors.needsAttention", { fieldErrors: fieldErrorsOf(parsed.error) });
  return decide(token, { decision: "DECLINED", reason: parsed.data.reason, digest: parsed.data.digest, locale: parsed.data.locale }, meta, options);
}

type Decision = ({ decision: "APPROVED"; fullName: string } | { decision: "DECLINED"; reason: string }) & { digest: string; locale?: AppLocale };

async function decide(token: unknown, input: Decision, meta: RequestMeta, options: DecideOptions): Promise<DecisionResult> {
  const now = options.now ?? new Date();
  const approval = await loadLinkApproval(token);
  if (!approval) throw new AppError("NOT_FOUND", "customer.errors.invalidLink");
  // Already decided, expired, replaced or withdrawn: nothing is written.
  const status = linkState(approval, now);
  if (status.state !== "open") return { outcome: "not-open", status };

  // The texts in the language the page showed them in: what the customer read is what is recorded.
  const shownIn = input.locale ?? clientLocaleOf(approval.contract);
  const texts = approvalTexts(subjectOf(approval, shownIn), shownIn);
  if (textsDigest(texts) !== input.digest) throw new AppError("CONFLICT", "customer.errors.textsChanged");
  if (input.decision === "APPROVED" && !nameMatches(input.fullName, approval)) {
    throw new AppError("VALIDATION", "customer.errors.needsAttention", { fieldErrors: { fullName: ["customer.errors.nameMismatch"] } });
  }

  const { contract } = approval;
  const decidedName = input.decision === "APPROVED" ? input.fullName.trim().replace(/\s+/g, " ") : customerName(contract.client);
  const evidence = {
    decision: input.decision,
    decidedName,
    decidedAt: now.toISOString(),
    approvalId: approval.id,
    tokenHash: approval.tokenHash,
    email: approval.email,
    proposalVersion: approval.proposalVersion,
    documentId: approval.documentId,
    documentName: approval.document?.name ?? null,
    documentSha256: approval.documentSha256,
    adviceRecordId: approval.adviceRecordId,
    adviceVersion: approval.advice?.version ?? null,
    adviceWaived: approval.advice?.waived ?? null,
    adviceSha256: approval.adviceSha256,
    ip: meta.ip,
    userAgent: meta.userAgent,
    shown: { locale: texts.locale, summary: texts.summary, statement: input.decision === "APPROVED" ? texts.statement : null, declineNotice: input.decision === "DECLINED" ? texts.declineNotice : null },
    ...(input.decision === "APPROVED" ? { nameCheck: { typed: input.fullName, expected: customerName(contract.client), method: "case-, accent- and whitespace-insensitive" }, confirmed: true } : { reason: input.reason }),
  };

  const recorded = await db().$transaction(async (tx) => {
    const { count } = await tx.approvalRequest.updateMany({
      where: { id: approval.id, status: "PENDING" },
      data: {
        status: input.decision,
        decidedAt: now,
        usedAt: now,
        decidedName,
        declineReason: input.decision === "DECLINED" ? input.reason : null,
        evidence,
      },
    });
    if (count === 0) return false; // someone else's submit won the race
    await recordAudit(
      {
        organizationId: contract.organizationId,
        actorId: null,
        action: input.decision === "APPROVED" ? "approval.approve" : "approval.decline",
        entityType: "Contract",
        entityId: contract.id,
        ip: meta.ip,
        data: { approvalId: approval.id, decidedName, proposalVersion: approval.proposalVersion, documentSha256: approval.documentSha256, adviceSha256: approval.adviceSha256 },
      },
      tx,
    );
    await emitWebhookEvent(tx, { organizationId: contract.organizationId, type: "approval.decided", data: { contractId: contract.id, approvalId: approval.id, decision: input.decision } });
    const verb = input.decision === "APPROVED" ? "approved" : "declined";
    const product = contract.product?.name ? { product: contract.product.name } : { product: msg("shell.notifications.defaultProduct") };
    await createNotification(tx, {
      userId: contract.advisorId,
      contractId: contract.id,
      kind: `approval.${verb}`,
      title: msg(`shell.notifications.${verb}.title`, { name: decidedName }),
      body:
        input.decision === "APPROVED"
          ? { key: contract.organization.autoOrderOnApproval ? "shell.notifications.approved.bodyAutoOrder" : "shell.notifications.approved.body", values: { ...product, version: String(approval.proposalVersion) } }
          : msg("shell.notifications.declined.body", { reason: input.reason }),
    });
    await recordHappening(tx, {
      contract,
      kind: input.decision === "APPROVED" ? "approval.approved" : "approval.declined",
      status: contract.status,
      source: "CUSTOMER",
      actorLabel: decidedName,
      note: input.decision === "APPROVED" ? storedText("status.notes.approvedVersion", { version: approval.proposalVersion }) : storedText("status.notes.declined", { reason: input.reason ?? "" }),
    });
    await refreshTurns(tx, [contract.id]);
    return true;
  });
  if (!recorded) {
    const fresh = await loadLinkApproval(token);
    return { outcome: "not-open", status: linkState(fresh, now) };
  }

  if (input.decision === "APPROVED" && contract.organization.autoOrderOnApproval) {
    const task = () => orderAfterApproval({ approvalId: approval.id, contractId: contract.id, proposalVersion: approval.proposalVersion, decidedName, advisor: contract.advisor });
    if (options.defer) options.defer(task);
    else await task();
  }
  return { outcome: "recorded", decision: input.decision, approvalId: approval.id };
}
