/** The catalogue checks can fail: each one run on a small fake catalogue and fake source. */
import { describe, expect, it } from "vitest";
import { checkKeysExist, checkMessages, checkStructure, checkUnused, type SourceFile } from "./catalogue-checks";

const en = { shop: { title: "Shop", cart: { count: "{count, plural, one {# item} other {# items}}", empty: "Your cart is empty" }, status: { code: { "100": "Open", "200": "Closed" } } } };
const de = { shop: { title: "Laden", cart: { count: "{count, plural, one {# Artikel} other {# Artikel}}", empty: "Ihr Warenkorb ist leer" }, status: { code: { "100": "Offen", "200": "Geschlossen" } } } };

describe("catalogue checks on a fake catalogue", () => {
  it("(a) pass on equal structures, and find missing keys, missing files and empty texts", () => {
    expect(checkStructure({ en, de })).toEqual([]);
    const broken = { shop: { title: "", cart: { count: de.shop.cart.count }, status: de.shop.status, extra: "Nur hier" } };
    const problems = checkStructure({ en: { ...en, other: {} }, de: broken });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining("messages/de/other.json is missing"),
        expect.stringContaining("shop.cart.empty: in en but not in de"),
        expect.stringContaining("shop.extra: in de but not in en"),
        expect.stringContaining("shop.title (de): empty"),
      ]),
    );
    expect(checkStructure({ en: { shop: { "a.b": "x", n: 3 } }, de: { shop: { "a.b": "x", n: 3 } } })).toEqual(
      expect.arrayContaining([expect.stringContaining("characters next-intl cannot look up"), expect.stringContaining("not a text but number")]),
    );
  });

  it("(b) pass on matching arguments, and find broken ICU and different arguments", () => {
    expect(checkMessages({ en, de })).toEqual([]);
    const problems = checkMessages({
      en: { shop: { a: "Hello {name}", b: "{count, plural, one {# x} other {# xs}}", c: "<b>{who}</b> paid" } },
      de: { shop: { a: "Hallo {nmae}", b: "{count, plural, one {# x}", c: "{who} hat bezahlt" } },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining("shop.a: arguments differ"),
        expect.stringContaining("shop.b (de): not a valid ICU message"),
        expect.stringContaining("shop.c: arguments differ"),
      ]),
    );
  });

  const page: SourceFile = {
    path: "components/shop/cart.tsx",
    text: `import { useTranslations } from "next-intl";
export function Cart({ n }: { n: number }) {
  const t = useTranslations("shop.cart");
  return <p title={t("empty")}>{t("count", { count: n })}</p>;
}`,
  };
  const lib: SourceFile = { path: "lib/shop/title.ts", text: `export const title = (t: (k: string) => string) => t("shop.title");` };
  const status: SourceFile = {
    path: "components/shop/status.tsx",
    text: `import { getTranslations } from "next-intl/server";
export async function Status({ code }: { code: number }) {
  const t = await getTranslations({ locale: "de", namespace: "shop" });
  return <span>{t(\`status.code.\${code}\`)}</span>;
}`,
  };

  it("(c) pass when every key is used (full path, namespace + rest, template), and find unused keys", () => {
    expect(checkUnused(en, [page, lib, status])).toEqual([]);
    expect(checkUnused(en, [page, lib], ["shop.status.code"])).toEqual([]); // the allowlist
    const problems = checkUnused(en, [page]);
    expect(problems).toEqual([expect.stringContaining("shop.title is not used"), expect.stringContaining("shop.status.code.100 is not used"), expect.stringContaining("shop.status.code.200 is not used")]);
    // The rest of a key counts only in a file that has the namespace: "empty" in another file does not.
    const elsewhere: SourceFile = { path: "lib/x.ts", text: `export const x = ["empty", "count", "shop.title"];` };
    expect(checkUnused(en, [elsewhere, status])).toEqual([expect.stringContaining("shop.cart.count is not used"), expect.stringContaining("shop.cart.empty is not used")]);
    // A template head that is no area cannot cover everything.
    const loose: SourceFile = { path: "lib/y.ts", text: "export const y = (k: string) => `x.${k}`;" };
    expect(checkUnused({ shop: { a: "A" } }, [loose])).toEqual([expect.stringContaining("shop.a is not used")]);
  });

  it("(d) pass on existing keys, and find keys that msg, AppError, translate and zod hand over but the catalogue lacks", () => {
    const good: SourceFile = {
      path: "lib/shop/errors.ts",
      text: `import { z } from "zod";
const a = msg("shop.title");
throw new AppError("CONFLICT", "shop.cart.empty", { fieldErrors: { n: ["shop.title"] } });
translate(locale, "shop.title"); translate(locale, \`shop.status.code.\${c}\`);
const s = z.string().min(1, "shop.title").email({ message: "shop.cart.empty" });`,
    };
    expect(checkKeysExist(en, [good])).toEqual([]);
    const bad: SourceFile = {
      path: "lib/shop/bad.ts",
      text: `import { z } from "zod";
const a = msg("shop.missing", { n: 1 });
throw new AppError("CONFLICT", "The cart is gone.", { fieldErrors: { n: ["shop.nope"] } });
translate("en", "shop.cart"); translate("de", m); translate(locale, \`shop.nothing.\${c}\`); notFound("shop.gone");
const s = z.string().max(5, "Too long.").refine((v) => v, { message: "Bad." });
schema.superRefine((v, ctx) => ctx.addIssue({ code: "custom", message: "Enter it." }));`,
    };
    const problems = checkKeysExist(en, [bad]);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`msg() "shop.missing"`),
        expect.stringContaining(`new AppError() "The cart is gone."`),
        expect.stringContaining(`AppError fieldErrors "shop.nope"`),
        expect.stringContaining(`translate() "shop.cart"`), // a group, not a text
        expect.stringContaining(`under "shop.nothing."`),
        expect.stringContaining(`notFound() "shop.gone"`),
        expect.stringContaining(`zod .max() message "Too long."`),
        expect.stringContaining(`zod .refine() message "Bad."`),
        expect.stringContaining(`zod addIssue message "Enter it."`),
      ]),
    );
    expect(problems).toHaveLength(9);
  });
});
