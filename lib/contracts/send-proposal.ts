/**
 * Sends a draft proposal to its provider: the provider client first (reused if we have its
 * id), then POST /contract with status 120 and this contract's callback URL. The write's
 * Idempotency-Key is stored before the call, so sending again never makes a second contract.
 * Nothing leaves for the provider without the client's consent to share their data with it
 * (PROVIDER_SHARING): the rule lives here, so the browser and the API obey it alike.
 */
import { env } from "../env";
import { AppError, logUnexpected, type FieldMessages } from "../errors";
import type { Msg } from "../i18n/message";
import type { ContractRead } from "../finum/read";
import { storedText } from "../i18n/stored-message";
import { providerClientFor } from "../providers/provider-client";
import { ensureProviderClient } from "../clients/ensure-provider-client";
import { performProviderWrite } from "../writes/perform-provider-write";
import { toAppError } from "../providers/map-provider-error";
import { fetchPendingFiles } from "../documents/fetch-provider-files";
import { applyProviderAnswer } from "./apply-provider-answer";
import { transitionContract } from "./transition-contract";
import { loadContractFor, type Actor } from "./load-contract";
import { DRAFT } from "./status";
import { requireSharingConsent } from "../consents/consents";

export type SendResult = { sent: true; status: number } | { sent: false; error: Msg; code: string; fieldErrors?: FieldMessages };

export function callbackUrlFor(callbackToken: string): string {
  return `${env().APP_URL.replace(/\/$/, "")}/api/callback?token=${encodeURIComponent(callbackToken)}`;
}

/** Sends the draft; a provider that is down or says no leaves the draft in place and says why. */
export async function sendProposal(actor: Actor, contractId: string): Promise<SendResult> {
  try {
    return await sendOrThrow(actor, contractId);
  } catch (caught) {
    const error = toAppError(caught, { draftKept: true });
    if (error instanceof AppError) return { sent: false, error: error.msg, code: error.code, ...(error.fieldMessages ? { fieldErrors: error.fieldMessages } : {}) };
    throw error;
  }
}

async function sendOrThrow(actor: Actor, contractId: string): Promise<SendResult> {
  const contract = await loadContractFor(actor, contractId);
  if (contract.status !== DRAFT) throw new AppError("CONFLICT", "contracts.errors.alreadySent");
  if (!contract.product) throw new AppError("VALIDATION", "contracts.errors.draftWithoutProduct");
  await requireSharingConsent(contract.clientId);
  const finum = await providerClientFor(contract.providerId, contract.organizationId);
  const holderId = await ensureProviderClient(contract.client, contract.providerId, finum);

  const record = await performProviderWrite({
    providerId: contract.providerId,
    contractId: contract.id,
    operation: "contract.create",
    body: { holderId, productId: contract.product.remoteId, status: 120 as const, data: contract.data as Record<string, string | number | boolean | null>, callback: callbackUrlFor(contract.callbackToken) },
    send: (body, idempotencyKey) => finum.createContract(body, { idempotencyKey }),
    onSuccess: async (tx, created: ContractRead) => {
      // Our request (0 → 120) first, then what the provider made of it (120, or 110 at once).
      await transitionContract(tx, { contract, from: DRAFT, to: 120, source: "ADVISOR", actorId: actor.id, actorLabel: actor.name, note: storedText("status.notes.requested"), set: { remoteId: created.id } });
      await applyProviderAnswer(tx, contract, created);
      return created;
    },
  });
  // A document that fails to arrive now is fetched by the document queue or the next read.
  await fetchPendingFiles({ contractIds: [contract.id] }).catch((error: unknown) => logUnexpected(error, { where: "send-proposal documents", contractId: contract.id }));
  return { sent: true, status: record.status };
}
