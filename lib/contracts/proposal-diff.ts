/**
 * What changed between two proposal versions, field by field (premium included), for the
 * contract page and the customer's approval page alike. Values are compared as the provider
 * stored them and shown through lib/format, so "1500000" and 1500000 are the same value.
 */
import { z } from "zod";
import { db } from "../db";
import { productFieldSchema, type ProductField } from "../finum/records";
import { formatDate, formatMoney, formatNumber, type Locale, DEFAULT_LOCALE } from "../format";
import { loadLinkApproval } from "../approvals/customer-approval";
import { translate } from "../i18n/translate";
import { languageOf } from "../i18n/stored-text";

export interface VersionSnapshot {
  version: number;
  data: unknown;
  premium: { toString(): string } | string | null;
  currency: string | null;
}

export interface FieldChange {
  name: string;
  label: string;
  before: string;
  after: string;
}

/** A product field value as a person reads it. */
export function formatFieldValue(value: unknown, field?: Pick<ProductField, "type">, locale: Locale = DEFAULT_LOCALE): string {
  if (value === undefined || value === null || value === "") return "—";
  if (typeof value === "boolean" || field?.type === "boolean") return value === true || value === "true" ? translate(languageOf(locale), "contracts.values.yes") : value === false || value === "false" ? translate(languageOf(locale), "contracts.values.no") : String(value);
  if (field?.type === "date" && typeof value === "string") return formatDate(value, locale);
  // Numbers, and choices that are amounts ("10000000" for a coverage), with grouping; never plain strings (postal codes).
  const numeric = field?.type === "number" || typeof value === "number" || (field?.type === "enum" && typeof value === "string" && /^\d+(\.\d+)?$/.test(value));
  if (numeric && !Number.isNaN(Number(value))) return formatNumber(value as number | string, locale, { maximumFractionDigits: 6 }) ?? String(value);
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

const same = (a: unknown, b: unknown) => {
  // As the form sends them and as a provider may store them: "false" and false, "12" and 12 are the same answer.
  const norm = (value: unknown) => (value === undefined || value === null || value === "" ? null : typeof value === "object" ? value : String(value));
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
};

// What the provider keeps in a contract's data about its own files and versions: not the customer's terms.
const PROVIDER_BOOKKEEPING = new Set(["proposalFileId", "proposalVersion", "policyFileId"]);

const asRecord = (value: unknown): Record<string, unknown> => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** The fields that differ from `before` to `after`, premium first, then in the product's field order, then any others. */
export function diffVersions(before: VersionSnapshot, after: VersionSnapshot, fields: readonly ProductField[], locale: Locale = DEFAULT_LOCALE): FieldChange[] {
  const changes: FieldChange[] = [];
  const money = (snapshot: VersionSnapshot) => formatMoney(snapshot.premium?.toString() ?? null, snapshot.currency, locale) ?? "—";
  const premiumBefore = money(before);
  const premiumAfter = money(after);
  if (premiumBefore !== premiumAfter) changes.push({ name: "premium", label: translate(languageOf(locale), "contracts.details.premium"), before: premiumBefore, after: premiumAfter });
  const a = asRecord(before.data);
  const b = asRecord(after.data);
  const known = new Map(fields.map((field) => [field.name, field]));
  const names = [...fields.map((field) => field.name), ...[...new Set([...Object.keys(a), ...Object.keys(b)])].filter((name) => !known.has(name)).sort()];
  for (const name of names) {
    if (name.startsWith("_") || PROVIDER_BOOKKEEPING.has(name) || same(a[name], b[name])) continue;
    const field = known.get(name);
    changes.push({ name, label: field?.label ?? name, before: formatFieldValue(a[name], field, locale), after: formatFieldValue(b[name], field, locale) });
  }
  return changes;
}

export interface VersionHistoryEntry {
  version: number;
  at: string;
  premium: string | null;
  /** Against the version before it; null for the first one we know. */
  changes: FieldChange[] | null;
  previousVersion: number | null;
}

/** Every stored version of a contract's proposal, newest first, each with what changed against the one before. */
export function versionHistory(rows: ReadonlyArray<VersionSnapshot & { at: Date }>, fields: readonly ProductField[], locale: Locale = DEFAULT_LOCALE): VersionHistoryEntry[] {
  const ascending = [...rows].sort((x, y) => x.version - y.version);
  return ascending
    .map((row, index) => {
      const previous = index > 0 ? ascending[index - 1]! : null;
      return {
        version: row.version,
        at: row.at.toISOString(),
        premium: formatMoney(row.premium?.toString() ?? null, row.currency, locale),
        changes: previous ? diffVersions(previous, row, fields, locale) : null,
        previousVersion: previous?.version ?? null,
      };
    })
    .reverse();
}

/**
 * For the customer's page: what changed in the version their link is for against the version
 * before it (nothing when it is the first). Read-only, like the rest of that page.
 */
export async function customerProposalChanges(token: unknown, locale: Locale = DEFAULT_LOCALE): Promise<{ previousVersion: number; changes: FieldChange[] } | null> {
  const approval = await loadLinkApproval(token);
  if (!approval) return null;
  const [rows, contract] = await Promise.all([
    db().proposalVersion.findMany({
      where: { contractId: approval.contractId, version: { lte: approval.proposalVersion } },
      orderBy: { version: "desc" },
      take: 2,
      select: { version: true, data: true, premium: true, currency: true },
    }),
    db().contract.findUnique({ where: { id: approval.contractId }, select: { product: { select: { fields: true } } } }),
  ]);
  const [current, previous] = rows;
  if (!current || !previous || current.version !== approval.proposalVersion) return null;
  const fields = z.array(productFieldSchema).catch([]).parse(contract?.product?.fields ?? []);
  return { previousVersion: previous.version, changes: diffVersions(previous, current, fields, locale) };
}
