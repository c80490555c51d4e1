/**
 * A text kept on a row and read later by someone whose language we do not know yet (a
 * notification's title, an approval's void reason): stored as a catalogue key with its values,
 * JSON in the existing text column, and put into the reader's language when read. Rows written
 * before this (plain English text) are shown as they are. Safe for the browser; the server's
 * reader is stored-text.ts.
 */
import { isMsg, msg, type MessageValues, type Msg } from "./message";

/** A stored message: its values may themselves be messages (an error inside a notification). */
export type StoredMessage = Msg;

const isStored = (value: unknown): value is StoredMessage => isMsg(value);

/** What goes into the column: the message as JSON, or a plain string as it is. */
export function storeMessage(message: StoredMessage | Msg | string): string;
export function storeMessage(message: StoredMessage | Msg | string | null | undefined): string | null;
export function storeMessage(message: StoredMessage | Msg | string | null | undefined): string | null {
  if (message === null || message === undefined) return null;
  if (typeof message === "string") return message;
  return JSON.stringify(message.values ? { key: message.key, values: message.values } : { key: message.key });
}

/** A message to store, from its key and values: `{"key":"…","values":{…}}`. */
export function storedText(key: string, values?: MessageValues): string {
  return storeMessage(msg(key, values));
}

/** The stored message, or null for a plain-text row (older rows, a provider's own words). */
export function parseStoredMessage(text: string | null | undefined): StoredMessage | null {
  if (!text || !text.startsWith("{")) return null;
  try {
    const value: unknown = JSON.parse(text);
    return isStored(value) ? value : null;
  } catch {
    return null;
  }
}

/** Several sentences, each a message, in one column (shown joined by a space). */
export function storeMessages(messages: Msg[]): string {
  return messages.length === 1 ? storeMessage(messages[0]!) : JSON.stringify(messages);
}

/** A stored value as its sentences: stored messages, or a plain text as one message that is itself. */
export function storedMessagesOf(text: string): Msg[] {
  if (text.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed) && parsed.length > 0 && parsed.every(isMsg)) return parsed;
    } catch {
      // A plain text after all.
    }
  }
  return [parseStoredMessage(text) ?? { key: text }];
}
