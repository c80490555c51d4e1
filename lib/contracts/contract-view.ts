/**
 * The contract page's view model: one scoped read, one JSON-safe snapshot. The page renders it
 * on the server for the first paint and the browser re-fetches the same snapshot (GET
 * /contracts/<id>/view) when a live event arrives, so the status badge, whose turn, the next
 * step and the timeline always come from the same moment and always agree.
 *
 * Whose turn and the next step are READ from the contract (lib/contracts/turn.ts decided and
 * stored them with the change); nothing here decides them again.
 */
import { z } from "zod";
import { db } from "../db";
import { notFound } from "../errors";
import { contractScope } from "../auth/scope";
import type { SessionUser } from "../auth/session";
import { productFieldSchema, type ProductField } from "../finum/records";
import { DEFAULT_LOCALE, formatDateTime, formatMoney, type Locale } from "../format";
import { translate } from "../i18n/translate";
import { msg } from "../i18n/message";
import { languageOf, readStoredText } from "../i18n/stored-text";
import { missingRequiredFields } from "../products/product-data";
import { canAdvisorMove, statusAllowsWithdraw, statusView, type Phase } from "./status";
import { withAdvice, type ApprovalState, type NextStep, type Turn } from "./turn";
import { adviceRowsOf, adviceViewOf, type AdviceView } from "../advice/advice-view";
import { formatFieldValue, versionHistory, type VersionHistoryEntry } from "./proposal-diff";
import { storedText } from "../i18n/stored-message";

type Viewer = Pick<SessionUser, "id" | "organizationId" | "role">;

/** Where a timeline entry came from, as a person reads it (status.sources.*). */
export const SOURCE_KEYS = ["ADVISOR", "CUSTOMER", "CALLBACK", "POLL", "SYNC", "SYSTEM"] as const;

const EVENT_KINDS = new Set(["approval.sent", "approval.resent", "approval.voided", "approval.approved", "approval.declined", "approval.expired", "proposal.revised", "proposal.duplicated", "advisor.reassigned"]);
const PENDING_WRITES = new Set(["contract.create", "contract.resubmit", "contract.patch", "contract.order", "contract.withdraw", "client.create"]);

export interface TimelineEntry {
  id: string;
  kind: string;
  title: string;
  /** For a status change, the status it reached (for the badge colour). */
  status: number | null;
  source: string;
  sourceLabel: string;
  actor: string | null;
  note: string | null;
  at: string;
  atLabel: string;
}

export interface ContractView {
  id: string;
  asOf: string;
  client: { id: string; name: string; email: string | null };
  product: { name: string } | null;
  provider: { name: string; enabled: boolean };
  advisor: { name: string };
  contractNumber: string | null;
  remoteId: string | null;
  status: { code: number; label: string; wireLabel: string; phase: Phase; known: boolean };
  statusChangedAt: string;
  statusChangedLabel: string;
  /** The provider's own words on the current status. */
  providerNote: string | null;
  turn: Turn;
  nextStep: NextStep;
  needsAttention: boolean;
  approvalState: ApprovalState;
  premium: string | null;
  proposalVersion: number;
  lastReadLabel: string | null;
  createdLabel: string;
  /** Product data as entered, for the edit forms, and as read, for the details card. */
  data: Record<string, unknown>;
  productFields: ProductField[];
  fields: Array<{ name: string; label: string; value: string }>;
  missing: string[];
  /** The provider's `_` extension fields, shown as they came. */
  extensionFields: Array<{ key: string; value: string }>;
  proposalDocument: { id: string; name: string } | null;
  policyDocuments: Array<{ id: string; name: string }>;
  documents: Array<{ id: string; kind: string; name: string; sizeKb: number; sha256: string; proposalVersion: number | null; atLabel: string }>;
  approvals: Array<{
    id: string;
    channel: "LINK" | "OFFLINE";
    status: "PENDING" | "APPROVED" | "DECLINED" | "VOID";
    expired: boolean;
    proposalVersion: number;
    method: string;
    email: string | null;
    decidedLabel: string | null;
    decidedName: string | null;
    declineReason: string | null;
    voidReason: string | null;
    sentLabel: string;
    expiresLabel: string | null;
  }>;
  /** The newest link of the current version (what "waiting for the customer" refers to). */
  link: { email: string; sentLabel: string; expiresLabel: string | null; expired: boolean } | null;
  /** The newest decline of the current version. */
  decline: { name: string; reason: string | null; atLabel: string } | null;
  versions: VersionHistoryEntry[];
  /** The advice record (Beratungsdokumentation): form values, versions, ready and bound. */
  advice: AdviceView;
  timeline: TimelineEntry[];
  pendingWrite: { label: string; error: string | null } | null;
  duplicatedFrom: { id: string; label: string } | null;
  successor: { id: string; label: string } | null;
  actions: {
    refresh: boolean;
    send: boolean;
    completeData: boolean;
    sendApproval: boolean;
    recordOffline: boolean;
    order: boolean;
    revise: boolean;
    withdraw: boolean;
    duplicate: boolean;
  };
}

