/**
 * The one formatter per kind of value (money, numbers, calendar dates, moments, relative times,
 * durations), shared by server and client components, PDFs and emails, so a page never shows
 * "210,00 €" beside "€210.00". Every function takes a locale; until the user's language is wired
 * (a later issue) everything defaults to DEFAULT_LOCALE. Moments are shown in Berlin time, the
 * firms' time zone; calendar dates (a start date, a birth date) are days and have no time zone.
 */
export const LOCALES = ["en-GB", "de-DE"] as const;
/** A portal language ("de", "en") or the Intl locale it formats with ("de-DE", "en-GB"). */
export type Locale = (typeof LOCALES)[number] | "de" | "en";
export const DEFAULT_LOCALE: Locale = "en-GB";
export const TIME_ZONE = "Europe/Berlin";

/** The Intl locale of a portal language: German as in Germany, English as in Britain (day first, 24 h). */
function intl(locale: Locale): (typeof LOCALES)[number] {
  return locale === "de" || locale === "de-DE" ? "de-DE" : "en-GB";
}

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let format = cache.get(key) as T | undefined;
  if (!format) cache.set(key, (format = make()));
  return format;
}

type Amount = number | string | { toString(): string } | null | undefined;

function toNumber(value: Amount): number | null {
  if (value === null || value === undefined || value === "") return null;
  const number = typeof value === "number" ? value : Number(String(value));
  return Number.isFinite(number) ? number : null;
}

/** "€210.00" / "210,00 €"; null for no amount. A currency code Intl does not know is shown as "210.00 XYZ". */
export function formatMoney(amount: Amount, currency: string | null | undefined, locale: Locale = DEFAULT_LOCALE): string | null {
  const number = toNumber(amount);
  if (number === null) return null;
  const code = (currency || "EUR").toUpperCase();
  try {
    return cached(`money|${locale}|${code}`, () => new Intl.NumberFormat(intl(locale), { style: "currency", currency: code })).format(number);
  } catch {
    return `${formatNumber(number, locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${code}`;
  }
}

/** "1,500,000" / "1.500.000"; null for no number. */
export function formatNumber(value: Amount, locale: Locale = DEFAULT_LOCALE, options: { minimumFractionDigits?: number; maximumFractionDigits?: number } = {}): string | null {
  const number = toNumber(value);
  if (number === null) return null;
  const { minimumFractionDigits = 0, maximumFractionDigits = 2 } = options;
  return cached(`number|${locale}|${minimumFractionDigits}|${maximumFractionDigits}`, () => new Intl.NumberFormat(intl(locale), { minimumFractionDigits, maximumFractionDigits })).format(number);
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})/;

