/**
 * JSON text for the bulk writers: provider data as PostgreSQL's jsonb accepts it, and a chunk of
 * rows as one parameter for `jsonb_to_recordset`.
 */

/** `\u0000` escapes (not an escaped backslash followed by "u0000"): PostgreSQL's jsonb refuses NUL. */
const ESCAPED_NUL = /(?<!\\)((?:\\\\)*)\\u0000/g;

/** JSON text without NUL characters; a provider that sends one must not block the record. */
export function jsonText(value: unknown): string {
  const text = JSON.stringify(value);
  // The plain search first: the pattern's look-behind costs a scan of every record otherwise.
  return text.includes("\\u0000") ? text.replace(ESCAPED_NUL, "$1") : text;
}

/**
 * A chunk of rows as one JSON array, for `FROM jsonb_to_recordset($1::jsonb) AS u(col type, …)`.
 * A text array per column costs twice: node-postgres escapes every element (JSON text is mostly
 * quotes to escape) and PostgreSQL parses the array, then each JSON text again. Here the chunk is
 * written once and parsed once. `json` gives columns that are JSON text already, spliced in as
 * they are (valid JSON without NUL, from jsonText).
 */
export function jsonRows<T>(rows: readonly T[], fields: (row: T, index: number) => Record<string, unknown>, json?: (row: T) => Record<string, string>): string {
  const parts = rows.map((row, index) => {
    const plain = jsonText(fields(row, index));
    const spliced = json ? Object.entries(json(row)).map(([key, text]) => `${JSON.stringify(key)}:${text}`) : [];
    if (spliced.length === 0) return plain;
    return plain === "{}" ? `{${spliced.join(",")}}` : `${plain.slice(0, -1)},${spliced.join(",")}}`;
  });
  return `[${parts.join(",")}]`;
}
