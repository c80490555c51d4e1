import { getLocale, getTranslations } from "next-intl/server";
import { formatterFor } from "@/lib/format";
import { statusLabel } from "@/lib/contracts/status";
import type { FunnelReport, TimeInStatusRow, TurnaroundLeg, TurnaroundRow } from "@/lib/reports/reports";
import { Card, EmptyState } from "@/components/ui/layout";
import { ReportBarChart } from "./bar-chart";

const DAY_SECONDS = 86_400;
const COLORS = { median: "#2552e0", p90: "#f59e0b", count: "#2552e0" } as const;
const th = "px-4 py-2.5 text-left text-xs font-medium uppercase tracking-wide text-slate-600";
const td = "px-4 py-2.5 tabular-nums";

async function tools() {
  const locale = (await getLocale()) === "de" ? "de" : "en";
  const t = await getTranslations("reports");
  const format = formatterFor(locale);
  const days = (seconds: number) => Math.round((seconds / DAY_SECONDS) * 10) / 10;
  /** "3.5 days" / "3,5 Tage"; under a day in hours. */
  const duration = (seconds: number) =>
    seconds < DAY_SECONDS
      ? t("units.hours", { value: format.number(seconds / 3600, { maximumFractionDigits: 1 }) ?? "", count: Math.round(seconds / 360) / 10 })
      : t("units.days", { value: format.number(days(seconds), { maximumFractionDigits: 1 }) ?? "", count: days(seconds) });
  const percent = (part: number, whole: number) => (whole ? `${format.number((part / whole) * 100, { maximumFractionDigits: 1 })} %` : "–");
  return { locale, t, format, days, duration, percent };
}

function CsvLink({ href, label }: { href: string; label: string }) {
  return (
    <a href={href} download className="inline-flex items-center gap-1.5 rounded-lg px-2.5 py-1.5 text-xs font-semibold text-brand-700 ring-1 ring-inset ring-brand-100 hover:bg-brand-50">
      <svg aria-hidden viewBox="0 0 20 20" className="size-4 fill-current">
        <path d="M10 3a1 1 0 0 1 1 1v7.6l2.3-2.3a1 1 0 1 1 1.4 1.4l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L9 11.6V4a1 1 0 0 1 1-1ZM4 15a1 1 0 0 1 1 1v1h10v-1a1 1 0 1 1 2 0v2a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1v-2a1 1 0 0 1 1-1Z" />
      </svg>
      {label}
    </a>
  );
}

