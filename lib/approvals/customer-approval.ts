/**
 * What the customer's link shows. Read-only on purpose: mail scanners and link previews open
 * links, so looking at the page (or its PDF) never changes anything; only the decision, a
 * POST, writes.
 */
import { db } from "../db";
import { approvalTexts, customerName, textsDigest, type ApprovalSubject, type ApprovalTexts } from "./approval-texts";
import { tokenHashOf } from "./token";
import { appLocaleOr, type AppLocale } from "../i18n/locales";
import { translatorOf } from "../i18n/translate";
import { parseStoredMessage } from "../i18n/stored-message";

const approvalSelect = {
  id: true,
  contractId: true,
  documentId: true,
  channel: true,
  status: true,
  proposalVersion: true,
  documentSha256: true,
  adviceRecordId: true,
  adviceSha256: true,
  tokenHash: true,
  email: true,
  expiresAt: true,
  decidedAt: true,
  decidedName: true,
  declineReason: true,
  voidReason: true,
  evidence: true,
  createdAt: true,
  document: { select: { id: true, name: true, sha256: true } },
  contract: {
    select: {
      id: true,
      status: true,
      proposalVersion: true,
      organizationId: true,
      advisorId: true,
      premium: true,
      currency: true,
      data: true,
      organization: { select: { name: true, autoOrderOnApproval: true, defaultLocale: true } },
      advisor: { select: { id: true, name: true, email: true, organizationId: true, role: true } },
      client: { select: { displayName: true, firstName: true, lastName: true, kind: true, locale: true } },
      product: { select: { name: true } },
      provider: { select: { name: true } },
    },
  },
} as const;

export async function loadLinkApproval(token: unknown) {
  const tokenHash = tokenHashOf(token);
  if (!tokenHash) return null;
  const approval = await db().approvalRequest.findUnique({ where: { tokenHash }, select: approvalSelect });
  if (!approval || approval.channel !== "LINK") return null;
  // The advice record shown beside the proposal (bound by id and SHA-256 when the link was sent).
  const advice = approval.adviceRecordId
    ? await db().adviceRecord.findFirst({ where: { id: approval.adviceRecordId, contractId: approval.contractId, sha256: approval.adviceSha256 }, select: { id: true, version: true, waived: true } })
    : null;
  return { ...approval, advice };
}

export type LinkApproval = NonNullable<Awaited<ReturnType<typeof loadLinkApproval>>>;

export type LinkState =
  | { state: "unknown" }
  | { state: "open" }
  | { state: "expired"; expiredAt: Date }
  | { state: "approved" | "declined" }
  | { state: "replaced"; currentVersion: number }
  | { state: "withdrawn"; why: "newer-link" | "proposal-closed" | "not-sent" | "advice-changed" };

/** Where a link stands now, from the row alone (a pending row past its expiry is expired without being written). */
export function linkState(approval: LinkApproval | null, now = new Date()): LinkState {
  if (!approval) return { state: "unknown" };
  const { contract } = approval;
  if (approval.status === "APPROVED") return contract.proposalVersion > approval.proposalVersion ? { state: "replaced", currentVersion: contract.proposalVersion } : { state: "approved" };
  if (approval.status === "DECLINED") return { state: "declined" };
  if (contract.proposalVersion > approval.proposalVersion) return { state: "replaced", currentVersion: contract.proposalVersion };
  if (approval.status === "VOID") {
    if (approval.decidedAt) return { state: "replaced", currentVersion: contract.proposalVersion };
    // The reason is a stored message (key and values); rows from before are English text.
    const reason = parseStoredMessage(approval.voidReason)?.key ?? approval.voidReason ?? "";
    const newerLink = reason === VOID_REASONS.newerLink || reason.startsWith("Replaced by a newer link");
    const notSent = reason === VOID_REASONS.notSent || reason.startsWith("The email could not");
    if (reason === VOID_REASONS.newerAdvice) return { state: "withdrawn", why: "advice-changed" };
    return { state: "withdrawn", why: newerLink ? "newer-link" : notSent ? "not-sent" : "proposal-closed" };
  }
  if (contract.status !== 130) return { state: "withdrawn", why: "proposal-closed" };
  if (approval.expiresAt && approval.expiresAt.getTime() <= now.getTime()) return { state: "expired", expiredAt: approval.expiresAt };
  return { state: "open" };
}

