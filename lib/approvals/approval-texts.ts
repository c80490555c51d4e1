/**
 * The exact texts the customer sees on the approval page. The page renders them and the
 * decision stores them in the evidence, both from this one function, so what is recorded is
 * what was shown; a digest of them travels with the form to catch a page that went stale.
 */
import crypto from "node:crypto";
import { formatDate, formatMoney } from "../format";

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
}

export interface ApprovalTexts {
  summary: Array<{ label: string; value: string }>;
  statement: string;
  declineNotice: string;
}

export function formatPremium(premium: string | null, currency: string | null): string {
  if (!premium) return "As stated in the proposal";
  return formatMoney(premium, currency) ?? premium;
}

function formatStartDate(value: string | null): string {
  if (!value) return "As stated in the proposal";
  return formatDate(value);
}

export function approvalTexts(subject: ApprovalSubject): ApprovalTexts {
  return {
    summary: [
      { label: "Customer", value: subject.clientName },
      { label: "Product", value: subject.productName },
      { label: "Provider", value: subject.providerName },
      { label: "Premium", value: formatPremium(subject.premium, subject.currency) },
      { label: "Start date", value: formatStartDate(subject.startDate) },
      { label: "Proposal version", value: String(subject.proposalVersion) },
      { label: "Document", value: subject.documentName },
    ],
    statement:
      `I, ${subject.clientName}, have read proposal version ${subject.proposalVersion} (${subject.documentName}) for ${subject.productName} with ${subject.providerName}, ` +
      `prepared by ${subject.advisorName} of ${subject.firmName}. I approve it and ask ${subject.firmName} to order it from ${subject.providerName} on my behalf.`,
    declineNotice: `Your answer goes to ${subject.advisorName} at ${subject.firmName}. Nothing is ordered.`,
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
