/** An advisor's or admin's own language, kept on their user row (null: the firm's default again). */
import { db } from "../db";
import { AppError } from "../errors";
import { isAppLocale, type AppLocale } from "../i18n/locales";
import { recordAudit } from "../audit";

export async function setUserLocale(actor: { id: string; organizationId: string }, locale: unknown): Promise<AppLocale> {
  if (!isAppLocale(locale)) throw new AppError("VALIDATION", "common.validation.choice");
  await db().user.update({ where: { id: actor.id }, data: { locale } });
  await recordAudit({ organizationId: actor.organizationId, actorId: actor.id, action: "user.locale", entityType: "User", entityId: actor.id, data: { locale } });
  return locale;
}
