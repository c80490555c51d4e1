/**
 * The advice record's use cases: save a draft, complete it, or record the customer's waiver.
 * Every save is a new version (the history is kept); a completed version (or a waiver) is frozen
 * with its PDF, in the client's language, and that PDF's SHA-256.
 *
 * A new version after an approval link went out voids that link (and an approval of the earlier
 * advice), in the same transaction: the customer never approves advice they did not see.
 */
import crypto from "node:crypto";
import { db, Prisma, type Tx } from "../db";
import { AppError } from "../errors";
import { recordAudit } from "../audit";
import { fieldErrorsOf } from "../clients/schema";
import { loadContractFor, type Actor } from "../contracts/load-contract";
import { publishContractChanges, recordHappening } from "../contracts/record-change";
import { refreshTurns } from "../contracts/transition-contract";
import { appLocaleOr } from "../i18n/locales";
import { storeMessage } from "../i18n/stored-message";
import { storedText } from "../i18n/stored-message";
import { translatorOf } from "../i18n/translate";
import { customerName } from "../approvals/approval-texts";
import { adviceCompleteSchema, adviceDraftSchema, adviceWaiverSchema } from "./advice-schema";
import { renderAdvicePdf } from "./advice-pdf";

/** The advice may change until the proposal is ordered: a draft, 110, 120 or 130. */
export const ADVICE_EDITABLE_STATUSES: ReadonlySet<number> = new Set([0, 110, 120, 130]);

export const ADVICE_VOID_REASON = "customer.void.newerAdvice";

export interface SavedAdvice {
  id: string;
  version: number;
  completed: boolean;
  waived: boolean;
  sha256: string | null;
  /** Approval links or approvals the new version voided. */
  voided: number;
}

type Mode = "draft" | "complete" | "waive";

function parse(mode: Mode, input: unknown) {
  const schema = mode === "draft" ? adviceDraftSchema : mode === "complete" ? adviceCompleteSchema : adviceWaiverSchema;
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) throw new AppError("VALIDATION", "advice.errors.fieldsNeedAttention", { fieldErrors: fieldErrorsOf(parsed.error) });
  const data = parsed.data as { needs: string; advice?: string; reasons?: string; channel: "IN_PERSON" | "PHONE" | "VIDEO"; productsConsidered?: string[]; waiverReason?: string };
  return {
    needs: data.needs,
    advice: data.advice ?? "",
    reasons: data.reasons ?? "",
    channel: data.channel,
    productsConsidered: data.productsConsidered ?? [],
    waiverReason: mode === "waive" ? (data.waiverReason ?? "") : null,
  };
}

/** Holds the contract's row: advice saves and approval links on one contract take turns. */
export async function lockContract(tx: Tx, contractId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "Contract" WHERE "id" = ${contractId} FOR UPDATE`;
}

export const saveAdviceDraft = (actor: Actor, contractId: string, input: unknown) => saveAdvice(actor, contractId, "draft", input);
export const completeAdvice = (actor: Actor, contractId: string, input: unknown) => saveAdvice(actor, contractId, "complete", input);
export const waiveAdvice = (actor: Actor, contractId: string, input: unknown) => saveAdvice(actor, contractId, "waive", input);

async function saveAdvice(actor: Actor, contractId: string, mode: Mode, input: unknown): Promise<SavedAdvice> {
  const fields = parse(mode, input);
  const contract = await loadContractFor(actor, contractId);
  if (!ADVICE_EDITABLE_STATUSES.has(contract.status)) throw new AppError("CONFLICT", "advice.errors.notEditable");
  const organization = await db().organization.findUniqueOrThrow({ where: { id: contract.organizationId }, select: { name: true, defaultLocale: true } });
  const advisor = await db().user.findUniqueOrThrow({ where: { id: contract.advisorId }, select: { name: true } });
  const locale = appLocaleOr(contract.client.locale ?? organization.defaultLocale);
  const completed = mode !== "draft";

  const saved = await db().$transaction(async (tx) => {
    await lockContract(tx, contract.id);
    const last = await tx.adviceRecord.findFirst({ where: { contractId: contract.id }, orderBy: { version: "desc" }, select: { version: true } });
    const version = (last?.version ?? 0) + 1;
    const now = new Date();
    let pdf: Uint8Array | null = null;
    let sha256: string | null = null;
    if (completed) {
      const fresh = await tx.contract.findUniqueOrThrow({ where: { id: contract.id }, select: { proposalVersion: true } });
      const rendered = await renderAdvicePdf({
        locale,
        firmName: organization.name,
        advisorName: advisor.name,
        clientName: customerName(contract.client),
        productName: contract.product?.name ?? translatorOf(locale, "advice.pdf")("defaultProduct"),
        providerName: contract.provider.name,
        proposalVersion: fresh.proposalVersion,
        version,
        completedAt: now,
        channel: fields.channel,
        needs: fields.needs,
        advice: fields.advice,
        reasons: fields.reasons,
        productsConsidered: fields.productsConsidered,
        waived: mode === "waive",
        waiverReason: fields.waiverReason,
      });
      pdf = rendered.bytes;
      sha256 = crypto.createHash("sha256").update(rendered.bytes).digest("hex");
    }
    const record = await tx.adviceRecord.create({
      data: {
        organizationId: contract.organizationId,
        contractId: contract.id,
        version,
        needs: fields.needs,
        advice: fields.advice,
        reasons: fields.reasons,
        channel: fields.channel,
        productsConsidered: fields.productsConsidered as Prisma.InputJsonValue,
        waived: mode === "waive",
        waiverReason: fields.waiverReason,
        completedAt: completed ? now : null,
        locale,
        pdf: pdf ? Buffer.from(pdf) : null,
        sha256,
        createdById: actor.id,
        createdAt: now,
      },
      select: { id: true, version: true },
    });
    // Links and approvals of this proposal bound to earlier advice: the customer did not see this one.
    const voided = await tx.approvalRequest.updateMany({
      where: { contractId: contract.id, status: { in: ["PENDING", "APPROVED"] } },
      data: { status: "VOID", voidReason: storeMessage({ key: ADVICE_VOID_REASON, values: { version: String(version) } }) },
    });
    await recordAudit(
      {
        organizationId: contract.organizationId,
        actorId: actor.id,
        action: mode === "draft" ? "advice.save-draft" : mode === "complete" ? "advice.complete" : "advice.waive",
        entityType: "Contract",
        entityId: contract.id,
        data: { adviceRecordId: record.id, version, sha256, locale, voidedApprovals: voided.count },
      },
      tx,
    );
    if (voided.count > 0) {
      await recordHappening(tx, { contract, kind: "approval.voided", status: contract.status, source: "ADVISOR", actorId: actor.id, actorLabel: actor.name, note: storedText("advice.notes.voidedByAdvice", { version }) });
      await refreshTurns(tx, [contract.id]);
    } else {
      await publishContractChanges(tx, [{ id: contract.id, organizationId: contract.organizationId, advisorId: contract.advisorId, status: contract.status }]);
    }
    return { id: record.id, version: record.version, completed, waived: mode === "waive", sha256, voided: voided.count };
  });
  return saved;
}
