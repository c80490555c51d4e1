/**
 * The exact texts the customer sees on the approval page. The page renders them and the
 * decision stores them in the evidence, both from this one function, so what is recorded is
 * what was shown; a digest of them travels with the form to catch a page that went stale.
 */
import crypto from "node:crypto";
import { formatterFor } from "../format";
import { translatorOf } from "../i18n/translate";
import type { AppLocale } from "../i18n/locales";

export interface ApprovalSubject {
  firmName: string;
  advisorName: string;
  clientName: string;
  productName: string;
  providerName: string;
  premium: string | null;
  currency: string | null;
  startDate: string | null;
  proposalVersion: number;
  documentName: string;
  documentSha256: string;
  /** The advice record (or waiver) shown beside the proposal, when the link is bound to one. */
  advice?: { version: number; waived: boolean; sha256: string } | null;
}

/** The texts in the one language they were shown in; the evidence keeps both. */
export interface ApprovalTexts {
  locale: AppLocale;
  summary: Array<{ label: string; value: string }>;
  statement: string;
  declineNotice: string;
}

export function formatPremium(premium: string | null, currency: string | null, locale: AppLocale): string {
  if (!premium) return translatorOf(locale, "customer.texts")("asInProposal");
  return formatterFor(locale).money(premium, currency) ?? premium;
}

function formatStartDate(value: string | null, locale: AppLocale): string {
  if (!value) return translatorOf(locale, "customer.texts")("asInProposal");
  return formatterFor(locale).date(value);
}

/** The customer's texts in their language (the client's, else the firm's, unless they switched). */
export function approvalTexts(subject: ApprovalSubject, locale: AppLocale): ApprovalTexts {
  const t = translatorOf(locale, "customer.texts");
  const names = { client: subject.clientName, version: String(subject.proposalVersion), document: subject.documentName, product: subject.productName, provider: subject.providerName, advisor: subject.advisorName, firm: subject.firmName };
  return {
    locale,
    summary: [
      { label: t("labels.customer"), value: subject.clientName },
      { label: t("labels.product"), value: subject.productName },
      { label: t("labels.provider"), value: subject.providerName },
      { label: t("labels.premium"), value: formatPremium(subject.premium, subject.currency, locale) },
      { label: t("labels.startDate"), value: formatStartDate(subject.startDate, locale) },
      { label: t("labels.proposalVersion"), value: String(subject.proposalVersion) },
      { label: t("labels.document"), value: subject.documentName },
      ...(subject.advice ? [{ label: t("labels.advice"), value: subject.advice.waived ? t("adviceWaived", { version: String(subject.advice.version) }) : t("adviceVersion", { version: String(subject.advice.version) }) }] : []),
    ],
    statement: subject.advice
      ? t(subject.advice.waived ? "statementWithWaiver" : "statementWithAdvice", { ...names, adviceVersion: String(subject.advice.version) })
      : t("statement", names),
    declineNotice: t("declineNotice", names),
  };
}

/** A short digest of the texts, sent with the form so a decision on a page that went stale is refused. */
export function textsDigest(texts: ApprovalTexts): string {
  return crypto.createHash("sha256").update(JSON.stringify(texts)).digest("hex").slice(0, 32);
}

/** The customer's name as people write it ("Maria Schneider"), not the list form ("Schneider, Maria"). */
export function customerName(client: { kind: string; displayName: string; firstName: string | null; lastName: string | null }): string {
  const natural = [client.firstName, client.lastName].filter((part) => part && part.trim()).join(" ").trim();
  return client.kind === "PERSON" && natural ? natural : client.displayName;
}

/** Case-, accent- and whitespace-insensitive form of a name, for "type your full name". */
export function normalizeName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLocaleLowerCase("en")
    .replace(/[\s.,'’-]+/g, " ")
    .trim();
}
