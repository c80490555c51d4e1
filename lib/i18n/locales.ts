/**
 * The portal's languages. German is the default (the firms are German-speaking); a firm sets its
 * own default, an advisor or a customer may choose the other one.
 */
export const APP_LOCALES = ["de", "en"] as const;
export type AppLocale = (typeof APP_LOCALES)[number];
export const DEFAULT_APP_LOCALE: AppLocale = "de";

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === "string" && (APP_LOCALES as readonly string[]).includes(value);
}

/** A stored or requested language, or the fallback when it is none of ours. */
export function appLocaleOr(value: unknown, fallback: AppLocale = DEFAULT_APP_LOCALE): AppLocale {
  return isAppLocale(value) ? value : fallback;
}

/** The best of our languages for an Accept-Language header ("en-US,en;q=0.9,de;q=0.8" → en). */
export function negotiateLocale(acceptLanguage: string | null | undefined, fallback: AppLocale = DEFAULT_APP_LOCALE): AppLocale {
  if (!acceptLanguage) return fallback;
  const ranked = acceptLanguage
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { language: tag.trim().toLowerCase().split("-")[0] ?? "", q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => entry.language).find(isAppLocale) ?? fallback;
}

/** The cookie that keeps a signed-out visitor's or a customer's choice of language. */
export const LOCALE_COOKIE = "pd-locale";
