import { getTranslations } from "next-intl/server";
import type { ReportQuery } from "@/lib/reports/filters";
import { Button } from "@/components/ui/button";

const control =
  "block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-500 aria-[invalid=true]:ring-red-400";

/** The period and (for whole-firm viewers) the advisor: a plain GET form, so every view has its own address. */
export async function ReportFilters({
  query,
  advisors,
  errors = {},
  values,
}: {
  query: Pick<ReportQuery, "from" | "to" | "advisorId" | "wholeFirm">;
  advisors: Array<{ id: string; name: string }> | null;
  errors?: Record<string, string[]>;
  values?: { from?: string; to?: string; advisor?: string };
}) {
  const t = await getTranslations("reports.filters");
  const field = (name: "from" | "to", label: string, value: string) => (
    <div className="min-w-40">
      <label htmlFor={`report-${name}`} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input id={`report-${name}`} name={name} type="date" defaultValue={value} required className={`mt-1 ${control}`} aria-invalid={errors[name] ? true : undefined} aria-describedby={errors[name] ? `report-${name}-error` : undefined} />
      {errors[name] ? (
        <p id={`report-${name}-error`} className="mt-1 text-xs text-red-700">
          {errors[name]!.join(" ")}
        </p>
      ) : null}
    </div>
  );
  return (
    <form method="get" action="/reports" className="mb-6 flex flex-wrap items-end gap-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-label={t("label")}>
      {field("from", t("from"), values?.from ?? query.from)}
      {field("to", t("to"), values?.to ?? query.to)}
      {advisors ? (
        <div className="min-w-52">
          <label htmlFor="report-advisor" className="block text-sm font-medium text-slate-800">
            {t("advisor")}
          </label>
          <select id="report-advisor" name="advisor" defaultValue={values?.advisor ?? query.advisorId ?? ""} className={`mt-1 ${control}`} aria-invalid={errors.advisor ? true : undefined}>
            <option value="">{t("allAdvisors")}</option>
            {advisors.map((advisor) => (
              <option key={advisor.id} value={advisor.id}>
                {advisor.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit">{t("show")}</Button>
        <a href="/reports" className="inline-flex items-center rounded-lg px-3.5 py-2 text-sm font-semibold text-slate-700 hover:bg-slate-100">
          {t("reset")}
        </a>
      </div>
    </form>
  );
}
