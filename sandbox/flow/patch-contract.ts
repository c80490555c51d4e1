/** PATCH /v1/contract: new data (120), order (230 → 240 under review), withdraw (430), or a new callback URL. */
import { CONTRACT_STATUS as S, type PatchContractRequest } from "../../lib/finum";
import type { Tx } from "../db/pool";
import type { SandboxContext } from "../context";
import { findProduct } from "../catalogue/products";
import { productForDialect } from "../dialects/products";
import { DIALECTS, type Dialect } from "../dialects/table";
import { invalidFields, missingFields, missingNote } from "../catalogue/validate-data";
import { conflict, notFound, unprocessable } from "../http/errors";
import { CONFLICT_CODES, describeStatus } from "../../lib/finum";
import { lockContract, scheduleStep } from "../store/contracts";
import { canConsumerMove } from "./transitions";
import { saveContract, type StatusEvent } from "./save-contract";

export async function patchContract(
  tx: Tx,
  ctx: SandboxContext,
  consumerId: string,
  request: PatchContractRequest,
  dialect: Dialect = DIALECTS.standard,
): Promise<Record<string, unknown>> {
  const { id, status: requested, data, callback, ...rest } = request;
  const row = await lockContract(tx, id, consumerId);
  if (!row) throw notFound(`No contract ${id}`);
  const found = findProduct(row.productId);
  if (!found) throw new Error(`Contract ${id} has unknown product ${row.productId}`);
  const product = productForDialect(found, dialect);

  if (data !== undefined && requested !== S.CREATE_PROPOSAL) {
    throw unprocessable("Data changes are sent with status 120", [{ field: "status", message: "must be 120 when data is sent" }]);
  }
  if (requested !== undefined && !canConsumerMove(row.status, requested)) {
    const from = describeStatus(row.status);
    const to = describeStatus(requested);
    throw conflict(CONFLICT_CODES.invalidTransition, `A contract in ${row.status} (${from.label}) cannot be moved to ${requested} (${to.label})`);
  }
  if (data !== undefined) {
    const problems = invalidFields(product, data);
    if (problems.length > 0) throw unprocessable("The contract data is invalid", problems);
  }

  const previous = row.status;
  const extensions = Object.fromEntries(Object.entries(rest).filter(([key]) => key.startsWith("_")));
  row.record = { ...row.record, ...extensions };
  if (callback !== undefined) row.record.callback = callback;
  const events: StatusEvent[] = [];

  if (requested === S.CREATE_PROPOSAL) {
    const merged = { ...(row.record.data as Record<string, unknown>), ...(data ?? {}) };
    row.record.data = merged;
    const missing = missingFields(product, merged);
    row.flowSeq += 1;
    events.push({ from: previous, to: S.CREATE_PROPOSAL, actor: "consumer" });
    if (missing.length > 0 && dialect.missingDataAtOnce) {
      row.status = S.WAIT_FOR_CLIENT_DATA;
      row.record.statusNote = missingNote(product, missing);
      events.push({ from: S.CREATE_PROPOSAL, to: row.status, actor: "provider", note: String(row.record.statusNote) });
    } else {
      row.status = S.CREATE_PROPOSAL;
      row.record.statusNote = "Proposal in progress";
      ctx.wake(await scheduleStep(tx, row.id, "propose", row.flowSeq, ctx.config.proposalDelayMs));
    }
  } else if (requested === S.PROPOSAL_SENT) {
    // The order is taken under review at once; the contract goes active after the review delay.
    row.flowSeq += 1;
    row.status = S.UNDER_REVIEW;
    row.record.statusNote = "Order received, under review";
    events.push({ from: previous, to: S.PROPOSAL_SENT, actor: "consumer" }, { from: S.PROPOSAL_SENT, to: S.UNDER_REVIEW, actor: "provider" });
    ctx.wake(await scheduleStep(tx, row.id, "activate", row.flowSeq, ctx.config.reviewDelayMs));
  } else if (requested === S.WITHDRAWN) {
    row.flowSeq += 1;
    row.status = S.WITHDRAWN;
    row.record.statusNote = "Withdrawn by the client";
    events.push({ from: previous, to: S.WITHDRAWN, actor: "consumer" });
  }
  return saveContract(tx, ctx, previous, row, events);
}
