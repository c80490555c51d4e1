/**
 * A client's consents, one per purpose: who recorded it and how (the advisor with the client,
 * the customer on their approval link, an API client), when, the exact text shown and its
 * language, and how it was withdrawn. Never deleted: a withdrawal is kept on the row, and a new
 * consent after a withdrawal is a new row.
 */
import { z } from "zod";
import { db, type Tx } from "../db";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit";
import { fieldErrorsOf } from "../clients/schema";
import { clientScope } from "../auth/scope";
import type { SessionUser } from "../auth/session";
import { formatDateTime, type Locale } from "../format";
import { appLocaleOr, isAppLocale, type AppLocale } from "../i18n/locales";
import { translatorOf } from "../i18n/translate";
import type { ConsentPurpose, ConsentSource } from "../generated/prisma/enums";

export type { ConsentPurpose, ConsentSource };
export const CONSENT_PURPOSES = ["DATA_PROCESSING", "CONTACT_EMAIL", "CONTACT_PHONE", "PROVIDER_SHARING"] as const satisfies readonly ConsentPurpose[];

/** What the firm needs before it works for the client; the rest is the client's free choice. */
export const REQUIRED_PURPOSES: ReadonlySet<ConsentPurpose> = new Set(["DATA_PROCESSING", "PROVIDER_SHARING"]);

type Viewer = Pick<SessionUser, "id" | "organizationId" | "role">;
type Recorder = Viewer & { name: string };

/** The exact text a client is shown for a purpose, in one language. */
export function consentText(purpose: ConsentPurpose, locale: AppLocale, firmName: string): string {
  return translatorOf(locale, "consents.texts")(purpose, { firm: firmName });
}

export const recordConsentSchema = z.object({
  purpose: z.enum(CONSENT_PURPOSES, "consents.errors.choosePurpose"),
  /** The language the text was shown in; the client's (else the firm's) when absent. */
  locale: z.string().refine(isAppLocale, "consents.errors.locale").optional(),
  /** How the client gave it, in the advisor's words (in person, by phone). */
  note: z.string().trim().max(500, "consents.errors.noteTooLong").optional(),
});

const consentSelect = { id: true, clientId: true, purpose: true, source: true, text: true, locale: true, givenAt: true, recordedById: true, approvalRequestId: true, evidence: true, withdrawnAt: true, withdrawnById: true, withdrawalSource: true } as const;

export async function activeConsent(clientId: string, purpose: ConsentPurpose, tx?: Tx) {
  return (tx ?? db()).consent.findFirst({ where: { clientId, purpose, withdrawnAt: null }, orderBy: { givenAt: "desc" }, select: consentSelect });
}

interface NewConsent {
  organizationId: string;
  clientId: string;
  purpose: ConsentPurpose;
  source: ConsentSource;
  locale: AppLocale;
  firmName: string;
  recordedById?: string | null;
  approvalRequestId?: string | null;
  evidence?: Record<string, string | number | boolean | null>;
  now?: Date;
}

/** In the caller's transaction: one row with the exact text, unless the purpose is already given (then that one). */
export async function giveConsent(tx: Tx, input: NewConsent) {
  const existing = await activeConsent(input.clientId, input.purpose, tx);
  if (existing) return { consent: existing, created: false };
  const consent = await tx.consent.create({
    data: {
      organizationId: input.organizationId,
      clientId: input.clientId,
      purpose: input.purpose,
      source: input.source,
      text: consentText(input.purpose, input.locale, input.firmName),
      locale: input.locale,
      givenAt: input.now ?? new Date(),
      recordedById: input.recordedById ?? null,
      approvalRequestId: input.approvalRequestId ?? null,
      evidence: input.evidence ?? {},
    },
    select: consentSelect,
  });
  await recordAudit({ organizationId: input.organizationId, actorId: input.recordedById ?? null, action: "consent.give", entityType: "Client", entityId: input.clientId, data: { consentId: consent.id, purpose: input.purpose, source: input.source, locale: input.locale } }, tx);
  return { consent, created: true };
}

async function scopedClient(viewer: Viewer, clientId: string) {
  const client = await db().client.findFirst({ where: { id: clientId, ...clientScope(viewer) }, select: { id: true, organizationId: true, locale: true, organization: { select: { name: true, defaultLocale: true } } } });
  if (!client) throw notFound("clients.errors.notFound");
  return client;
}

/** The advisor (or an API client) records a consent the client gave them. */
export async function recordConsent(actor: Recorder, clientId: string, input: unknown, source: "ADVISOR" | "API" = "ADVISOR") {
  const parsed = recordConsentSchema.safeParse(input ?? {});
  if (!parsed.success) throw new AppError("VALIDATION", "consents.errors.fieldsNeedAttention", { fieldErrors: fieldErrorsOf(parsed.error) });
  const client = await scopedClient(actor, clientId);
  const locale = parsed.data.locale ? appLocaleOr(parsed.data.locale) : appLocaleOr(client.locale ?? client.organization.defaultLocale);
  const { consent, created } = await db().$transaction((tx) =>
    giveConsent(tx, {
      organizationId: client.organizationId,
      clientId: client.id,
      purpose: parsed.data.purpose,
      source,
      locale,
      firmName: client.organization.name,
      recordedById: actor.id,
      evidence: { recordedBy: actor.name, ...(parsed.data.note ? { note: parsed.data.note } : {}) },
    }),
  );
  return { consent, created };
}

