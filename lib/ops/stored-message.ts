/**
 * A text the portal writes onto a row to show later (a sync error, a connection test's result, a
 * review item's reason) is kept as a catalogue key with values, so each reader sees it in their
 * own language: `{"key":"sync.stored.…","values":{…}}` in the existing text column. Rows written
 * before (plain English) and raw texts from a remote (a provider's own message) are plain text and
 * are shown as they are.
 */
import { isMsg, msg, type Msg, type MessageValues } from "../i18n/message";
import { translate } from "../i18n/translate";
import type { AppLocale } from "../i18n/locales";

/** The column value for a message: JSON of key and values. */
export function storeMsg(key: string, values?: MessageValues): string {
  return JSON.stringify(msg(key, values));
}

/** Several sentences, each a message, in one column: shown joined by a space. */
export function storeMsgs(messages: Msg[]): string {
  return messages.length === 1 ? JSON.stringify(messages[0]) : JSON.stringify(messages);
}

/** A stored value as its sentences: stored messages, or a plain text as one "message" that is itself. */
export function storedMsgs(text: string): Msg[] {
  if (text.startsWith("[{\"key\":")) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed) && parsed.every(isMsg)) return parsed;
    } catch {
      // A plain text after all.
    }
  }
  return [storedMsg(text)];
}

/** Messages in a language, joined into one text. */
export function translateAll(locale: AppLocale | string, messages: Msg[]): string {
  return messages.map((message) => translate(locale, message)).join(" ");
}

/** A stored value as a message: a stored key with values, or a plain text as itself (a key no catalogue has). */
export function storedMsg(text: string): Msg {
  if (text.startsWith("{\"key\":")) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (isMsg(parsed)) return parsed;
    } catch {
      // Not ours after all: a plain text that happens to look like JSON.
    }
  }
  return { key: text };
}

/** A stored value in a reader's language; null stays null. */
export function showStored(locale: AppLocale | string, text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const messages = storedMsgs(text);
  return messages.length === 1 && messages[0]!.key === text ? text : translateAll(locale, messages);
}
