/**
 * Each report as CSV (csv-stringify: quoting and escaping done by the library), headed and labelled
 * in the reader's language. Numbers stay machine-readable (a dot, no grouping) so a spreadsheet
 * reads them as numbers; durations are in hours with two decimals. A UTF-8 byte order mark first,
 * so spreadsheet programs read the umlauts right.
 */
import { stringify } from "csv-stringify/sync";
import { translatorOf } from "../i18n/translate";
import type { AppLocale } from "../i18n/locales";
import { statusLabel } from "../contracts/status";
import { funnelReport, timeInStatusReport, turnaroundReport } from "./reports";
import type { ReportQuery } from "./filters";

export const REPORT_KINDS = ["funnel", "turnaround", "time-in-status"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

const hours = (seconds: number) => (seconds / 3600).toFixed(2);
/** A name a spreadsheet would run as a formula ("=HYPERLINK(…)") is kept as text. */
const text = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

export async function reportCsv(kind: ReportKind, query: ReportQuery, locale: AppLocale): Promise<{ filename: string; body: string }> {
  const t = translatorOf(locale, "reports");
  let records: Array<Array<string | number>>;
  if (kind === "funnel") {
    const { steps } = await funnelReport(query);
    const first = steps[0]!.count;
    records = [
      [t("csv.step"), t("csv.contracts"), t("csv.shareOfStarted")],
      ...steps.map(({ step, count }) => [t(`funnel.steps.${step}`), count, first ? (count / first).toFixed(4) : ""]),
    ];
  } else if (kind === "turnaround") {
    const rows = await turnaroundReport(query);
    records = [
      [t("csv.leg"), t("csv.provider"), t("csv.product"), t("csv.spans"), t("csv.medianHours"), t("csv.p90Hours")],
      ...rows.map((row) => [
        t(`turnaround.legs.${row.leg}`),
        row.level === "overall" ? t("turnaround.allProviders") : text(row.providerName ?? ""),
        row.level === "product" ? text(row.productName ?? t("turnaround.noProduct")) : t("turnaround.allProducts"),
        row.count,
        hours(row.medianSeconds),
        hours(row.p90Seconds),
      ]),
    ];
  } else {
    const rows = await timeInStatusReport(query);
    records = [
      [t("csv.statusCode"), t("csv.status"), t("csv.stays"), t("csv.medianHours"), t("csv.p90Hours"), t("csv.averageHours")],
      ...rows.map((row) => [row.status, statusLabel(row.status, locale), row.count, hours(row.medianSeconds), hours(row.p90Seconds), hours(row.averageSeconds)]),
    ];
  }
  const body = "\uFEFF" + stringify(records, { record_delimiter: "\r\n" });
  return { filename: `${kind}-${query.from}-${query.to}.csv`, body };
}