const labelOf = (contract: { product: { name: string } | null; provider: { name: string } }, locale: Locale) => `${contract.product?.name ?? translate(languageOf(locale), "contracts.screen.proposal")} · ${contract.provider.name}`;

export async function getContractView(viewer: Viewer, contractId: string, locale: Locale = DEFAULT_LOCALE): Promise<ContractView> {
  // This snapshot is re-read on every live event, so its parts are read side by side rather than
  // one relation after another. The lists are keyed by the id alone and used only once the scoped
  // read of the contract itself found it: a contract the viewer may not see throws before them.
  const linked = { id: true, product: { select: { name: true } }, provider: { select: { name: true } } } as const;
  const ofContract = { contractId } as const;
  const [contract, successor, events, documents, approvals, writes, proposalVersions, adviceRows] = await Promise.all([
    db().contract.findFirst({
      where: { id: contractId, ...contractScope(viewer) },
      select: {
        id: true,
        status: true,
        statusNote: true,
        statusChangedAt: true,
        turn: true,
        nextStep: true,
        needsAttention: true,
        approvalState: true,
        remoteId: true,
        data: true,
        raw: true,
        premium: true,
        currency: true,
        proposalVersion: true,
        contractNumber: true,
        lastReadAt: true,
        createdAt: true,
        duplicatedFromId: true,
        client: { select: { id: true, displayName: true, email: true } },
        product: { select: { name: true, fields: true } },
        provider: { select: { name: true, enabled: true } },
        advisor: { select: { name: true } },
      },
    }),
    db().contract.findFirst({ where: { duplicatedFromId: contractId, ...contractScope(viewer) }, orderBy: { createdAt: "desc" }, select: linked }),
    db().contractEvent.findMany({ where: ofContract, orderBy: [{ at: "desc" }, { id: "desc" }], select: { id: true, kind: true, fromStatus: true, toStatus: true, source: true, actorLabel: true, note: true, at: true } }),
    db().document.findMany({ where: ofContract, orderBy: { createdAt: "desc" }, select: { id: true, kind: true, name: true, size: true, sha256: true, proposalVersion: true, createdAt: true } }),
    db().approvalRequest.findMany({
      where: ofContract,
      orderBy: { createdAt: "desc" },
      select: { id: true, channel: true, status: true, proposalVersion: true, documentSha256: true, adviceSha256: true, decidedAt: true, decidedName: true, declineReason: true, voidReason: true, evidence: true, createdAt: true, expiresAt: true, email: true },
    }),
    db().providerWrite.findMany({ where: { ...ofContract, state: "PENDING" }, orderBy: { createdAt: "desc" }, take: 1, select: { operation: true, error: true } }),
    db().proposalVersion.findMany({ where: ofContract, orderBy: { version: "desc" }, select: { version: true, data: true, premium: true, currency: true, at: true } }),
    adviceRowsOf(contractId),
  ]);
  if (!contract) throw notFound("contracts.errors.contractNotFound");
  const source = contract.duplicatedFromId ? await db().contract.findFirst({ where: { id: contract.duplicatedFromId, ...contractScope(viewer) }, select: linked }) : null;

  const now = new Date();
  const at = (date: Date) => formatDateTime(date, locale);
  const view = statusView(contract.status, languageOf(locale));
  const productFields = z.array(productFieldSchema).catch([]).parse(contract.product?.fields ?? []);
  const data = (contract.data && typeof contract.data === "object" && !Array.isArray(contract.data) ? contract.data : {}) as Record<string, unknown>;
  const proposalDocument = documents.find((document) => document.kind === "PROPOSAL" && document.proposalVersion === contract.proposalVersion) ?? null;
  const isExpired = (expiresAt: Date | null) => Boolean(expiresAt && expiresAt.getTime() <= now.getTime());

  const current = approvals.filter((approval) => approval.proposalVersion === contract.proposalVersion);
  const newestLink = current.find((approval) => approval.channel === "LINK" && approval.status === "PENDING");
  const newestDecline = current.find((approval) => approval.status === "DECLINED");
  const hasDocument = Boolean(proposalDocument);
  // A proposal the engine closed (a newer draft replaced it: next step "none") offers nothing more.
  const closed = Boolean(successor) || contract.nextStep === "none";
  const open130 = contract.status === 130 && !closed;
  const advice = await adviceViewOf(adviceRows, { status: contract.status, proposalVersion: contract.proposalVersion, closed }, approvals, locale);
  // The engine's step, refined by the advice record: no link and no order without it.
  const nextStep = withAdvice(contract.nextStep as NextStep, advice);
  const approved = contract.approvalState === "APPROVED" && advice.approvalBound;

  return {
    id: contract.id,
    asOf: now.toISOString(),
    client: { id: contract.client.id, name: contract.client.displayName, email: contract.client.email },
    product: contract.product ? { name: contract.product.name } : null,
    provider: contract.provider,
    advisor: contract.advisor,
    contractNumber: contract.contractNumber,
    remoteId: contract.remoteId,
    status: { code: view.code, label: view.label, wireLabel: view.wireLabel, phase: view.phase, known: view.known },
    statusChangedAt: contract.statusChangedAt.toISOString(),
    statusChangedLabel: at(contract.statusChangedAt),
    providerNote: contract.statusNote,
    turn: contract.turn,
    nextStep,
    needsAttention: contract.needsAttention,
    approvalState: contract.approvalState,
    premium: formatMoney(contract.premium?.toString() ?? null, contract.currency, locale),
    proposalVersion: contract.proposalVersion,
    lastReadLabel: contract.lastReadAt ? at(contract.lastReadAt) : null,
    createdLabel: at(contract.createdAt),
    data,
    productFields,
    fields: productFields.map((field) => ({ name: field.name, label: field.label, value: formatFieldValue(data[field.name], field, locale) })),
    missing: missingRequiredFields(productFields, data).map((field) => field.name),
    extensionFields: Object.entries((contract.raw ?? {}) as Record<string, unknown>)
      .filter(([key]) => key.startsWith("_"))
      .map(([key, value]) => ({ key, value: formatFieldValue(value, undefined, locale) })),
    proposalDocument: proposalDocument ? { id: proposalDocument.id, name: proposalDocument.name } : null,
    policyDocuments: documents.filter((document) => document.kind === "POLICY").map((document) => ({ id: document.id, name: document.name })),
    documents: documents.map((document) => ({
      id: document.id,
      kind: document.kind,
      name: document.name,
      sizeKb: Math.max(1, Math.round(document.size / 1024)),
      sha256: document.sha256,
      proposalVersion: document.proposalVersion,
      atLabel: at(document.createdAt),
    })),
    approvals: approvals.map((approval) => ({
      id: approval.id,
      channel: approval.channel,
      status: approval.status,
      expired: approval.status === "PENDING" && isExpired(approval.expiresAt),
      proposalVersion: approval.proposalVersion,
      method: approval.channel === "OFFLINE" ? offlineMethodLabel(approval.evidence, locale) : translate(languageOf(locale), "contracts.approvals.byLink"),
      email: approval.email,
      decidedLabel: approval.decidedAt ? at(approval.decidedAt) : null,
      decidedName: approval.decidedName,
      declineReason: approval.declineReason,
      voidReason: readStoredText(approval.voidReason, languageOf(locale)),
      sentLabel: at(approval.createdAt),
      expiresLabel: approval.expiresAt ? at(approval.expiresAt) : null,
    })),
    link: newestLink?.email ? { email: newestLink.email, sentLabel: at(newestLink.createdAt), expiresLabel: newestLink.expiresAt ? at(newestLink.expiresAt) : null, expired: isExpired(newestLink.expiresAt) } : null,
    decline: newestDecline ? { name: newestDecline.decidedName ?? contract.client.displayName, reason: newestDecline.declineReason, atLabel: at(newestDecline.decidedAt ?? newestDecline.createdAt) } : null,
    versions: versionHistory(proposalVersions, productFields, locale),
    advice,
    timeline: events.map((event) => timelineEntry(event, locale)),
    pendingWrite: writes[0] && contract.status !== 0 ? { label: translate(languageOf(locale), PENDING_WRITES.has(writes[0].operation) ? `status.pendingWrites.${writes[0].operation}` : "status.pendingWrites.other"), error: readStoredText(writes[0].error, languageOf(locale)) } : null,
    duplicatedFrom: source ? { id: source.id, label: labelOf(source, locale) } : null,
    successor: successor ? { id: successor.id, label: labelOf(successor, locale) } : null,
    actions: {
      refresh: Boolean(contract.remoteId),
      send: contract.status === 0,
      completeData: contract.status === 110,
      sendApproval: open130 && hasDocument && Boolean(contract.client.email) && !approved && advice.ready,
      recordOffline: open130 && hasDocument && !approved && advice.ready,
      order: open130 && approved && canAdvisorMove(130, 230),
      revise: open130 && canAdvisorMove(130, 120),
      withdraw: !closed && Boolean(contract.remoteId) && statusAllowsWithdraw(contract.status),
      // A proposal to replace (130, 420), or one that ended without a contract (410, 430).
      duplicate: !successor && (contract.status === 130 || contract.status === 420 ? !closed : view.phase === "ended"),
    },
  };
}

