/**
 * Translation outside React (server actions' errors, problem details, emails, PDFs, jobs): the
 * same catalogues and ICU messages as next-intl's components, through its own translator.
 */
import { createTranslator } from "next-intl";
import { catalogues } from "@/messages";
import { appLocaleOr, type AppLocale } from "./locales";
import { isMsg, type Msg, type MessageValues } from "./message";

type Catalogue = (typeof catalogues)["en"];
const translators = new Map<AppLocale, (key: string, values?: Record<string, string | number>) => string>();

function translatorFor(locale: AppLocale) {
  let translator = translators.get(locale);
  if (!translator) {
    // next-intl's translator, with our nesting already resolved (values are plain here).
    const t = createTranslator({ locale, messages: catalogues[locale] as Catalogue, timeZone: "Europe/Berlin", onError: () => undefined, getMessageFallback: ({ key, namespace }) => (namespace ? `${namespace}.${key}` : key) });
    translator = (key, values) => (t as unknown as (key: string, values?: Record<string, string | number>) => string)(key, values);
    translators.set(locale, translator);
  }
  return translator;
}

/**
 * A message in a language; a key missing from the catalogue comes back as the key itself. Values
 * that are messages themselves are translated first.
 */
export function translate(locale: AppLocale | string, message: Msg | string, values?: MessageValues): string {
  const { key, values: own } = typeof message === "string" ? { key: message, values } : message;
  return translatorFor(appLocaleOr(locale))(key, own && flatValues(locale, own));
}

function flatValues(locale: AppLocale | string, values: MessageValues): Record<string, string | number> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, isMsg(value) ? translate(locale, value) : value]));
}

/** Whether the catalogue has this key (for messages that may be a key or a literal, e.g. zod's). */
export function hasMessage(key: string, locale: AppLocale = "en"): boolean {
  let node: unknown = catalogues[locale];
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string";
}

/** A translator bound to a language and an area, for emails and PDFs: t("subject", {...}). */
export function translatorOf(locale: AppLocale | string, namespace?: string) {
  return (key: string, values?: MessageValues) => translate(locale, namespace ? `${namespace}.${key}` : key, values);
}

export function messagesFor(locale: AppLocale) {
  return catalogues[locale];
}
