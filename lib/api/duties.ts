/**
 * /api/v1 for issue 14: a client's consents and a contract's advice record, through the same use
 * cases as the browser (lib/consents, lib/advice), scoped the same way.
 */
import { db } from "../db";
import { notFound } from "../errors";
import { contractScope } from "../auth/scope";
import { listConsents, recordConsent, withdrawConsent, type ConsentRow } from "../consents/consents";
import { completeAdvice, saveAdviceDraft, waiveAdvice } from "../advice/advice-records";
import { adviceRowsOf } from "../advice/advice-view";
import { readyFrom } from "../advice/current-advice";
import { getAdvicePdfForViewer } from "../advice/advice-view";
import { parseBody } from "./handler";
import { adviceDraftRequestSchema, adviceWaiverRequestSchema, consentCreateSchema } from "./schemas";
import type { Caller } from "./clients";
import { z } from "zod";

const toApiConsent = (row: ConsentRow) => ({
  id: row.id,
  clientId: row.clientId,
  purpose: row.purpose,
  source: row.source,
  text: row.text,
  locale: row.locale === "de" ? ("de" as const) : ("en" as const),
  givenAt: row.givenAt.toISOString(),
  withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
  withdrawalSource: row.withdrawalSource,
});

const actorOf = (caller: Caller) => ({ ...caller.actor });

export async function listConsentsForApi(caller: Caller, clientId: string) {
  return { data: (await listConsents(caller.actor, clientId)).map(toApiConsent) };
}

export async function recordConsentForApi(caller: Caller, clientId: string, body: unknown) {
  const input = parseBody(consentCreateSchema, body);
  const { consent, created } = await recordConsent(actorOf(caller), clientId, input, "API");
  return { created, consent: toApiConsent(consent) };
}

export async function withdrawConsentForApi(caller: Caller, clientId: string, consentId: string) {
  return toApiConsent(await withdrawConsent(actorOf(caller), clientId, consentId, "API"));
}

async function visibleContract(caller: Caller, contractId: string) {
  const contract = await db().contract.findFirst({ where: { id: contractId, ...contractScope(caller.actor) }, select: { id: true } });
  if (!contract) throw notFound("contracts.errors.contractNotFound");
  return contract;
}

const products = (value: unknown) => z.array(z.string()).catch([]).parse(value);

export async function listAdviceForApi(caller: Caller, contractId: string) {
  await visibleContract(caller, contractId);
  const rows = await adviceRowsOf(contractId);
  return {
    ready: Boolean(readyFrom(rows[0] ? { id: rows[0].id, version: rows[0].version, completedAt: rows[0].completedAt, waived: rows[0].waived, sha256: rows[0].sha256, locale: rows[0].locale } : null)),
    data: rows.map((row) => ({
      id: row.id,
      contractId,
      version: row.version,
      state: row.waived ? ("waived" as const) : row.completedAt ? ("completed" as const) : ("draft" as const),
      channel: row.channel,
      needs: row.needs,
      advice: row.advice,
      reasons: row.reasons,
      productsConsidered: products(row.productsConsidered),
      waiverReason: row.waiverReason,
      locale: row.locale === "de" ? ("de" as const) : ("en" as const),
      completedAt: row.completedAt?.toISOString() ?? null,
      sha256: row.sha256,
      pdfUrl: row.sha256 ? `/api/v1/contracts/${contractId}/advice/${row.id}/pdf` : null,
      createdAt: row.createdAt.toISOString(),
    })),
  };
}

/** Saves a version (draft, complete or waiver) and answers it as listed. */
export async function saveAdviceForApi(caller: Caller, contractId: string, mode: "draft" | "complete" | "waive", body: unknown) {
  const input = mode === "waive" ? parseBody(adviceWaiverRequestSchema, body) : parseBody(adviceDraftRequestSchema, body);
  const saved = mode === "draft" ? await saveAdviceDraft(caller.actor, contractId, input) : mode === "complete" ? await completeAdvice(caller.actor, contractId, input) : await waiveAdvice(caller.actor, contractId, input);
  const listed = await listAdviceForApi(caller, contractId);
  return { ...listed.data.find((row) => row.id === saved.id)!, voidedApprovals: saved.voided };
}

export async function advicePdfForApi(caller: Caller, contractId: string, recordId: string) {
  return getAdvicePdfForViewer(caller.actor, contractId, recordId);
}
