/** Stored messages (stored-message.ts) put into a reader's language. */
import { translate } from "./translate";
import { appLocaleOr, type AppLocale } from "./locales";
import { parseStoredMessage } from "./stored-message";

/** The column's text for a reader: a stored message in their language, an older plain row as it is. */
export function readStoredText(text: string, locale: AppLocale | string): string;
export function readStoredText(text: string | null | undefined, locale: AppLocale | string): string | null;
export function readStoredText(text: string | null | undefined, locale: AppLocale | string): string | null {
  if (text === null || text === undefined) return null;
  const stored = parseStoredMessage(text);
  return stored ? translate(languageOf(locale), stored) : text;
}

/** The portal language of a formatting locale ("de-DE" → "de", "en-GB" → "en"). */
export function languageOf(locale: string): AppLocale {
  return appLocaleOr(locale === "de" || locale.startsWith("de-") ? "de" : "en");
}
