/** Stored messages (stored-message.ts) put into a reader's language. */
import { translate } from "./translate";
import { appLocaleOr, type AppLocale } from "./locales";
import { isMsg, type MessageValues } from "./message";
import { parseStoredMessage, type StoredMessage } from "./stored-message";

/** A stored message in the reader's language (nested messages first). */
export function translateStored(locale: AppLocale, message: StoredMessage): string {
  const values: MessageValues | undefined = message.values
    ? Object.fromEntries(Object.entries(message.values).map(([name, value]) => [name, typeof value === "object" && isMsg(value) ? translateStored(locale, value) : value as string | number]))
    : undefined;
  return translate(locale, message.key, values);
}

/** The column's text for a reader: a stored message in their language, an older plain row as it is. */
export function readStoredText(text: string, locale: AppLocale | string): string;
export function readStoredText(text: string | null | undefined, locale: AppLocale | string): string | null;
export function readStoredText(text: string | null | undefined, locale: AppLocale | string): string | null {
  if (text === null || text === undefined) return null;
  const stored = parseStoredMessage(text);
  return stored ? translateStored(languageOf(locale), stored) : text;
}

/** The portal language of a formatting locale ("de-DE" → "de", "en-GB" → "en"). */
export function languageOf(locale: string): AppLocale {
  return appLocaleOr(locale === "de" || locale.startsWith("de-") ? "de" : "en");
}
