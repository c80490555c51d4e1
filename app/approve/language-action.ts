"use server";

import { redirect } from "next/navigation";
import { setLocaleCookie } from "@/lib/auth/locale-cookie";

const CUSTOMER_PATH = /^\/approve\/[A-Za-z0-9_-]{1,64}(?:\/done)?$/;

/** The customer's language switch: remembers the choice and shows the same page again in it. */
export async function chooseCustomerLanguageAction(form: FormData): Promise<void> {
  await setLocaleCookie(form.get("locale"));
  const back = String(form.get("back") ?? "");
  redirect(CUSTOMER_PATH.test(back) ? back : "/");
}