/** A withdrawal: kept on the row (never deleted). Withdrawing twice changes nothing. */
export async function withdrawConsent(actor: Recorder, clientId: string, consentId: string, source: "ADVISOR" | "API" = "ADVISOR") {
  const client = await scopedClient(actor, clientId);
  const consent = await db().consent.findFirst({ where: { id: consentId, clientId: client.id }, select: { id: true, purpose: true, withdrawnAt: true } });
  if (!consent) throw notFound("consents.errors.notFound");
  if (consent.withdrawnAt) return db().consent.findUniqueOrThrow({ where: { id: consent.id }, select: consentSelect });
  return db().$transaction(async (tx) => {
    const now = new Date();
    await tx.consent.updateMany({ where: { id: consent.id, withdrawnAt: null }, data: { withdrawnAt: now, withdrawnById: actor.id, withdrawalSource: source } });
    await recordAudit({ organizationId: client.organizationId, actorId: actor.id, action: "consent.withdraw", entityType: "Client", entityId: client.id, data: { consentId: consent.id, purpose: consent.purpose, source } }, tx);
    return tx.consent.findUniqueOrThrow({ where: { id: consent.id }, select: consentSelect });
  });
}

export type ConsentRow = Awaited<ReturnType<typeof activeConsent>> & {};

/** Every consent of a client (newest first), scoped like the client. */
export async function listConsents(viewer: Viewer, clientId: string): Promise<ConsentRow[]> {
  const client = await scopedClient(viewer, clientId);
  return db().consent.findMany({ where: { clientId: client.id }, orderBy: [{ givenAt: "desc" }, { id: "desc" }], select: consentSelect });
}

export interface ConsentsView {
  clientId: string;
  /** The language texts are shown in when recorded from this screen. */
  textLocale: AppLocale;
  purposes: Array<{
    purpose: ConsentPurpose;
    required: boolean;
    /** The text the client is shown, in the screen's language. */
    text: string;
    active: { id: string; sourceLabel: string; givenLabel: string; locale: string; text: string } | null;
  }>;
  history: Array<{ id: string; purpose: ConsentPurpose; source: ConsentSource; givenLabel: string; withdrawnLabel: string | null; locale: string; text: string }>;
}

/** The client page's consents section. */
export async function consentsView(viewer: Viewer, clientId: string, locale: Locale): Promise<ConsentsView> {
  const client = await scopedClient(viewer, clientId);
  const rows = await listConsents(viewer, clientId);
  const shownIn = appLocaleOr(locale);
  const t = translatorOf(shownIn, "consents.sources");
  return {
    clientId: client.id,
    textLocale: shownIn,
    purposes: CONSENT_PURPOSES.map((purpose) => {
      const active = rows.find((row) => row.purpose === purpose && !row.withdrawnAt);
      return {
        purpose,
        required: REQUIRED_PURPOSES.has(purpose),
        text: consentText(purpose, shownIn, client.organization.name),
        active: active ? { id: active.id, sourceLabel: t(active.source), givenLabel: formatDateTime(active.givenAt, locale), locale: active.locale, text: active.text } : null,
      };
    }),
    history: rows.map((row) => ({
      id: row.id,
      purpose: row.purpose,
      source: row.source,
      givenLabel: formatDateTime(row.givenAt, locale),
      withdrawnLabel: row.withdrawnAt ? formatDateTime(row.withdrawnAt, locale) : null,
      locale: row.locale,
      text: row.text,
    })),
  };
}

/** The sharing consent the send use case needs, or a clear refusal. */
export async function requireSharingConsent(clientId: string): Promise<void> {
  if (!(await activeConsent(clientId, "PROVIDER_SHARING"))) throw new AppError("CONFLICT", "consents.errors.sharingNeeded", { fieldErrors: { providerSharing: ["consents.errors.sharingNeeded"] } });
}

/** For the "New proposal" wizard: which of these clients have the sharing consent, and its text in the screen's language. */
export async function sharingConsentForWizard(viewer: Viewer, clientIds: string[], locale: Locale) {
  const shownIn = appLocaleOr(locale);
  const [rows, organization] = await Promise.all([
    db().consent.findMany({ where: { clientId: { in: clientIds }, purpose: "PROVIDER_SHARING", withdrawnAt: null, organizationId: viewer.organizationId }, select: { clientId: true } }),
    db().organization.findUniqueOrThrow({ where: { id: viewer.organizationId }, select: { name: true } }),
  ]);
  return { given: [...new Set(rows.map((row) => row.clientId))], text: consentText("PROVIDER_SHARING", shownIn, organization.name), locale: shownIn };
}

export type WizardSharingConsent = Awaited<ReturnType<typeof sharingConsentForWizard>>;
