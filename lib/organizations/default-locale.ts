/**
 * The firm's default language: what advisors who chose none, and customers whose client record
 * names none, see. Only an administrator changes it; every change is audited.
 */
import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import { recordAudit } from "../audit";
import { APP_LOCALES, appLocaleOr, type AppLocale } from "../i18n/locales";
import { fieldErrorsOf } from "../i18n/field-errors";

type Admin = { id: string; organizationId: string; role: "ADMIN" | "ADVISOR" | "BACK_OFFICE" };

export const defaultLocaleSchema = z.object({
  defaultLocale: z.enum(APP_LOCALES, { message: "admin.settings.language.invalid" }),
});

function assertAdmin(user: Admin) {
  if (user.role !== "ADMIN") throw new AppError("FORBIDDEN", "common.errors.adminOnly");
}

export async function getDefaultLocale(user: Admin): Promise<AppLocale> {
  assertAdmin(user);
  const row = await db().organization.findUniqueOrThrow({ where: { id: user.organizationId }, select: { defaultLocale: true } });
  return appLocaleOr(row.defaultLocale);
}

export async function setDefaultLocale(user: Admin, input: unknown): Promise<AppLocale> {
  assertAdmin(user);
  const parsed = defaultLocaleSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "common.errors.fieldsNeedAttention", { fieldErrors: fieldErrorsOf(parsed.error) });
  const { defaultLocale } = parsed.data;
  await db().$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({ where: { id: user.organizationId }, select: { defaultLocale: true } });
    if (before.defaultLocale === defaultLocale) return;
    await tx.organization.update({ where: { id: user.organizationId }, data: { defaultLocale } });
    await recordAudit({ organizationId: user.organizationId, actorId: user.id, action: "organization.default-locale", entityType: "Organization", entityId: user.organizationId, data: { from: before.defaultLocale, to: defaultLocale } }, tx);
  });
  return defaultLocale;
}
