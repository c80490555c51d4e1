/**
 * The catalogues against each other and against the source (checks in tests/i18n/catalogue-checks.ts,
 * which tests/i18n/catalogue-checks.test.ts proves can fail):
 *  (a) the same key paths in German and English, no empty texts;
 *  (b) every message is valid ICU and uses the same arguments in both languages;
 *  (c) no key that the source never uses;
 *  (d) every key the code hands over as a message (msg, AppError, translate, zod messages) exists.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkKeysExist, checkMessages, checkStructure, checkUnused, readCatalogues, readSources } from "../../tests/i18n/catalogue-checks";

const root = path.resolve(import.meta.dirname, "../..");
const catalogues = readCatalogues(path.join(root, "messages"));
const sources = readSources(root, ["app", "components", "lib", "i18n"], [/^lib\/generated(\/|$)/]);

/**
 * Key groups the source reaches only through a computed key that the check cannot see as a
 * template literal (e.g. a key built from a variable in another file). Keep this list short:
 * every entry is a group of keys that the test can no longer prove used.
 */
const DYNAMIC_PREFIXES: string[] = [
  "common.problems", // lib/errors.ts: translate(locale, `common.problems.${error.code}`), one title per error code
];

/**
 * Zod messages are checked where schemas take what people type; the provider's wire format
 * (lib/finum), the environment (lib/env.ts) and job payloads never reach a person.
 */
const zodFiles = (file: string) => !/^lib\/(finum|jobs)\//.test(file) && file !== "lib/env.ts";

const report = (problems: string[]) => (problems.length ? `${problems.length} problem(s):\n  ${problems.join("\n  ")}` : "");

describe("message catalogues", () => {
  it("has every area in both languages, with the same key paths and no empty texts", () => {
    expect(Object.keys(catalogues.en ?? {}).length).toBeGreaterThan(0);
    expect(report(checkStructure(catalogues))).toBe("");
  });

  it("has valid ICU messages with the same arguments in German and English", () => {
    expect(report(checkMessages(catalogues))).toBe("");
  });

  it("has no key that the source never uses", () => {
    expect(report(checkUnused(catalogues.en!, sources, DYNAMIC_PREFIXES))).toBe("");
  });

  it("has every key that the code hands over as a message", () => {
    expect(report(checkKeysExist(catalogues.en!, sources, { zodFiles }))).toBe("");
  });
});
