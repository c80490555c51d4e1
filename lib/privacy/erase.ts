/**
 * Erasure on a data-subject request (GDPR art. 17): the person is anonymised at once (names,
 * contact data, birth date, free text, the provider's copy of their record), the client row stays
 * as "Anonymised client" so contracts and reports still add up, and what the law requires is kept
 * until its retention date (lib/privacy/retention-plan.ts); the retention job removes it then.
 */
import { z } from "zod";
import { db, type Tx } from "../db";
import { AppError } from "../errors";
import { recordAudit } from "../audit";
import { translate } from "../i18n/translate";
import { appLocaleOr } from "../i18n/locales";
import { erasableClient, type Viewer } from "./access";
import { getRetentionSettings, type RetentionSettings } from "./settings";
import { contractRetention, addYears, expired, type KeptItem } from "./retention-plan";
import { planContracts } from "./client-contracts";

export interface ErasurePlan {
  clientId: string;
  name: string;
  settings: RetentionSettings;
  /** What is kept, with the date it can go. */
  kept: KeptItem[];
  alreadyErased: boolean;
}

export async function planFor(clientId: string, organizationId: string, tx?: Tx, now = new Date()): Promise<Omit<ErasurePlan, "name" | "alreadyErased">> {
  const settings = await getRetentionSettings(organizationId, tx);
  const contracts = await planContracts(clientId, tx);
  const kept: KeptItem[] = contracts.filter((c) => c.status !== 0).map((c) => contractRetention(c, settings));
  const consents = await (tx ?? db()).consent.findMany({ where: { clientId }, select: { withdrawnAt: true } });
  if (consents.length > 0) {
    // Every consent ends with the erasure at the latest; its proof is kept for the other period from then.
    const last = consents.reduce((latest, c) => Math.max(latest, (c.withdrawnAt ?? now).getTime()), 0);
    kept.push({ kind: "consents", contractId: null, label: "", until: addYears(new Date(last), settings.otherRetentionYears).toISOString(), running: false });
  }
  return { clientId, settings, kept };
}

/** What an erasure would keep and until when (for the confirmation dialog). */
export async function previewErasure(viewer: Viewer, clientId: string): Promise<ErasurePlan> {
  const client = await erasableClient(viewer, clientId);
  const erased = await db().clientErasure.findUnique({ where: { clientId: client.id }, select: { id: true } });
  return { ...(await planFor(client.id, client.organizationId)), name: client.displayName, alreadyErased: Boolean(erased) };
}

const eraseInput = z.object({ confirmName: z.string().max(300) });
const normalise = (name: string) => name.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("de");

/** Anonymises a client; the confirmation is their name, typed. Admins (and back office) only. */
export async function eraseClient(viewer: Viewer, clientId: string, input: unknown, now = new Date()): Promise<{ kept: KeptItem[] }> {
  const client = await erasableClient(viewer, clientId);
  const parsed = eraseInput.safeParse(input);
  if (!parsed.success || normalise(parsed.data.confirmName) !== normalise(client.displayName)) {
    throw new AppError("VALIDATION", "privacy.erase.errors.confirm", { fieldErrors: { confirmName: ["privacy.erase.errors.confirmName"] } });
  }
  const result = await anonymiseClient(client.id, viewer, now);
  // What has passed its retention date already goes at once, not on the job's next run.
  const { purgeExpired } = await import("./retention");
  await purgeExpired(client.id, now);
  return result;
}

/** The anonymisation itself (also run by the retention job, without an actor). */
export async function anonymiseClient(clientId: string, actor: Pick<Viewer, "id"> | null, now = new Date()): Promise<{ kept: KeptItem[] }> {
  return db().$transaction(async (tx) => {
    // One erasure per client, even when two admins confirm at once.
    const client = await tx.client.findUniqueOrThrow({ where: { id: clientId }, select: { id: true, organizationId: true, email: true, organization: { select: { defaultLocale: true } } } });
    await tx.$executeRaw`SELECT 1 FROM "Client" WHERE "id" = ${client.id} FOR UPDATE`;
    if (await tx.clientErasure.findUnique({ where: { clientId: client.id }, select: { id: true } })) throw new AppError("CONFLICT", "privacy.erase.errors.alreadyErased");
    const contractIds = (await tx.contract.findMany({ where: { clientId: client.id }, select: { id: true } })).map((c) => c.id);

    // The consents end with the erasure; their proof stays for the retention period.
    await tx.consent.updateMany({ where: { clientId: client.id, withdrawnAt: null }, data: { withdrawnAt: now, withdrawnById: actor?.id ?? null, withdrawalSource: "ADVISOR" } });
    const plan = await planFor(client.id, client.organizationId, tx, now);

    await tx.client.update({
      where: { id: client.id },
      data: {
        firstName: null,
        lastName: null,
        companyName: null,
        displayName: translate(appLocaleOr(client.organization.defaultLocale), "privacy.anonymisedName"),
        searchText: "",
        email: null,
        phone: null,
        birthDate: null,
        street: null,
        postalCode: null,
        city: null,
        locale: null,
        extra: {},
      },
    });
    // The provider's copy of the person (their record as last read); the link itself stays so contracts still match.
    await tx.providerClientLink.updateMany({ where: { clientId: client.id }, data: { raw: {} } });
    // Free text and names outside the kept evidence: the customer's name on timeline entries, notifications, mail to them.
    await tx.contractEvent.updateMany({ where: { contractId: { in: contractIds }, source: "CUSTOMER" }, data: { actorLabel: null } });
    await tx.notification.deleteMany({ where: { contractId: { in: contractIds } } });
    // Drafts never sent: nothing to keep.
    await tx.contract.updateMany({ where: { clientId: client.id, status: 0 }, data: { data: {}, statusNote: null } });
    if (client.email) {
      await tx.queuedMail.deleteMany({ where: { to: client.email } });
      await tx.outboxMail.deleteMany({ where: { to: client.email } });
    }
    await tx.clientErasure.create({ data: { organizationId: client.organizationId, clientId: client.id, erasedById: actor?.id ?? null, erasedAt: now, kept: plan.kept as unknown as object[] } });
    await recordAudit(
      {
        organizationId: client.organizationId,
        actorId: actor?.id ?? null,
        action: actor ? "privacy.erase" : "privacy.erase-by-retention",
        entityType: "Client",
        entityId: client.id,
        data: { kept: plan.kept.map((k) => ({ kind: k.kind, contractId: k.contractId, until: k.until, running: k.running })), retention: { ...plan.settings } },
      },
      tx,
    );
    return { kept: plan.kept };
  });
}

/** The erasure of a client, if any (for the client page). */
export async function erasureOf(viewer: Viewer, clientId: string) {
  const row = await db().clientErasure.findFirst({ where: { clientId, organizationId: viewer.organizationId } });
  if (!row) return null;
  const by = row.erasedById ? await db().user.findUnique({ where: { id: row.erasedById }, select: { name: true } }) : null;
  const now = new Date();
  const plan = await planFor(clientId, row.organizationId, undefined, now);
  // What is still kept: the retention job removes the rest on its next run.
  const purged = new Set(((Array.isArray(row.kept) ? row.kept : []) as Array<{ kind?: string; contractId?: string | null; purgedAt?: string }>).filter((item) => item.purgedAt).map((item) => `${item.kind}:${item.contractId ?? ""}`));
  return { erasedAt: row.erasedAt, erasedBy: by?.name ?? null, completedAt: row.completedAt, kept: row.completedAt ? [] : plan.kept.filter((item) => !expired(item, now) && !purged.has(`${item.kind}:${item.contractId ?? ""}`)) };
}
