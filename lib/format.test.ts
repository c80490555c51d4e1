import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatDuration, formatMoney, formatNumber, formatRelative } from "./format";

// Intl separates amount and currency with a no-break space; compare with plain spaces.
const plain = (text: string | null) => text?.replace(/[\u00a0\u202f]/g, " ");

describe("format", () => {
  it("formats money one way per locale, from numbers, decimal strings and Decimal-like values", () => {
    expect(formatMoney(210, "EUR")).toBe("€210.00");
    expect(formatMoney("1234.5", "EUR")).toBe("€1,234.50");
    expect(plain(formatMoney("210", "EUR", "de-DE"))).toBe("210,00 €");
    expect(plain(formatMoney({ toString: () => "89.9" }, null, "de-DE"))).toBe("89,90 €");
    expect(plain(formatMoney(12, "chf"))).toBe("CHF 12.00");
    expect(formatMoney(null, "EUR")).toBeNull();
    expect(formatMoney("", "EUR")).toBeNull();
    expect(formatMoney("abc", "EUR")).toBeNull();
    // A code Intl rejects still shows the amount and the code.
    expect(plain(formatMoney(5, "EURO"))).toBe("5.00 EURO");
  });

  it("formats numbers with grouping", () => {
    expect(formatNumber(1500000)).toBe("1,500,000");
    expect(formatNumber("1500000", "de-DE")).toBe("1.500.000");
    expect(formatNumber(0.125)).toBe("0.13");
    expect(formatNumber(undefined)).toBeNull();
  });

  it("formats calendar days without shifting them by time zone", () => {
    expect(formatDate("2026-12-31")).toBe("31 Dec 2026");
    expect(formatDate("2026-12-31", "de-DE")).toBe("31.12.2026");
    expect(formatDate(new Date("2026-12-01T00:00:00Z"))).toBe("01 Dec 2026");
    expect(formatDate("soon")).toBe("soon");
  });

  it("formats moments in Berlin time, summer and winter", () => {
    expect(formatDateTime(new Date("2026-12-01T13:05:00Z"))).toBe("01 Dec 2026, 14:05");
    expect(formatDateTime("2026-07-01T13:05:09Z", "de-DE")).toBe("01.07.2026, 15:05");
    expect(formatDateTime("2026-07-01T13:05:09Z", "en-GB", { seconds: true })).toBe("01 Jul 2026, 15:05:09");
    expect(formatDateTime("not a date")).toBe("not a date");
  });

  it("formats relative times", () => {
    const now = new Date("2026-12-01T12:00:00Z");
    expect(formatRelative(new Date("2026-12-01T09:00:00Z"), now)).toBe("3 hours ago");
    expect(formatRelative(new Date("2026-12-01T11:59:30Z"), now)).toBe("now");
    expect(formatRelative(new Date("2026-12-03T12:00:00Z"), now)).toBe("in 2 days");
    expect(formatRelative(new Date("2026-12-01T09:00:00Z"), now, "de-DE")).toBe("vor 3 Stunden");
  });

  it("formats durations in their largest whole unit", () => {
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(12 * 60_000 + 5_000)).toBe("12 mins");
    expect(formatDuration(3 * 3_600_000)).toBe("3 hrs");
    expect(formatDuration(36 * 3_600_000)).toBe("36 hrs");
    expect(formatDuration(3 * 86_400_000)).toBe("3 days");
    expect(formatDuration(-5)).toBe("0 ms");
    expect(plain(formatDuration(12 * 60_000, "de-DE"))).toBe("12 Min.");
  });
});