/** A calendar day from "2026-12-31", an ISO timestamp or a Date at UTC midnight; null when it is not one. */
function toDay(value: Date | string): Date | null {
  if (typeof value === "string") {
    const match = DAY.exec(value);
    if (!match) return null;
    const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return Number.isNaN(value.getTime()) ? null : value;
}

/** A calendar day: "31 Dec 2026" / "31.12.2026". Strings that are not dates come back unchanged. */
export function formatDate(value: Date | string, locale: Locale = DEFAULT_LOCALE): string {
  const day = toDay(value);
  if (!day) return String(value);
  const options: Intl.DateTimeFormatOptions = intl(locale) === "de-DE" ? { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" } : { day: "2-digit", month: "short", year: "numeric", timeZone: "UTC" };
  return cached(`date|${locale}`, () => new Intl.DateTimeFormat(intl(locale), options)).format(day);
}

/** A moment, in Berlin time: "01 Dec 2026, 14:05" / "01.12.2026, 14:05". */
export function formatDateTime(value: Date | string, locale: Locale = DEFAULT_LOCALE, options: { seconds?: boolean } = {}): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const seconds = Boolean(options.seconds);
  return cached(`datetime|${locale}|${seconds}`, () =>
    new Intl.DateTimeFormat(intl(locale), {
      ...(intl(locale) === "de-DE" ? { day: "2-digit", month: "2-digit" } : { day: "2-digit", month: "short" }),
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      ...(seconds ? { second: "2-digit" } : {}),
      hourCycle: "h23",
      timeZone: TIME_ZONE,
    }),
  ).format(date);
}

const UNITS: Array<{ unit: Intl.RelativeTimeFormatUnit; ms: number }> = [
  { unit: "year", ms: 365.25 * 86_400_000 },
  { unit: "month", ms: 30.44 * 86_400_000 },
  { unit: "week", ms: 7 * 86_400_000 },
  { unit: "day", ms: 86_400_000 },
  { unit: "hour", ms: 3_600_000 },
  { unit: "minute", ms: 60_000 },
];

/** "3 hours ago" / "vor 3 Stunden", "in 2 days"; under a minute: "now" / "jetzt". */
export function formatRelative(value: Date | string, now: Date = new Date(), locale: Locale = DEFAULT_LOCALE): string {
  const diff = new Date(value).getTime() - now.getTime();
  const format = cached(`relative|${locale}`, () => new Intl.RelativeTimeFormat(intl(locale), { numeric: "auto" }));
  for (const { unit, ms } of UNITS) {
    if (Math.abs(diff) >= ms || unit === "minute") {
      const amount = Math.trunc(diff / ms);
      return amount === 0 ? format.format(0, "second") : format.format(amount, unit);
    }
  }
  return format.format(0, "second");
}

const DURATION_UNITS: Array<{ unit: string; ms: number }> = [
  { unit: "year", ms: 365.25 * 86_400_000 },
  { unit: "month", ms: 30.44 * 86_400_000 },
  { unit: "week", ms: 7 * 86_400_000 },
  { unit: "day", ms: 86_400_000 },
  { unit: "hour", ms: 3_600_000 },
  { unit: "minute", ms: 60_000 },
  { unit: "second", ms: 1_000 },
  { unit: "millisecond", ms: 1 },
];

/**
 * How long something took or has lasted, in its largest whole unit: "850 ms", "12 mins", "3 hrs",
 * "2 days" / "12 Min.", "3 Std.". Days only from two of them, weeks from two, months from two.
 */
export function formatDuration(ms: number, locale: Locale = DEFAULT_LOCALE): string {
  const value = Math.max(0, ms);
  const { unit, ms: size } = DURATION_UNITS.find((entry, index) => {
    const nextSmaller = DURATION_UNITS[index + 1];
    // Stay in the smaller unit until two of the larger ones have passed, above hours ("36 hr", "10 days").
    const threshold = entry.ms >= 86_400_000 ? 2 * entry.ms : entry.ms;
    return value >= threshold || !nextSmaller;
  })!;
  const amount = Math.floor(value / size);
  return cached(`duration|${locale}|${unit}`, () => new Intl.NumberFormat(intl(locale), { style: "unit", unit, unitDisplay: "short", maximumFractionDigits: 0 })).format(amount);
}

export const isoDay = (date: Date | null | undefined) => (date ? date.toISOString().slice(0, 10) : null);

/** Every formatter bound to one language, for a page, an email or a PDF: `const f = formatterFor(locale)`. */
export function formatterFor(locale: Locale) {
  return {
    locale,
    money: (amount: Amount, currency: string | null | undefined) => formatMoney(amount, currency, locale),
    number: (value: Amount, options?: { minimumFractionDigits?: number; maximumFractionDigits?: number }) => formatNumber(value, locale, options),
    date: (value: Date | string) => formatDate(value, locale),
    dateTime: (value: Date | string, options?: { seconds?: boolean }) => formatDateTime(value, locale, options),
    relative: (value: Date | string, now?: Date) => formatRelative(value, now, locale),
    duration: (ms: number) => formatDuration(ms, locale),
  };
}
export type Formatter = ReturnType<typeof formatterFor>;
