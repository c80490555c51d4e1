/** Stored messages (stored-message.ts) put into a reader's language on the server. */
import { translate } from "../i18n/translate";
import type { AppLocale } from "../i18n/locales";
import { isMsg, type MessageValues } from "../i18n/message";
import { parseStoredMessage, type StoredMessage } from "./stored-message";

/** A stored message in the reader's language (nested messages first). */
export function translateStored(locale: AppLocale, message: StoredMessage): string {
  const values: MessageValues | undefined = message.values
    ? Object.fromEntries(Object.entries(message.values).map(([name, value]) => [name, typeof value === "object" && isMsg(value) ? translateStored(locale, value) : value as string | number]))
    : undefined;
  return translate(locale, message.key, values);
}

/** The column's text for a reader: a stored message in their language, an older plain row as it is. */
export function readStoredText(text: string, locale: AppLocale): string;
export function readStoredText(text: string | null | undefined, locale: AppLocale): string | null;
export function readStoredText(text: string | null | undefined, locale: AppLocale): string | null {
  if (text === null || text === undefined) return null;
  const stored = parseStoredMessage(text);
  return stored ? translateStored(locale, stored) : text;
}
