/**
 * POST /v1/contract: a proposal request (status 120). Missing data → 110 at once (or, in a dialect
 * that finds it later, 120 now and 110 after the proposal delay); else a proposal after a delay.
 */
import { CONTRACT_STATUS as S, type CreateContractRequest } from "../../lib/finum";
import type { Tx } from "../db/pool";
import type { SandboxContext } from "../context";
import { findProduct } from "../catalogue/products";
import { productForDialect } from "../dialects/products";
import { DIALECTS, type Dialect } from "../dialects/table";
import { invalidFields, missingFields, missingNote } from "../catalogue/validate-data";
import { unprocessable } from "../http/errors";
import { newId } from "../ids";
import { getClient } from "../store/clients";
import { insertContract, recordEvent, scheduleStep } from "../store/contracts";

export async function createContract(
  tx: Tx,
  ctx: SandboxContext,
  consumerId: string,
  request: CreateContractRequest,
  dialect: Dialect = DIALECTS.standard,
): Promise<Record<string, unknown>> {
  const { holderId, productId, status: _status, data, callback, ...rest } = request;
  const found = findProduct(productId);
  const product = found && productForDialect(found, dialect);
  const holder = await getClient(tx, consumerId, holderId);
  const problems = [
    ...(product ? [] : [{ field: "productId", message: "no such product" }]),
    ...(holder ? [] : [{ field: "holderId", message: "no such client" }]),
  ];
  if (product && holder && product.personOnly && holder.type !== "person") problems.push({ field: "holderId", message: `${product.name} needs a person as holder` });
  if (product) problems.push(...invalidFields(product, data));
  if (problems.length > 0 || !product) throw unprocessable("The contract cannot be created", problems);

  const extensions = Object.fromEntries(Object.entries(rest).filter(([key]) => key.startsWith("_")));
  const missing = missingFields(product, data);
  const status = missing.length > 0 && dialect.missingDataAtOnce ? S.WAIT_FOR_CLIENT_DATA : S.CREATE_PROPOSAL;
  const id = newId("ct", dialect.ids.contract);
  const record = await insertContract(tx, {
    id,
    consumerId,
    holderId,
    productId,
    status,
    flowSeq: 1,
    record: {
      holderId,
      productId,
      statusNote: status === S.WAIT_FOR_CLIENT_DATA ? missingNote(product, missing) : "Proposal in progress",
      data,
      callback: callback ?? null,
      contractNumber: null,
      premium: null,
      ...extensions,
    },
  });
  await recordEvent(tx, id, null, S.CREATE_PROPOSAL, "consumer");
  if (status === S.WAIT_FOR_CLIENT_DATA) await recordEvent(tx, id, S.CREATE_PROPOSAL, status, "provider", String(record.statusNote));
  else ctx.wake(await scheduleStep(tx, id, "propose", 1, ctx.config.proposalDelayMs));
  return record;
}
