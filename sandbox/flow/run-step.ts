/**
 * The provider's delayed work on a contract: write a proposal (130), decline it (420) or find
 * data missing (110, in dialects that check later), and activate an order (320, through the
 * dialect's extra status when it has one, and on to its after-320 status). Steps are rows with a
 * due time, so they survive a restart; a step whose flow_seq is older than the contract's is
 * stale (the consumer changed something since).
 */
import { CONTRACT_STATUS as S } from "../../lib/finum";
import { inTransaction, type Tx } from "../db/pool";
import type { SandboxContext } from "../context";
import { findProduct } from "../catalogue/products";
import { underwrite } from "../catalogue/underwriting";
import { missingFields, missingNote } from "../catalogue/validate-data";
import { effectiveFaults } from "../consumers/faults";
import { getConsumer } from "../consumers/registry";
import { productForDialect } from "../dialects/products";
import { dialectOf } from "../dialects/table";
import { renderPolicyPdf, renderProposalPdf } from "../pdf/contract-documents";
import { clientDisplayName, getClient } from "../store/clients";
import { lockContract, scheduleStep, type StepKind } from "../store/contracts";
import { insertFile } from "../store/files";
import { saveContract } from "./save-contract";

interface Step {
  id: number;
  contractId: string;
  kind: StepKind;
  flowSeq: number;
}

/** Runs due steps in batches; returns how many it ran. */
export async function runDueSteps(ctx: SandboxContext): Promise<number> {
  return inTransaction(ctx.db, async (tx) => {
    const { rows } = await tx.query(
      `select id, contract_id, kind, flow_seq from scheduled_steps where done_at is null and due_at <= clock_timestamp()
       order by due_at, id limit 20 for update skip locked`,
    );
    for (const raw of rows) {
      const step: Step = { id: Number(raw.id), contractId: raw.contract_id, kind: raw.kind, flowSeq: raw.flow_seq };
      // A savepoint per step: one broken contract must not block the others forever.
      await tx.query("savepoint step");
      let outcome: string;
      try {
        outcome = await runStep(tx, ctx, step);
        await tx.query("release savepoint step");
      } catch (error) {
        await tx.query("rollback to savepoint step");
        outcome = `error: ${(error as Error).message}`;
        ctx.log(`step ${step.kind} of ${step.contractId} failed: ${(error as Error).message}`);
      }
      await tx.query("update scheduled_steps set done_at = clock_timestamp(), outcome = $2 where id = $1", [step.id, outcome]);
    }
    return rows.length;
  });
}

