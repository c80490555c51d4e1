import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { listTasks } from "@/lib/tasks/task-list";
import { formatterFor } from "@/lib/format";
import { ButtonLink } from "@/components/ui/button";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/layout";
import { StatusBadge } from "@/components/contracts/status-badge";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("tasks.page");
  return { title: t("title") };
}

type Search = Promise<Record<string, string | string[] | undefined>>;

const control =
  "block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-500";

export default async function TasksPage({ searchParams }: { searchParams: Search }) {
  const user = await requirePageUser({ next: "/tasks" });
  const params = await searchParams;
  const [list, t, tk, locale] = await Promise.all([listTasks(user, { advisor: params.advisor }), getTranslations("tasks.page"), getTranslations("tasks.kinds"), getLocale()]);
  const format = formatterFor(locale === "de" ? "de" : "en");
  const wholeFirm = list.advisors !== null;

  return (
    <>
      <PageHeader title={t("title")} description={wholeFirm ? t("descriptionFirm", { days: list.dueDays }) : t("descriptionAdvisor", { days: list.dueDays })} />

      {wholeFirm ? (
        <form method="get" action="/tasks" className="mb-4 flex flex-wrap items-end gap-3">
          <div className="w-64">
            <label htmlFor="tasks-advisor" className="block text-sm font-medium text-slate-700">
              {t("filterLabel")}
            </label>
            <select id="tasks-advisor" name="advisor" defaultValue={list.advisorFilter ?? ""} className={`mt-1.5 ${control}`}>
              <option value="">{t("everyone")}</option>
              {list.advisors!.map((advisor) => (
                <option key={advisor.id} value={advisor.id}>
                  {advisor.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="rounded-lg bg-white px-3 py-2 text-sm font-medium text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
            {t("show")}
          </button>
        </form>
      ) : null}

      {list.total === 0 ? (
        <Card>
          <EmptyState title={t("emptyTitle")} action={<ButtonLink href="/">{t("emptyAction")}</ButtonLink>}>
            {list.advisorFilter ? t("emptyFiltered") : t("emptyText")}
          </EmptyState>
        </Card>
      ) : (
        <>
          <p className="mb-3 text-sm text-slate-700" role="status" data-testid="tasks-summary">
            <span className="font-semibold">{t("summary", { total: list.total })}</span>
            {list.overdue > 0 ? <span className="font-semibold text-red-700"> · {t("overdueSummary", { count: list.overdue })}</span> : null}
          </p>
          <Card>
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">{t("tableCaption")}</caption>
                <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
                  <tr>
                    <th scope="col" className="px-5 py-2.5 font-medium">{t("due")}</th>
                    <th scope="col" className="px-5 py-2.5 font-medium">{t("task")}</th>
                    <th scope="col" className="px-5 py-2.5 font-medium">{t("client")}</th>
                    <th scope="col" className="hidden px-5 py-2.5 font-medium md:table-cell">{t("provider")}</th>
                    {wholeFirm ? <th scope="col" className="hidden px-5 py-2.5 font-medium lg:table-cell">{t("advisor")}</th> : null}
                    <th scope="col" className="px-5 py-2.5 font-medium">{t("action")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {list.tasks.map((task) => (
                    <tr key={task.key} data-task={task.kind} data-contract-id={task.contractId ?? undefined} className={task.overdue ? "bg-red-50/60" : undefined}>
                      <td className="whitespace-nowrap px-5 py-3 align-top">
                        <p className={task.overdue ? "font-semibold text-red-800" : "text-slate-900"}>{format.date(task.due)}</p>
                        {task.overdue ? <Badge tone="red">{t("overdue")}</Badge> : <p className="text-xs text-slate-600">{t("since", { date: format.date(task.since) })}</p>}
                      </td>
                      <td className="px-5 py-3 align-top">
                        <p className="font-medium text-slate-900">{tk(`${task.kind}.title`)}</p>
                        {task.status !== null ? (
                          <p className="mt-1">
                            <StatusBadge code={task.status} />
                          </p>
                        ) : null}
                      </td>
                      <td className="px-5 py-3 align-top text-slate-900">{task.clientName ?? <span className="text-slate-600">{t("firm")}</span>}</td>
                      <td className="hidden px-5 py-3 align-top text-slate-700 md:table-cell">
                        {task.providerName}
                        {task.productName ? <span className="block text-xs text-slate-600">{task.productName}</span> : null}
                      </td>
                      {wholeFirm ? <td className="hidden px-5 py-3 align-top text-slate-700 lg:table-cell">{task.advisor?.name ?? "–"}</td> : null}
                      <td className="px-5 py-3 align-top">
                        <Link href={task.href} className="font-medium text-brand-700 hover:underline">
                          {tk(`${task.kind}.action`)}
                          {task.clientName ? <span className="sr-only"> ({task.clientName})</span> : null}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        </>
      )}
    </>
  );
}
