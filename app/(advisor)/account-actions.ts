"use server";

import { requireUser } from "@/lib/auth/session";
import { actionError, type ActionResult } from "@/lib/errors";
import { signOutEverywhere } from "@/lib/users/manage-users";
import { setUserLocale } from "@/lib/users/set-locale";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { cookies } from "next/headers";

export async function signOutEverywhereAction(): Promise<ActionResult> {
  try {
    await signOutEverywhere(await requireUser());
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error, { action: "signOutEverywhere" });
  }
}

/** The signed-in person's language; also remembered in a cookie for the sign-in page after signing out. */
export async function setLanguageAction(locale: unknown): Promise<ActionResult<{ locale: string }>> {
  try {
    const saved = await setUserLocale(await requireUser(), locale);
    (await cookies()).set(LOCALE_COOKIE, saved, { path: "/", sameSite: "lax", httpOnly: true, maxAge: 365 * 86_400 });
    return { ok: true, data: { locale: saved } };
  } catch (error) {
    return actionError(error, { action: "setLanguage" });
  }
}
