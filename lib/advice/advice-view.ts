/**
 * The advice record as the contract page shows it: the newest version's values for the form, every
 * version (the history), and whether it is ready for the customer and bound to their approval.
 * Read beside the rest of the contract view (lib/contracts/contract-view.ts), already scoped there.
 */
import { z } from "zod";
import { db } from "../db";
import { notFound } from "../errors";
import { contractScope } from "../auth/scope";
import type { SessionUser } from "../auth/session";
import { formatDateTime, type Locale } from "../format";
import { readyFrom } from "./current-advice";
import { ADVICE_EDITABLE_STATUSES } from "./advice-records";
import type { AdviceChannel } from "./advice-schema";

export interface AdviceVersionView {
  id: string;
  version: number;
  state: "draft" | "completed" | "waived";
  channel: AdviceChannel;
  atLabel: string;
  by: string | null;
  sha256: string | null;
  locale: string;
}

export interface AdviceView {
  editable: boolean;
  /** The newest version is completed (or a waiver) with its PDF: a link may go out. */
  ready: boolean;
  /** The customer's approval of the current proposal version is bound to that ready advice. */
  approvalBound: boolean;
  current: {
    needs: string;
    advice: string;
    reasons: string;
    channel: AdviceChannel;
    productsConsidered: string[];
    waived: boolean;
    waiverReason: string | null;
  } | null;
  versions: AdviceVersionView[];
}

export const adviceRowSelect = {
  id: true,
  version: true,
  needs: true,
  advice: true,
  reasons: true,
  channel: true,
  productsConsidered: true,
  waived: true,
  waiverReason: true,
  completedAt: true,
  locale: true,
  sha256: true,
  createdById: true,
  createdAt: true,
} as const;

export const adviceRowsOf = (contractId: string) => db().adviceRecord.findMany({ where: { contractId }, orderBy: { version: "desc" }, select: adviceRowSelect });
type AdviceRow = Awaited<ReturnType<typeof adviceRowsOf>>[number];

const productsOf = (value: unknown) => z.array(z.string()).catch([]).parse(value);

export async function adviceViewOf(
  rows: AdviceRow[],
  contract: { status: number; proposalVersion: number; closed: boolean },
  approvals: ReadonlyArray<{ status: string; proposalVersion: number; adviceSha256?: string | null }>,
  locale: Locale,
): Promise<AdviceView> {
  const userIds = [...new Set(rows.map((row) => row.createdById).filter((id): id is string => Boolean(id)))];
  const users = userIds.length ? await db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [];
  const names = new Map(users.map((user) => [user.id, user.name]));
  const head = rows[0] ?? null;
  const ready = readyFrom(head);
  return {
    editable: ADVICE_EDITABLE_STATUSES.has(contract.status) && !contract.closed,
    ready: Boolean(ready),
    approvalBound: Boolean(ready && approvals.some((approval) => approval.status === "APPROVED" && approval.proposalVersion === contract.proposalVersion && approval.adviceSha256 === ready.sha256)),
    current: head
      ? { needs: head.needs, advice: head.advice, reasons: head.reasons, channel: head.channel, productsConsidered: productsOf(head.productsConsidered), waived: head.waived, waiverReason: head.waiverReason }
      : null,
    versions: rows.map((row) => ({
      id: row.id,
      version: row.version,
      state: row.waived ? "waived" : row.completedAt ? "completed" : "draft",
      channel: row.channel,
      atLabel: formatDateTime(row.completedAt ?? row.createdAt, locale),
      by: row.createdById ? (names.get(row.createdById) ?? null) : null,
      sha256: row.sha256,
      locale: row.locale,
    })),
  };
}

/** One frozen version's PDF for the advisor: scoped like the contract. */
export async function getAdvicePdfForViewer(viewer: Pick<SessionUser, "id" | "organizationId" | "role">, contractId: string, recordId: string) {
  const record = await db().adviceRecord.findFirst({ where: { id: recordId, contractId }, select: { version: true, waived: true, pdf: true, sha256: true, locale: true, contractId: true } });
  const visible = record ? await db().contract.findFirst({ where: { id: record.contractId, ...contractScope(viewer) }, select: { id: true } }) : null;
  if (!record || !visible || !record.pdf || !record.sha256) throw notFound("advice.errors.pdfNotFound");
  return { version: record.version, waived: record.waived, locale: record.locale, bytes: new Uint8Array(record.pdf), sha256: record.sha256 };
}
