/**
 * A text for a person, as a catalogue key and its values: what lib/ hands to the edges (server
 * action results, problem details, emails, PDFs), which put it into the reader's language.
 * Keys are full paths: "contracts.errors.notOrderable".
 */
/** Values of a message; a value may itself be a message (a status name inside a sentence). */
export type MessageValues = { [name: string]: string | number | Msg };
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
