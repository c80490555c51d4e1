/**
 * The 110 loop (and data changes on 130): the advisor completes or changes the product data,
 * and the portal sends PATCH /contract with status 120, asking for a (new) proposal.
 */
import { z } from "zod";
import { AppError } from "../errors";
import { storedText } from "../i18n/stored-message";
import { productFieldSchema } from "../finum/records";
import type { ContractRead } from "../finum/read";
import type { Prisma } from "../generated/prisma/client";
import { productDataSchema, productFieldErrorsOf } from "../products/product-data";
import { providerClientFor } from "../providers/provider-client";
import { performProviderWrite } from "../writes/perform-provider-write";
import { toAppError } from "../providers/map-provider-error";
import { applyProviderAnswer } from "./apply-provider-answer";
import { transitionContract } from "./transition-contract";
import { loadContractFor, type Actor } from "./load-contract";
import { canAdvisorMove } from "./status";

export async function resubmitContractData(actor: Actor, contractId: string, input: unknown): Promise<{ status: number }> {
  const contract = await loadContractFor(actor, contractId);
  if (!contract.remoteId || !canAdvisorMove(contract.status, 120)) {
    throw new AppError("CONFLICT", "contracts.errors.notWaitingForData");
  }
  if (!contract.product) throw new AppError("VALIDATION", "contracts.errors.noProduct");
  const fields = z.array(productFieldSchema).parse(contract.product.fields);
  const parsed = productDataSchema(fields).safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "proposals.errors.detailsNeedAttention", { fieldErrors: productFieldErrorsOf(parsed.error, fields) });

  const from = contract.status;
  try {
    const finum = await providerClientFor(contract.providerId, contract.organizationId);
    const record = await performProviderWrite({
      providerId: contract.providerId,
      contractId: contract.id,
      operation: "contract.resubmit",
      body: { id: contract.remoteId, status: 120, data: parsed.data },
      send: (body, idempotencyKey) => finum.patchContract(body, { idempotencyKey }),
      onSuccess: async (tx, updated: ContractRead) => {
        await transitionContract(tx, {
          contract,
          from,
          to: 120,
          source: "ADVISOR",
          actorId: actor.id,
          actorLabel: actor.name,
          note: storedText(from === 110 ? "status.notes.dataCompleted" : "status.notes.dataChanged"),
          set: { data: parsed.data as Prisma.InputJsonValue },
        });
        await applyProviderAnswer(tx, contract, updated);
        return updated;
      },
    });
    return { status: record.status };
  } catch (error) {
    throw toAppError(error);
  }
}
