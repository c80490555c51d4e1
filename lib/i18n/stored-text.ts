/** Stored messages (stored-message.ts) put into a reader's language. */
import { translate } from "./translate";
import { appLocaleOr, type AppLocale } from "./locales";
import type { Msg } from "./message";
import { storedMessagesOf } from "./stored-message";

/** The column's text for a reader: a stored message in their language, an older plain row as it is. */
export function readStoredText(text: string, locale: AppLocale | string): string;
export function readStoredText(text: string | null | undefined, locale: AppLocale | string): string | null;
export function readStoredText(text: string | null | undefined, locale: AppLocale | string): string | null {
  if (text === null || text === undefined) return null;
  const messages = storedMessagesOf(text);
  // A plain text (an older row, a remote's own words) is shown as it is, never looked up.
  if (messages.length === 1 && messages[0]!.key === text) return text;
  return translateAll(languageOf(locale), messages);
}

/** Messages in a language, joined into one text. */
export function translateAll(locale: AppLocale | string, messages: Msg[]): string {
  return messages.map((message) => translate(locale, message)).join(" ");
}

/** The portal language of a formatting locale ("de-DE" → "de", "en-GB" → "en"). */
export function languageOf(locale: string): AppLocale {
  return appLocaleOr(locale === "de" || locale.startsWith("de-") ? "de" : "en");
}
