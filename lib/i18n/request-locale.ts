/**
 * The language of the page being rendered, decided once per request:
 *  - a customer's page (/approve/<token>…): the language the customer switched to (cookie), else
 *    the client's language, else the firm's default;
 *  - a signed-in person: their own language, else their firm's default;
 *  - anyone else (the sign-in page): the language they switched to (cookie), else the browser's
 *    preference (Accept-Language), else German.
 */
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { db } from "../db";
import { getSessionUser } from "../auth/session";
import { tokenHashOf } from "../approvals/token";
import { LOCALE_COOKIE, appLocaleOr, isAppLocale, negotiateLocale, type AppLocale } from "./locales";

const CUSTOMER_PAGE = /^\/approve\/([A-Za-z0-9_-]{43})(?:\/|$)/;

/** The language a customer link speaks unless the customer chose another: the client's, else the firm's. */
export async function customerLocaleOf(token: string): Promise<AppLocale | null> {
  const tokenHash = tokenHashOf(token);
  if (!tokenHash) return null;
  const row = await db().approvalRequest.findUnique({
    where: { tokenHash },
    select: { contract: { select: { client: { select: { locale: true } }, organization: { select: { defaultLocale: true } } } } },
  });
  if (!row) return null;
  return appLocaleOr(row.contract.client.locale ?? row.contract.organization.defaultLocale);
}

export const requestLocale = cache(async (): Promise<AppLocale> => {
  const [headerList, cookieStore] = await Promise.all([headers(), cookies()]);
  const chosen = cookieStore.get(LOCALE_COOKIE)?.value;
  const path = headerList.get("x-pd-path") ?? "";
  const customer = CUSTOMER_PAGE.exec(path);
  if (customer) {
    if (isAppLocale(chosen)) return chosen;
    return (await customerLocaleOf(customer[1]!)) ?? negotiateLocale(headerList.get("accept-language"));
  }
  const user = await getSessionUser();
  if (user) return user.locale;
  if (isAppLocale(chosen)) return chosen;
  return negotiateLocale(headerList.get("accept-language"));
});