function timelineEntry(
  event: { id: string; kind: string; fromStatus: number | null; toStatus: number; source: string; actorLabel: string | null; note: string | null; at: Date },
  locale: Locale,
): TimelineEntry {
  const isStatus = event.kind === "status";
  const title = isStatus
    ? event.fromStatus === null || event.fromStatus === event.toStatus
      ? statusView(event.toStatus, languageOf(locale)).label
      : translate(languageOf(locale), "status.events.statusChange", { from: statusView(event.fromStatus, languageOf(locale)).label, to: statusView(event.toStatus, languageOf(locale)).label })
    : EVENT_KINDS.has(event.kind)
      ? translate(languageOf(locale), `status.events.${event.kind}`)
      : event.kind;
  return {
    id: event.id,
    kind: event.kind,
    title,
    status: isStatus ? event.toStatus : null,
    source: event.source,
    sourceLabel: (SOURCE_KEYS as readonly string[]).includes(event.source) ? translate(languageOf(locale), `status.sources.${event.source}`) : event.source,
    // Rows written before labels were messages say "Provider".
    actor: readStoredText(event.actorLabel === "Provider" ? storedText("status.actors.provider") : event.actorLabel, languageOf(locale)),
    note: readStoredText(event.note, languageOf(locale)),
    at: event.at.toISOString(),
    atLabel: formatDateTime(event.at, locale),
  };
}

/** How an offline approval was given, in the reader's language, from what was stored with it. */
function offlineMethodLabel(evidence: unknown, locale: Locale): string {
  const stored = evidence as { method?: string; methodLabel?: string; recordedBy?: { name?: string }; evidenceDocument?: { name?: string } } | null;
  const methodKey = `contracts.approvals.methods.${stored?.method ?? ""}`;
  const method = stored?.method ? translate(languageOf(locale), msg(methodKey)) : null;
  if (method && method !== methodKey && stored?.recordedBy?.name && stored.evidenceDocument?.name) {
    return translate(languageOf(locale), "contracts.approvals.offlineMethod", { method, name: stored.recordedBy.name, evidence: stored.evidenceDocument.name });
  }
  return stored?.methodLabel ?? translate(languageOf(locale), "contracts.approvals.outsidePortal");
}
