/**
 * Consents the customer gives on their approval page (source CUSTOMER_LINK): only while the link
 * is open, only purposes not given yet, with the exact text in the language the page showed it in,
 * and the request's ip and user agent as evidence. Optional except what the firm needs.
 */
import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import { linkState, loadLinkApproval } from "../approvals/customer-approval";
import type { RequestMeta } from "../approvals/decide-by-link";
import { fieldErrorsOf } from "../clients/schema";
import { appLocaleOr, type AppLocale } from "../i18n/locales";
import { CONSENT_PURPOSES, REQUIRED_PURPOSES, consentText, giveConsent, type ConsentPurpose } from "./consents";

export interface CustomerConsentOption {
  purpose: ConsentPurpose;
  required: boolean;
  text: string;
}

/** The purposes the customer has not given yet, with their texts in the page's language. */
export async function customerConsentOptions(token: unknown, locale: AppLocale, now = new Date()): Promise<CustomerConsentOption[]> {
  const approval = await loadLinkApproval(token);
  if (!approval || linkState(approval, now).state !== "open") return [];
  const client = await db().contract.findUniqueOrThrow({ where: { id: approval.contractId }, select: { clientId: true } });
  const given = await db().consent.findMany({ where: { clientId: client.clientId, withdrawnAt: null }, select: { purpose: true } });
  const have = new Set(given.map((row) => row.purpose));
  return CONSENT_PURPOSES.filter((purpose) => !have.has(purpose)).map((purpose) => ({ purpose, required: REQUIRED_PURPOSES.has(purpose), text: consentText(purpose, locale, approval.contract.organization.name) }));
}

const giveSchema = z.object({
  purposes: z.array(z.enum(CONSENT_PURPOSES)).min(1, "consents.customer.nothingChosen").max(CONSENT_PURPOSES.length),
  locale: z.enum(["de", "en"]),
});

export async function giveConsentsByLink(token: unknown, input: unknown, meta: RequestMeta, now = new Date()): Promise<{ given: ConsentPurpose[] }> {
  const parsed = giveSchema.safeParse(input ?? {});
  if (!parsed.success) throw new AppError("VALIDATION", "consents.customer.nothingChosen", { fieldErrors: fieldErrorsOf(parsed.error) });
  const approval = await loadLinkApproval(token);
  if (!approval) throw new AppError("NOT_FOUND", "customer.errors.invalidLink");
  if (linkState(approval, now).state !== "open") throw new AppError("CONFLICT", "customer.errors.invalidLink");
  const contract = await db().contract.findUniqueOrThrow({ where: { id: approval.contractId }, select: { clientId: true, organizationId: true } });
  const locale = appLocaleOr(parsed.data.locale);
  const given: ConsentPurpose[] = [];
  await db().$transaction(async (tx) => {
    for (const purpose of new Set(parsed.data.purposes)) {
      const { created } = await giveConsent(tx, {
        organizationId: contract.organizationId,
        clientId: contract.clientId,
        purpose,
        source: "CUSTOMER_LINK",
        locale,
        firmName: approval.contract.organization.name,
        approvalRequestId: approval.id,
        evidence: { ip: meta.ip, userAgent: meta.userAgent, approvalId: approval.id, email: approval.email },
        now,
      });
      if (created) given.push(purpose);
    }
  });
  return { given };
}
