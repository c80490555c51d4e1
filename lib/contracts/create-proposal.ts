/**
 * The last step of the "New proposal" flow: validates the product data against the product's
 * fields, saves the proposal as a local draft (nothing is lost if the provider is down), then
 * sends it. A draft that could not be sent stays and can be sent again.
 */
import crypto from "node:crypto";
import { z } from "zod";
import { db, Prisma } from "../db";
import { AppError, notFound } from "../errors";
import { clientScope } from "../auth/scope";
import { recordAudit } from "../audit";
import { fieldErrorsOf } from "../clients/schema";
import { productFieldSchema } from "../finum/records";
import { productDataSchema, productDraftSchema, productFieldErrorsOf } from "../products/product-data";
import { msg } from "../i18n/message";
import { storedText } from "../i18n/stored-message";
import { recordHappening, recordStatusChange } from "./record-change";
import { DRAFT } from "./status";
import { sendProposal, type SendResult } from "./send-proposal";
import { loadContractFor, type Actor } from "./load-contract";
import { refreshTurns } from "./transition-contract";
import { giveConsent } from "../consents/consents";
import { appLocaleOr } from "../i18n/locales";

export const createProposalSchema = z.object({
  clientId: z.string().min(1, "proposals.errors.chooseClient"),
  productId: z.string().min(1, "proposals.errors.chooseProduct"),
  data: z.record(z.string(), z.unknown()).default({}),
  /** Send even when required product data is missing: the provider will ask for it (110). */
  allowMissing: z.boolean().default(false),
  /** Made once per "New proposal" form: a double click or a retried request finds the same draft. */
  requestKey: z.uuid("proposals.errors.reload"),
  /** A draft made from another contract, to try another product or provider after a decline. */
  duplicatedFromId: z.string().min(1).max(100).optional(),
  /**
   * The client's consent to share their data with the provider, given to the advisor now (the
   * wizard's checkbox with its text): recorded with the draft, in the language it was shown in.
   */
  providerSharingConsent: z.object({ given: z.literal(true), locale: z.enum(["de", "en"]) }).optional(),
});

export async function createProposal(actor: Actor, input: unknown, options: { consentSource?: "ADVISOR" | "API" } = {}): Promise<{ contractId: string } & SendResult> {
  const parsed = createProposalSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "proposals.errors.choicesMissing", { fieldErrors: fieldErrorsOf(parsed.error) });
  const { clientId, productId, allowMissing, requestKey, duplicatedFromId, providerSharingConsent } = parsed.data;

  const existing = await sameRequest(actor, requestKey);
  if (existing) return existing;

  const [client, product] = await Promise.all([
    db().client.findFirst({ where: { id: clientId, ...clientScope(actor) }, select: { id: true, ownerId: true, organization: { select: { name: true } } } }),
    db().product.findFirst({ where: { id: productId, active: true, provider: { organizationId: actor.organizationId } }, select: { id: true, providerId: true, fields: true, provider: { select: { enabled: true, name: true } } } }),
  ]);
  if (!client) throw notFound("clients.errors.notFound");
  if (!product) throw notFound("proposals.errors.productNotFound");
  if (!product.provider.enabled) throw new AppError("CONFLICT", msg("proposals.errors.providerDisabled", { provider: product.provider.name }));

  const fields = z.array(productFieldSchema).parse(product.fields);
  const dataResult = (allowMissing ? productDraftSchema(fields) : productDataSchema(fields)).safeParse(parsed.data.data);
  if (!dataResult.success) throw new AppError("VALIDATION", "proposals.errors.detailsNeedAttention", { fieldErrors: productFieldErrorsOf(dataResult.error, fields) });
  const source = duplicatedFromId ? await loadContractFor(actor, duplicatedFromId) : null;
  if (source && source.clientId !== client.id) throw new AppError("VALIDATION", "proposals.errors.duplicateSameClient", { fieldErrors: { clientId: ["proposals.errors.keepClient"] } });

  const contract = await db().$transaction(async (tx) => {
    // Two clicks racing past the check above: the unique submitKey lets only one draft in.
    if (await tx.contract.findUnique({ where: { submitKey: requestKey }, select: { id: true } })) return null;
    const created = await tx.contract.create({
      data: {
        organizationId: actor.organizationId,
        providerId: product.providerId,
        clientId: client.id,
        productId: product.id,
        advisorId: client.ownerId,
        // A new row is a draft (status 0, the column default); transition-contract.ts moves it on.
        submitKey: requestKey,
        data: dataResult.data as Prisma.InputJsonValue,
        callbackToken: crypto.randomBytes(32).toString("base64url"),
        duplicatedFromId: source?.id ?? null,
      },
      select: { id: true, organizationId: true, advisorId: true },
    });
    await recordStatusChange(tx, { contract: created, from: null, to: DRAFT, source: "ADVISOR", actorId: actor.id, actorLabel: actor.name, note: storedText(source ? "status.notes.draftedFromEarlier" : "status.notes.drafted") });
    if (source) {
      // The original has a successor now: nothing is left to do on it.
      await recordHappening(tx, { contract: source, kind: "proposal.duplicated", status: source.status, source: "ADVISOR", actorId: actor.id, actorLabel: actor.name, note: storedText("status.notes.triedAgain", { provider: product.provider.name }) });
      await refreshTurns(tx, [source.id]);
    }
    await recordAudit({ organizationId: actor.organizationId, actorId: actor.id, action: "contract.create-draft", entityType: "Contract", entityId: created.id }, tx);
    if (providerSharingConsent) {
      await giveConsent(tx, {
        organizationId: actor.organizationId,
        clientId: client.id,
        purpose: "PROVIDER_SHARING",
        source: options.consentSource ?? "ADVISOR",
        locale: appLocaleOr(providerSharingConsent.locale),
        firmName: client.organization.name,
        recordedById: actor.id,
        evidence: { recordedBy: actor.name, contractId: created.id, via: options.consentSource === "API" ? "api-proposal" : "new-proposal" },
      });
    }
    return created;
  }).catch((error: unknown) => {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return null;
    throw error;
  });
  if (!contract) return (await sameRequest(actor, requestKey))!;

  const sent = await sendProposal(actor, contract.id);
  return { contractId: contract.id, ...sent };
}

/** The draft an earlier submission of this same form created: sent again if it is still a draft. */
async function sameRequest(actor: Actor, requestKey: string): Promise<({ contractId: string } & SendResult) | null> {
  const existing = await db().contract.findUnique({ where: { submitKey: requestKey }, select: { id: true, status: true, organizationId: true } });
  if (!existing || existing.organizationId !== actor.organizationId) return null;
  if (existing.status !== DRAFT) return { contractId: existing.id, sent: true, status: existing.status };
  return { contractId: existing.id, ...(await sendProposal(actor, existing.id)) };
}
