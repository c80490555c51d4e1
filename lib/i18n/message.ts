/**
 * A text for a person, as a catalogue key and its values: what lib/ hands to the edges (server
 * action results, problem details, emails, PDFs), which put it into the reader's language.
 * Keys are full paths: "contracts.errors.notOrderable".
 */
export type MessageValues = Record<string, string | number>;
export interface Msg {
  key: string;
  values?: MessageValues;
}

export function msg(key: string, values?: MessageValues): Msg {
  return values ? { key, values } : { key };
}

export function isMsg(value: unknown): value is Msg {
  return typeof value === "object" && value !== null && typeof (value as Msg).key === "string";
}
