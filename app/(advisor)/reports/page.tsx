import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { AppError, translateFieldMessages } from "@/lib/errors";
import { translate } from "@/lib/i18n/translate";
import { formatterFor } from "@/lib/format";
import { advisorOptions, reportQueryOf, type ReportQuery } from "@/lib/reports/filters";
import { allReports } from "@/lib/reports/reports";
import { Alert } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/layout";
import { ReportFilters } from "@/components/reports/report-filters";
import { FunnelSection, TimeInStatusSection, TurnaroundSection } from "@/components/reports/report-sections";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("reports");
  return { title: t("title") };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

const csvHref = (query: ReportQuery, report: string) => {
  const params = new URLSearchParams({ report, from: query.from, to: query.to });
  if (query.advisorId && query.wholeFirm) params.set("advisor", query.advisorId);
  return `/reports/export?${params}`;
};

export default async function ReportsPage({ searchParams }: { searchParams: Search }) {
  const user = await requirePageUser({ next: "/reports" });
  const params = await searchParams;
  const locale = (await getLocale()) === "de" ? "de" : "en";
  const t = await getTranslations("reports");
  const format = formatterFor(locale);

  let query: ReportQuery;
  try {
    query = await reportQueryOf(user, params);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const fallback = await reportQueryOf(user, {});
    const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
    return (
      <>
        <PageHeader title={t("title")} description={fallback.wholeFirm ? t("introFirm") : t("introOwn")} />
        <ReportFilters
          query={fallback}
          advisors={fallback.wholeFirm ? await advisorOptions(user) : null}
          errors={error.fieldMessages ? translateFieldMessages(error.fieldMessages, locale) : {}}
          values={{ from: first(params.from), to: first(params.to), advisor: first(params.advisor) }}
        />
        <Alert>
          {translate(locale, error.msg)}{" "}
          <a href="/reports" className="font-semibold underline">
            {t("filters.reset")}
          </a>
        </Alert>
      </>
    );
  }

  const [reports, advisors] = await Promise.all([allReports(query), query.wholeFirm ? advisorOptions(user) : Promise.resolve(null)]);
  const advisorName = query.advisorId ? (advisors?.find((advisor) => advisor.id === query.advisorId)?.name ?? user.name) : null;
  const day = (value: string) => format.date(value);

  return (
    <>
      <PageHeader title={t("title")} description={query.wholeFirm ? t("introFirm") : t("introOwn")} />
      <ReportFilters query={query} advisors={advisors} />
      <p className="mb-4 text-sm text-slate-700" aria-live="polite">
        {t("showing", { from: day(query.from), to: day(query.to), who: advisorName ?? (query.wholeFirm ? t("filters.allAdvisors") : user.name) })}
      </p>
      <FunnelSection funnel={reports.funnel} csvHref={csvHref(query, "funnel")} />
      <TurnaroundSection rows={reports.turnaround} csvHref={csvHref(query, "turnaround")} />
      <TimeInStatusSection rows={reports.timeInStatus} csvHref={csvHref(query, "time-in-status")} />
    </>
  );
}
