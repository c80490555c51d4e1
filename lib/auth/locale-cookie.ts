/** The language choice of a visitor without an account (the sign-in page, a customer's link), kept in a cookie. */
import { cookies } from "next/headers";
import { LOCALE_COOKIE, isAppLocale, type AppLocale } from "../i18n/locales";

export async function setLocaleCookie(value: unknown): Promise<AppLocale | null> {
  if (!isAppLocale(value)) return null;
  (await cookies()).set(LOCALE_COOKIE, value, { path: "/", sameSite: "lax", httpOnly: true, maxAge: 365 * 86_400 });
  return value;
}
