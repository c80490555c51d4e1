import { describe, expect, it } from "vitest";
import { hasUnsafeBytes, hasUnsafeText } from "./unsafe-text";

describe("text the database cannot keep", () => {
  it("finds NUL and lone surrogates, raw or JSON-escaped", () => {
    for (const bad of ["a\u0000b", "x\uD800y", "x\uDC00", JSON.stringify({ name: "a\u0000" }), JSON.stringify(["\uD83D"]), '{"a":"\\ud800"}']) expect(hasUnsafeText(bad), JSON.stringify(bad)).toBe(true);
    expect(hasUnsafeBytes(new Uint8Array([0x61, 0xed, 0xa0, 0x80]))).toBe(true); // a surrogate encoded raw is not UTF-8
  });

  it("accepts ordinary text, umlauts and emoji", () => {
    for (const good of ["Müller & Söhne", "😀 ok", JSON.stringify({ emoji: "😀" }), '{"a":"\\ud83d\\ude00"}', "C:\\\\u0000folder".replace("\\\\u0000", "\\\\x")]) expect(hasUnsafeText(good), good).toBe(false);
  });
});
