/**
 * Text the database cannot keep faithfully: NUL (PostgreSQL text refuses it) and lone UTF-16
 * surrogates (silently turned into U+FFFD on the way). Refused at the boundary, for forms,
 * server actions and API bodies alike (proxy.ts), with a message that says what to fix.
 */
export const UNSAFE_TEXT_MESSAGE =
  "This text contains a character we cannot store (a NUL character or a broken Unicode character, often from copying out of another program). Remove it and try again.";

// A lone high surrogate (not followed by a low one) or a lone low surrogate (not preceded by a high one).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// The same in JSON escapes (server action arguments and JSON bodies carry them escaped).
const ESCAPED_NUL = /\\u0000/i;
const ESCAPED_LONE_SURROGATE = /\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}/;

/** Whether a decoded string, or a JSON text with escapes, holds a NUL or a lone surrogate. */
export function hasUnsafeText(text: string): boolean {
  return text.includes("\u0000") || LONE_SURROGATE.test(text) || ESCAPED_NUL.test(text) || ESCAPED_LONE_SURROGATE.test(text);
}

/** Raw bytes that are not valid UTF-8 (a lone surrogate encoded raw, for one) also count. */
export function hasUnsafeBytes(bytes: Uint8Array): boolean {
  try {
    return hasUnsafeText(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return true;
  }
}