export async function FunnelSection({ funnel, csvHref }: { funnel: FunnelReport; csvHref: string }) {
  const { t, format, percent } = await tools();
  const started = funnel.steps[0]!.count;
  const data = funnel.steps.map(({ step, count }) => ({ label: t(`funnel.steps.${step}`), count }));
  const summary = t("funnel.summary", {
    steps: funnel.steps.map(({ step, count }) => `${t(`funnel.steps.${step}`)}: ${format.number(count)}`).join(", "),
  });
  return (
    <Card title={t("funnel.title")} actions={<CsvLink href={csvHref} label={t("csvFor", { report: t("funnel.title") })} />} className="mb-6">
      <p className="px-5 pt-4 text-sm text-slate-600">{t("funnel.explain")}</p>
      {started === 0 ? (
        <EmptyState title={t("funnel.emptyTitle")}>{t("funnel.empty")}</EmptyState>
      ) : (
        <div className="grid gap-6 p-5 lg:grid-cols-2">
          <ReportBarChart data={data} series={[{ key: "count", name: t("funnel.contracts"), color: COLORS.count }]} summary={summary} layout="vertical" height={260} />
          <table className="min-w-full text-sm">
            <caption className="sr-only">{t("funnel.title")}</caption>
            <thead className="border-b border-slate-100 bg-slate-50">
              <tr>
                <th scope="col" className={th}>{t("funnel.step")}</th>
                <th scope="col" className={`${th} text-right`}>{t("funnel.contracts")}</th>
                <th scope="col" className={`${th} text-right`}>{t("funnel.ofStarted")}</th>
                <th scope="col" className={`${th} text-right`}>{t("funnel.ofPrevious")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {funnel.steps.map(({ step, count }, index) => (
                <tr key={step} data-step={step}>
                  <th scope="row" className="px-4 py-2.5 text-left font-medium text-slate-900">{t(`funnel.steps.${step}`)}</th>
                  <td className={`${td} text-right`}>{format.number(count)}</td>
                  <td className={`${td} text-right`}>{percent(count, started)}</td>
                  <td className={`${td} text-right`}>{index === 0 ? "–" : percent(count, funnel.steps[index - 1]!.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

export async function TurnaroundSection({ rows, csvHref }: { rows: TurnaroundRow[]; csvHref: string }) {
  const { t, format, days, duration } = await tools();
  const legs: TurnaroundLeg[] = ["120-130", "230-320"];
  return (
    <Card title={t("turnaround.title")} actions={<CsvLink href={csvHref} label={t("csvFor", { report: t("turnaround.title") })} />} className="mb-6">
      <p className="px-5 pt-4 text-sm text-slate-600">{t("turnaround.explain")}</p>
      {legs.map((leg) => {
        const legRows = rows.filter((row) => row.leg === leg);
        const providers = legRows.filter((row) => row.level === "provider");
        const overall = legRows.find((row) => row.level === "overall");
        const title = t(`turnaround.legs.${leg}`);
        return (
          <section key={leg} aria-labelledby={`leg-${leg}`} className="border-t border-slate-100 p-5 first-of-type:border-t-0">
            <h3 id={`leg-${leg}`} className="mb-3 text-sm font-semibold text-slate-900">{title}</h3>
            {!overall ? (
              <p className="rounded-lg bg-slate-50 px-4 py-6 text-center text-sm text-slate-600">{t("turnaround.empty")}</p>
            ) : (
              <div className="grid gap-6 lg:grid-cols-2">
                <ReportBarChart
                  data={providers.map((row) => ({ label: row.providerName ?? "", median: days(row.medianSeconds), p90: days(row.p90Seconds) }))}
                  series={[
                    { key: "median", name: t("turnaround.median"), color: COLORS.median },
                    { key: "p90", name: t("turnaround.p90"), color: COLORS.p90 },
                  ]}
                  unit={t("units.daysShort")}
                  decimals={1}
                  height={Math.max(200, providers.length * 70 + 80)}
                  layout="vertical"
                  summary={t("turnaround.summary", {
                    leg: title,
                    providers: providers.map((row) => t("turnaround.summaryProvider", { provider: row.providerName ?? "", median: duration(row.medianSeconds), p90: duration(row.p90Seconds) })).join("; "),
                  })}
                />
                <table className="min-w-full text-sm">
                  <caption className="sr-only">{title}</caption>
                  <thead className="border-b border-slate-100 bg-slate-50">
                    <tr>
                      <th scope="col" className={th}>{t("turnaround.provider")}</th>
                      <th scope="col" className={`${th} text-right`}>{t("turnaround.spans")}</th>
                      <th scope="col" className={`${th} text-right`}>{t("turnaround.median")}</th>
                      <th scope="col" className={`${th} text-right`}>{t("turnaround.p90")}</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {legRows.map((row) => (
                      <tr key={`${row.level}-${row.providerId}-${row.productId}`} data-level={row.level} className={row.level === "overall" ? "bg-slate-50 font-semibold" : row.level === "provider" ? "font-medium" : ""}>
                        <th scope="row" className={`px-4 py-2.5 text-left ${row.level === "product" ? "pl-8 font-normal text-slate-700" : "text-slate-900"}`}>
                          {row.level === "overall" ? t("turnaround.allProviders") : row.level === "provider" ? row.providerName : (row.productName ?? t("turnaround.noProduct"))}
                        </th>
                        <td className={`${td} text-right`}>{format.number(row.count)}</td>
                        <td className={`${td} text-right`}>{duration(row.medianSeconds)}</td>
                        <td className={`${td} text-right`}>{duration(row.p90Seconds)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      })}
    </Card>
  );
}

export async function TimeInStatusSection({ rows, csvHref }: { rows: TimeInStatusRow[]; csvHref: string }) {
  const { t, locale, format, days, duration } = await tools();
  return (
    <Card title={t("timeInStatus.title")} actions={<CsvLink href={csvHref} label={t("csvFor", { report: t("timeInStatus.title") })} />}>
      <p className="px-5 pt-4 text-sm text-slate-600">{t("timeInStatus.explain")}</p>
      {rows.length === 0 ? (
        <EmptyState title={t("timeInStatus.emptyTitle")}>{t("timeInStatus.empty")}</EmptyState>
      ) : (
        <div className="grid gap-6 p-5 lg:grid-cols-2">
          <ReportBarChart
            data={rows.map((row) => ({ label: statusLabel(row.status, locale), median: days(row.medianSeconds), p90: days(row.p90Seconds) }))}
            series={[
              { key: "median", name: t("turnaround.median"), color: COLORS.median },
              { key: "p90", name: t("turnaround.p90"), color: COLORS.p90 },
            ]}
            unit={t("units.daysShort")}
            decimals={1}
            layout="vertical"
            height={Math.max(220, rows.length * 48 + 80)}
            summary={t("timeInStatus.summary", { statuses: rows.map((row) => t("timeInStatus.summaryStatus", { status: statusLabel(row.status, locale), median: duration(row.medianSeconds) })).join("; ") })}
          />
          <table className="min-w-full text-sm">
            <caption className="sr-only">{t("timeInStatus.title")}</caption>
            <thead className="border-b border-slate-100 bg-slate-50">
              <tr>
                <th scope="col" className={th}>{t("timeInStatus.status")}</th>
                <th scope="col" className={`${th} text-right`}>{t("timeInStatus.stays")}</th>
                <th scope="col" className={`${th} text-right`}>{t("turnaround.median")}</th>
                <th scope="col" className={`${th} text-right`}>{t("turnaround.p90")}</th>
                <th scope="col" className={`${th} text-right`}>{t("timeInStatus.average")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.status} data-status={row.status}>
                  <th scope="row" className="px-4 py-2.5 text-left font-medium text-slate-900">{statusLabel(row.status, locale)}</th>
                  <td className={`${td} text-right`}>{format.number(row.count)}</td>
                  <td className={`${td} text-right`}>{duration(row.medianSeconds)}</td>
                  <td className={`${td} text-right`}>{duration(row.p90Seconds)}</td>
                  <td className={`${td} text-right`}>{duration(row.averageSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