async function runStep(tx: Tx, ctx: SandboxContext, step: Step): Promise<string> {
  const row = await lockContract(tx, step.contractId);
  if (!row) return "contract gone";
  if (row.flowSeq !== step.flowSeq) return "stale";
  const consumer = await getConsumer(tx, row.consumerId);
  const dialect = dialectOf(consumer?.dialect, ctx.config.defaultDialect);
  const faults = effectiveFaults(ctx.config.defaultFaults, consumer?.faults ?? {});
  const found = findProduct(row.productId);
  const product = found && productForDialect(found, dialect);
  const holder = await getClient(tx, row.consumerId, row.holderId);
  if (!product || !holder) return "product or holder gone";
  const data = row.record.data as Record<string, unknown>;
  const previous = row.status;

  if (step.kind === "propose") {
    if (row.status !== S.CREATE_PROPOSAL) return `skipped in ${row.status}`;
    const missing = missingFields(product, data);
    if (missing.length > 0) {
      // A dialect that takes every request first and finds the gaps later.
      row.flowSeq += 1;
      row.status = S.WAIT_FOR_CLIENT_DATA;
      row.record.statusNote = missingNote(product, missing);
      await saveContract(tx, ctx, previous, row, [{ from: previous, to: row.status, actor: "provider", note: String(row.record.statusNote) }]);
      return "missing data";
    }
    const decision = underwrite(product, { type: holder.type === "company" ? "company" : "person", birthDate: holder.birthDate as string | undefined, name: clientDisplayName(holder) }, data);
    row.flowSeq += 1;
    if (decision.kind === "decline") {
      row.status = S.DECLINED;
      row.record.statusNote = decision.note;
      await saveContract(tx, ctx, previous, row, [{ from: previous, to: row.status, actor: "provider", note: decision.note }]);
      return "declined";
    }
    const version = (typeof data.proposalVersion === "number" ? data.proposalVersion : 0) + 1;
    const bytes = await renderProposalPdf({
      contractId: row.id,
      product,
      holderName: clientDisplayName(holder),
      premium: decision.premium,
      data,
      proposalVersion: version,
      minBytes: faults.proposalPdfMinBytes,
    });
    const fileId = await insertFile(tx, {
      consumerId: row.consumerId,
      contractId: row.id,
      kind: "proposal",
      name: `proposal-${row.id}-v${version}.pdf`,
      contentType: "application/pdf",
      bytes,
      idStyle: dialect.ids.file,
    });
    row.status = S.PROPOSAL_AVAILABLE;
    row.record = {
      ...row.record,
      statusNote: `Proposal version ${version} available`,
      premium: decision.premium,
      data: { ...data, proposalFileId: fileId, proposalVersion: version },
      _riskClass: decision.riskClass,
    };
    await saveContract(tx, ctx, previous, row, [{ from: previous, to: row.status, actor: "provider" }]);
    return `proposal v${version}`;
  }

  if (step.kind === "after-active") {
    const after = dialect.statusAfterActive;
    if (!after || row.status !== S.ACTIVE) return `skipped in ${row.status}`;
    row.flowSeq += 1;
    row.status = after.status;
    row.record.statusNote = after.note;
    await saveContract(tx, ctx, previous, row, [{ from: previous, to: row.status, actor: "provider", note: after.note }]);
    return `moved to ${after.status}`;
  }

  const before = dialect.statusBeforeActive;
  if (before && row.status === S.UNDER_REVIEW) {
    // This provider passes through a status of its own between the review and 320.
    row.flowSeq += 1;
    row.status = before.status;
    row.record.statusNote = before.note;
    await saveContract(tx, ctx, previous, row, [{ from: previous, to: row.status, actor: "provider", note: before.note }]);
    ctx.wake(await scheduleStep(tx, row.id, "activate", row.flowSeq, ctx.config.reviewDelayMs));
    return `moved to ${before.status}`;
  }
  if (row.status !== (before ? before.status : S.UNDER_REVIEW)) return `skipped in ${row.status}`;
  const contractNumber = `SBX-${new Date().getUTCFullYear()}-${row.id.slice(-8).toUpperCase()}`;
  const premium = (row.record.premium as { amount: number; currency: string; interval: string } | null) ?? { amount: 0, currency: "EUR", interval: "monthly" };
  const bytes = await renderPolicyPdf({
    contractId: row.id,
    contractNumber,
    product,
    holderName: clientDisplayName(holder),
    premium,
    data,
    proposalVersion: Number(data.proposalVersion ?? 1),
  });
  const fileId = await insertFile(tx, {
    consumerId: row.consumerId,
    contractId: row.id,
    kind: "policy",
    name: `policy-${contractNumber}.pdf`,
    contentType: "application/pdf",
    bytes,
    idStyle: dialect.ids.file,
  });
  row.flowSeq += 1;
  row.status = S.ACTIVE;
  row.record = { ...row.record, statusNote: "Contract active, policy document attached", contractNumber, data: { ...data, policyFileId: fileId } };
  await saveContract(tx, ctx, previous, row, [{ from: previous, to: row.status, actor: "provider" }]);
  const after = dialect.statusAfterActive;
  if (after) ctx.wake(await scheduleStep(tx, row.id, "after-active", row.flowSeq, ctx.config.reviewDelayMs * after.delayFactor));
  return "activated";
}