/** The keys of the void reasons written in lib/approvals (stored as messages on the row). */
export const VOID_REASONS = {
  newerLink: "customer.void.newerLink",
  notSent: "customer.void.notSent",
  newerVersion: "customer.void.newerVersion",
  newerAdvice: "customer.void.newerAdvice",
} as const;

/** The language the customer's texts, email and receipt speak: the client's, else the firm's. */
export function clientLocaleOf(contract: { client: { locale: string | null }; organization: { defaultLocale: string } }): AppLocale {
  return appLocaleOr(contract.client.locale ?? contract.organization.defaultLocale);
}

export function subjectOf(approval: LinkApproval, locale: AppLocale = clientLocaleOf(approval.contract)): ApprovalSubject {
  const { contract } = approval;
  const data = (contract.data ?? {}) as Record<string, unknown>;
  const t = translatorOf(locale, "customer.texts");
  return {
    firmName: contract.organization.name,
    advisorName: contract.advisor.name,
    clientName: customerName(contract.client),
    productName: contract.product?.name ?? t("defaultProduct"),
    providerName: contract.provider.name,
    premium: contract.premium?.toString() ?? null,
    currency: contract.currency,
    startDate: typeof data.startDate === "string" ? data.startDate : null,
    proposalVersion: approval.proposalVersion,
    documentName: approval.document?.name ?? t("defaultDocument"),
    documentSha256: approval.documentSha256,
    advice: approval.adviceRecordId && approval.adviceSha256 ? { version: approval.advice?.version ?? 0, waived: approval.advice?.waived ?? false, sha256: approval.adviceSha256 } : null,
  };
}

export interface CustomerApprovalView {
  status: LinkState;
  /** The language the texts are in. */
  locale: AppLocale;
  firmName: string;
  advisorName: string;
  clientName: string;
  productName: string;
  proposalVersion: number;
  /** The advice record (or waiver) shown beside the proposal, when the link is bound to one. */
  advice: { version: number; waived: boolean } | null;
  texts: ApprovalTexts;
  digest: string;
  expiresAt: Date | null;
  decidedAt: Date | null;
  decidedName: string | null;
  declineReason: string | null;
}

export type CustomerApproval = { status: { state: "unknown" } } | CustomerApprovalView;

/**
 * The customer's page data for a token; unknown and malformed tokens look the same. The texts are
 * in the given language (the page's), else the client's.
 */
export async function getCustomerApproval(token: unknown, now = new Date(), locale?: AppLocale): Promise<CustomerApproval> {
  const approval = await loadLinkApproval(token);
  if (!approval) return { status: { state: "unknown" } };
  const shownIn = locale ?? clientLocaleOf(approval.contract);
  const subject = subjectOf(approval, shownIn);
  const texts = approvalTexts(subject, shownIn);
  return {
    status: linkState(approval, now),
    locale: shownIn,
    firmName: subject.firmName,
    advisorName: subject.advisorName,
    clientName: subject.clientName,
    productName: subject.productName,
    proposalVersion: approval.proposalVersion,
    advice: approval.advice ? { version: approval.advice.version, waived: approval.advice.waived } : null,
    texts,
    digest: textsDigest(texts),
    expiresAt: approval.expiresAt,
    decidedAt: approval.decidedAt,
    decidedName: approval.decidedName,
    declineReason: approval.declineReason,
  };
}

/** The bound advice record's PDF, only while the link is open (as the proposal). */
export async function getCustomerAdvicePdf(token: unknown, now = new Date()) {
  const approval = await loadLinkApproval(token);
  if (!approval || linkState(approval, now).state !== "open" || !approval.advice) return null;
  const record = await db().adviceRecord.findFirst({ where: { id: approval.advice.id, sha256: approval.adviceSha256 }, select: { version: true, waived: true, pdf: true, sha256: true, locale: true } });
  if (!record?.pdf || !record.sha256) return null;
  return { version: record.version, waived: record.waived, locale: record.locale, bytes: new Uint8Array(record.pdf), sha256: record.sha256 };
}

/** The bound proposal document's bytes, only while the link is open. */
export async function getCustomerDocument(token: unknown, now = new Date()) {
  const approval = await loadLinkApproval(token);
  if (!approval || linkState(approval, now).state !== "open" || !approval.documentId) return null;
  const document = await db().document.findFirst({
    where: { id: approval.documentId, contractId: approval.contractId, sha256: approval.documentSha256 },
    select: { name: true, mime: true, size: true, sha256: true, bytes: true },
  });
  return document;
}
