/**
 * Text the portal stores on a row and shows later (a timeline note, a provider write's error):
 * kept as a catalogue key with its values, as JSON in the existing text column, so each reader
 * sees it in their own language. Rows written before (plain English) and text a provider sent
 * are shown as they are.
 */
import { isMsg, msg, type MessageValues, type Msg } from "../i18n/message";
import { translate } from "../i18n/translate";
import type { AppLocale } from "../i18n/locales";

/** A message to store: `{"key":"…","values":{…}}`. */
export function storedText(key: string, values?: MessageValues): string {
  return JSON.stringify(msg(key, values));
}

/** A stored message as a message, or null when the text is plain (old rows, a provider's words). */
export function storedMsgOf(text: string | null | undefined): Msg | null {
  if (!text || !text.startsWith("{")) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return isMsg(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** A stored text in a reader's language: a stored message translated, anything else as it is. */
export function readStoredText(text: string | null | undefined, locale: AppLocale | string): string | null {
  if (text === null || text === undefined) return null;
  const stored = storedMsgOf(text);
  return stored ? translate(locale, stored) : text;
}

/** The portal language of a formatting locale ("de-DE" → "de", "en-GB" → "en"). */
export function languageOf(locale: string): AppLocale {
  return locale === "de" || locale.startsWith("de-") ? "de" : "en";
}
