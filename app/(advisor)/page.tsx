import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { seesWholeFirm } from "@/lib/auth/roles";
import { getPipeline, statusParamOf, PIPELINE_PAGE_SIZE, type Pipeline } from "@/lib/contracts/pipeline";
import { PHASES, statusLabel, type Turn } from "@/lib/contracts/status";
import { getLocale, getTranslations } from "next-intl/server";
import { formatterFor } from "@/lib/format";
import { translate } from "@/lib/i18n/translate";
import { AppError } from "@/lib/errors";
import { ButtonLink } from "@/components/ui/button";
import { Alert } from "@/components/ui/field";
import { Card, EmptyState, PageHeader } from "@/components/ui/layout";
import { StatusBadge } from "@/components/contracts/status-badge";
import { TurnBadge } from "@/components/contracts/turn-badge";
import { TimeInStatus } from "@/components/contracts/time-in-status";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("pipeline");
  return { title: t("title") };
}

type Search = Promise<Record<string, string | string[] | undefined>>;
type Filters = { status?: string; turn?: string; provider?: string; advisor?: string; client?: string; pageSize?: string; pageToken?: string };

const control =
  "block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-500 focus:ring-2 focus:ring-inset focus:ring-brand-500";
const link = "font-medium text-brand-700 hover:underline";

function hrefOf(filters: Filters): string {
  const params = new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const search = params.toString();
  return search ? `/?${search}` : "/";
}

const TURN_TONES: Record<Exclude<Turn, "none">, string> = {
  advisor: "bg-brand-600 text-white ring-brand-600 hover:bg-brand-700",
  customer: "bg-white text-slate-800 ring-slate-200 hover:bg-slate-50",
  provider: "bg-white text-slate-800 ring-slate-200 hover:bg-slate-50",
};
const STORED = { advisor: "ADVISOR", customer: "CUSTOMER", provider: "PROVIDER", none: "NONE" } as const;

