"use server";

import { redirect } from "next/navigation";
import { setLocaleCookie } from "@/lib/auth/locale-cookie";
import { safeNextPath } from "@/lib/auth/safe-redirect";

/** The sign-in page's language switch (signed-out visitors): remembers the choice and shows the page again. */
export async function chooseSignInLanguageAction(form: FormData): Promise<void> {
  await setLocaleCookie(form.get("locale"));
  const next = safeNextPath(String(form.get("next") ?? "/"));
  redirect(next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`);
}