export default async function PipelinePage({ searchParams }: { searchParams: Search }) {
  const user = await requirePageUser({ next: "/" });
  const params = await searchParams;
  const isAdmin = seesWholeFirm(user.role);
  const locale = await getLocale();
  const [t, ts] = await Promise.all([getTranslations("pipeline"), getTranslations("status")]);
  const format = formatterFor(locale === "de" ? "de" : "en");

  let pipeline: Pipeline;
  try {
    pipeline = await getPipeline(user, params);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return (
      <>
        <PageHeader title={t("title")} actions={<ButtonLink href="/proposals/new">{t("newProposal")}</ButtonLink>} />
        <Alert>
          {translate(locale, error.msg)}{" "}
          <Link href="/" className="font-semibold underline">
            {t("clearFilters")}
          </Link>
        </Alert>
      </>
    );
  }

  const { query, counts, rows, options, asOf } = pipeline;
  const status = statusParamOf(query.status);
  const filters: Filters = {
    status,
    turn: query.turn,
    provider: query.provider,
    advisor: isAdmin ? query.advisor : undefined,
    client: query.client,
    pageSize: query.pageSize === PIPELINE_PAGE_SIZE ? undefined : String(query.pageSize),
  };
  const turns = (["advisor", "customer", "provider"] as const).map((turn) => ({ turn, count: counts.byTurn[turn] }));
  const nothingYet = !pipeline.filtered && counts.total === 0 && !query.pageToken;
  const statusIsListed = !status || PHASES.some((entry) => entry.phase === status) || counts.byStatus.some((entry) => String(entry.status.code) === status);

  return (
    <>
      <PageHeader
        title={t("title")}
        description={isAdmin ? t("descriptionAdmin") : t("descriptionAdvisor", { name: user.name.split(" ")[0] ?? user.name })}
        actions={
          <>
            <ButtonLink href="/clients/new" variant="secondary">
              {t("newClient")}
            </ButtonLink>
            <ButtonLink href="/proposals/new">{t("newProposal")}</ButtonLink>
          </>
        }
      />

      {nothingYet ? (
        <Card>
          <EmptyState
            title={t("empty.title")}
            action={
              <div className="flex justify-center gap-3">
                <ButtonLink href="/proposals/new">{t("newProposal")}</ButtonLink>
                <ButtonLink href="/clients" variant="secondary">
                  {t("empty.goToClients")}
                </ButtonLink>
              </div>
            }
          >
            {t("empty.text")}
          </EmptyState>
        </Card>
      ) : (
        <>
          <nav aria-label={t("phasesLabel")} className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
            <PhaseLink href={hrefOf({ ...filters, status: undefined })} label={t("all")} count={counts.total} active={!status} />
            {PHASES.map(({ phase }) => (
              <PhaseLink key={phase} href={hrefOf({ ...filters, status: status === phase ? undefined : phase })} label={ts(`phases.${phase}`)} count={counts.byPhase[phase]} active={status === phase} />
            ))}
          </nav>

          <section aria-label={t("whoseTurn")} className="mb-6 grid gap-3 sm:grid-cols-3">
            {turns.map(({ turn, count }) => (
              <Link
                key={turn}
                href={hrefOf({ ...filters, turn: query.turn === turn ? undefined : turn })}
                aria-current={query.turn === turn ? "true" : undefined}
                className={`flex items-center justify-between gap-3 rounded-xl px-4 py-3 shadow-sm ring-1 ring-inset transition-colors aria-[current=true]:ring-2 aria-[current=true]:ring-brand-500 ${TURN_TONES[count > 0 ? turn : "provider"]}`}
              >
                <span>
                  <span className="block text-sm font-semibold">{ts(`turns.${STORED[turn]}`)}</span>
                  <span className={`block text-xs ${turn === "advisor" && count > 0 ? "text-brand-100" : "text-slate-600"}`}>
                    {turn === "advisor" && counts.needsAttention > 0 ? <span data-testid="attention-count">{t("needAttention", { count: counts.needsAttention })} · </span> : null}
                    {t(`turnHints.${turn}`)}
                  </span>
                </span>
                <span className="text-2xl font-semibold tabular-nums" data-testid={`turn-count-${turn}`}>
                  {count}
                </span>
              </Link>
            ))}
          </section>

          <Card>
            <form role="search" aria-label={t("filters.label")} action="/" method="get" className="flex flex-wrap items-end gap-3 border-b border-slate-100 p-4">
              <div className="min-w-48 flex-1">
                <label htmlFor="filter-status" className="block text-xs font-medium text-slate-600">
                  {t("filters.status")}
                </label>
                <select id="filter-status" name="status" defaultValue={status} className={`mt-1 ${control}`}>
                  <option value="">{t("filters.allStatuses")}</option>
                  {!statusIsListed ? <option value={status}>{t("filters.selectedStatuses", { status: status ?? "" })}</option> : null}
                  <optgroup label={t("filters.phase")}>
                    {PHASES.map(({ phase }) => (
                      <option key={phase} value={phase}>
                        {ts(`phases.${phase}`)} ({counts.byPhase[phase]})
                      </option>
                    ))}
                  </optgroup>
                  {counts.byStatus.length ? (
                    <optgroup label={t("filters.status")}>
                      {counts.byStatus.map((entry) => (
                        <option key={entry.status.code} value={String(entry.status.code)}>
                          {statusLabel(entry.status.code, locale)} ({entry.count})
                        </option>
                      ))}
                    </optgroup>
                  ) : null}
                </select>
              </div>
              <div className="min-w-40 flex-1">
                <label htmlFor="filter-turn" className="block text-xs font-medium text-slate-600">
                  {t("whoseTurn")}
                </label>
                <select id="filter-turn" name="turn" defaultValue={query.turn ?? ""} className={`mt-1 ${control}`}>
                  <option value="">{t("filters.anyone")}</option>
                  {(["advisor", "customer", "provider", "none"] as const).map((turn) => (
                    <option key={turn} value={turn}>
                      {ts(`turns.${STORED[turn]}`)} ({counts.byTurn[turn]})
                    </option>
                  ))}
                </select>
              </div>
              <div className="min-w-44 flex-1">
                <label htmlFor="filter-provider" className="block text-xs font-medium text-slate-600">
                  {t("filters.provider")}
                </label>
                <select id="filter-provider" name="provider" defaultValue={query.provider ?? ""} className={`mt-1 ${control}`}>
                  <option value="">{t("filters.allProviders")}</option>
                  {options.providers.map((provider) => (
                    <option key={provider.id} value={provider.id}>
                      {provider.name}
                    </option>
                  ))}
                </select>
              </div>
              {options.advisors ? (
                <div className="min-w-44 flex-1">
                  <label htmlFor="filter-advisor" className="block text-xs font-medium text-slate-600">
                    {t("filters.advisor")}
                  </label>
                  <select id="filter-advisor" name="advisor" defaultValue={query.advisor ?? ""} className={`mt-1 ${control}`}>
                    <option value="">{t("filters.allAdvisors")}</option>
                    {options.advisors.map((advisor) => (
                      <option key={advisor.id} value={advisor.id}>
                        {advisor.name}
                        {advisor.disabled ? ` ${t("filters.disabled")}` : ""}
                      </option>
                    ))}
                  </select>
                </div>
              ) : null}
              <div className="min-w-48 flex-1">
                <div className="flex items-baseline justify-between gap-2">
                  <label htmlFor="filter-client" className="block text-xs font-medium text-slate-600">
                    {t("filters.client")}
                  </label>
                  {options.client ? (
                    <span id="filter-client-hint" className="truncate text-xs text-slate-600">
                      {options.client.displayName}
                    </span>
                  ) : null}
                </div>
                <input
                  id="filter-client"
                  name="client"
                  type="search"
                  defaultValue={query.client ?? ""}
                  placeholder={t("filters.clientPlaceholder")}
                  aria-describedby={options.client ? "filter-client-hint" : undefined}
                  className={`mt-1 ${control}`}
                />
              </div>
              {filters.pageSize ? <input type="hidden" name="pageSize" value={filters.pageSize} /> : null}
              <div className="flex items-center gap-3">
                <button type="submit" className="rounded-lg bg-white px-3.5 py-2 text-sm font-semibold text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50">
                  {t("filters.apply")}
                </button>
                {pipeline.filtered ? (
                  <Link href="/" className="whitespace-nowrap text-sm text-slate-600 underline">
                    {t("clearFilters")}
                  </Link>
                ) : null}
              </div>
            </form>

            {rows.length === 0 ? (
              pipeline.filtered ? (
                <EmptyState title={t("noMatch.title")} action={<ButtonLink href="/" variant="secondary">{t("clearFilters")}</ButtonLink>}>
                  {t("noMatch.text")}
                </EmptyState>
              ) : (
                <EmptyState title={t("noMore.title")} action={<ButtonLink href={hrefOf({ ...filters, pageToken: undefined })} variant="secondary">{t("firstPage")}</ButtonLink>}>
                  {t("noMore.text")}
                </EmptyState>
              )
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full text-left text-sm">
                  <caption className="sr-only">{t("table.caption")}</caption>
                  <thead className="whitespace-nowrap bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
                    <tr>
                      <th scope="col" className="px-5 py-2.5 font-medium">{t("table.client")}</th>
                      <th scope="col" className="hidden px-5 py-2.5 font-medium md:table-cell">{t("table.product")}</th>
                      <th scope="col" className="px-5 py-2.5 font-medium">{t("table.status")}</th>
                      <th scope="col" className="hidden px-5 py-2.5 font-medium md:table-cell">{t("whoseTurn")}</th>
                      <th scope="col" className="hidden px-5 py-2.5 font-medium sm:table-cell">{t("table.inStatus")}</th>
                      {isAdmin ? <th scope="col" className="hidden px-5 py-2.5 font-medium lg:table-cell">{t("table.advisor")}</th> : null}
                      <th scope="col" className="px-5 py-2.5 text-right font-medium">{t("table.premium")}</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {rows.map((row) => (
                      <tr key={row.id} data-contract-id={row.id} className={`hover:bg-slate-50 ${row.turn === "ADVISOR" ? "bg-brand-50/40" : ""}`}>
                        <th scope="row" className="px-5 py-3 font-normal">
                          <Link href={`/contracts/${row.id}`} className={link}>
                            {row.client.displayName}
                          </Link>
                          <span className="block text-xs text-slate-600 md:hidden">
                            {row.product?.name ?? t("table.noProduct")} · {row.provider.name}
                          </span>
                        </th>
                        <td className="hidden px-5 py-3 md:table-cell">
                          <span className="block text-slate-900">{row.product?.name ?? <span className="text-slate-600">{t("table.noProduct")}</span>}</span>
                          <span className="block text-xs text-slate-600">{row.provider.name}</span>
                        </td>
                        <td className="px-5 py-3">
                          <StatusBadge code={row.status.code} />
                          <span className="mt-1 block text-xs text-slate-600 sm:hidden">
                            {t("table.for")} <TimeInStatus since={row.statusChangedAt} now={asOf} />
                          </span>
                        </td>
                        <td className="hidden px-5 py-3 md:table-cell">
                          <TurnBadge turn={row.turn} needsAttention={row.needsAttention} />
                        </td>
                        <td className="hidden px-5 py-3 text-slate-600 sm:table-cell">
                          <TimeInStatus since={row.statusChangedAt} now={asOf} />
                        </td>
                        {isAdmin ? <td className="hidden px-5 py-3 text-slate-600 lg:table-cell">{row.advisor.name}</td> : null}
                        <td className="whitespace-nowrap px-5 py-3 text-right tabular-nums text-slate-900">{format.money(row.premium, row.currency) ?? "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}

            {query.pageToken || pipeline.nextPageToken ? (
              <nav aria-label={t("pages")} className="flex justify-between border-t border-slate-100 px-5 py-3 text-sm">
                {query.pageToken ? (
                  <Link href={hrefOf(filters)} className={link}>
                    ← {t("firstPage")}
                  </Link>
                ) : (
                  <span />
                )}
                {pipeline.nextPageToken ? (
                  <Link href={hrefOf({ ...filters, pageToken: pipeline.nextPageToken })} className={link}>
                    {t("nextPage")} →
                  </Link>
                ) : null}
              </nav>
            ) : null}
          </Card>
        </>
      )}
    </>
  );
}

function PhaseLink({ href, label, count, active }: { href: string; label: string; count: number; active: boolean }) {
  return (
    <Link
      href={href}
      aria-current={active ? "true" : undefined}
      className="group rounded-xl bg-white px-4 py-3 shadow-sm ring-1 ring-slate-200 transition-colors hover:ring-brand-500 aria-[current=true]:bg-brand-50 aria-[current=true]:ring-2 aria-[current=true]:ring-brand-600"
    >
      <span className="block text-sm text-slate-600 group-aria-[current=true]:text-brand-700">{label}</span>
      <span className="mt-0.5 block text-2xl font-semibold tabular-nums text-slate-900">{count}</span>
    </Link>
  );
}
