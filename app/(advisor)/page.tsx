import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { getPipeline, statusParamOf, PIPELINE_PAGE_SIZE, type Pipeline } from "@/lib/contracts/pipeline";
import { PHASES, type Turn } from "@/lib/contracts/status";
import { formatMoney } from "@/lib/format";
import { AppError } from "@/lib/errors";
import { ButtonLink } from "@/components/ui/button";
import { Alert } from "@/components/ui/field";
import { Card, EmptyState, PageHeader } from "@/components/ui/layout";
import { StatusBadge } from "@/components/contracts/status-badge";
import { TurnBadge, TURN_LABELS } from "@/components/contracts/turn-badge";
import { TimeInStatus } from "@/components/contracts/time-in-status";

export const metadata: Metadata = { title: "Pipeline" };

type Search = Promise<Record<string, string | string[] | undefined>>;
type Filters = { status?: string; turn?: string; provider?: string; advisor?: string; client?: string; pageSize?: string; pageToken?: string };

const control =
  "block w-full rounded-lg border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-500";
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
const TURN_HINTS: Record<Exclude<Turn, "none">, string> = {
  advisor: "Drafts, data asked for, approvals to send or renew, declines, orders",
  customer: "Approval links the customer has not answered yet",
  provider: "Requested, ordered or under review",
};
const STORED = { advisor: "ADVISOR", customer: "CUSTOMER", provider: "PROVIDER", none: "NONE" } as const;

export default async function PipelinePage({ searchParams }: { searchParams: Search }) {
  const user = await requirePageUser({ next: "/" });
  const params = await searchParams;
  const isAdmin = user.role === "ADMIN";

  let pipeline: Pipeline;
  try {
    pipeline = await getPipeline(user, params);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return (
      <>
        <PageHeader title="Pipeline" actions={<ButtonLink href="/proposals/new">New proposal</ButtonLink>} />
        <Alert>
          {error.message}{" "}
          <Link href="/" className="font-semibold underline">
            Clear filters
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
        title="Pipeline"
        description={isAdmin ? "Every contract of your firm, by phase. Most recent status change first." : `Good to see you, ${user.name.split(" ")[0]}. Your proposals and contracts, by phase.`}
        actions={
          <>
            <ButtonLink href="/clients/new" variant="secondary">
              New client
            </ButtonLink>
            <ButtonLink href="/proposals/new">New proposal</ButtonLink>
          </>
        }
      />

      {nothingYet ? (
        <Card>
          <EmptyState
            title="No proposals yet"
            action={
              <div className="flex justify-center gap-3">
                <ButtonLink href="/proposals/new">New proposal</ButtonLink>
                <ButtonLink href="/clients" variant="secondary">
                  Go to your clients
                </ButtonLink>
              </div>
            }
          >
            Pick a client, choose a provider and product, and request a proposal. It appears here, grouped by phase, and moves along as the provider and the customer answer.
          </EmptyState>
        </Card>
      ) : (
        <>
          <nav aria-label="Phases" className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
            <PhaseLink href={hrefOf({ ...filters, status: undefined })} label="All" count={counts.total} active={!status} />
            {PHASES.map(({ phase, label }) => (
              <PhaseLink key={phase} href={hrefOf({ ...filters, status: status === phase ? undefined : phase })} label={label} count={counts.byPhase[phase]} active={status === phase} />
            ))}
          </nav>

          <section aria-label="Whose turn" className="mb-6 grid gap-3 sm:grid-cols-3">
            {turns.map(({ turn, count }) => (
              <Link
                key={turn}
                href={hrefOf({ ...filters, turn: query.turn === turn ? undefined : turn })}
                aria-current={query.turn === turn ? "true" : undefined}
                className={`flex items-center justify-between gap-3 rounded-xl px-4 py-3 shadow-sm ring-1 ring-inset transition-colors aria-[current=true]:ring-2 aria-[current=true]:ring-brand-500 ${TURN_TONES[count > 0 ? turn : "provider"]}`}
              >
                <span>
                  <span className="block text-sm font-semibold">{TURN_LABELS[STORED[turn]]}</span>
                  <span className={`block text-xs ${turn === "advisor" && count > 0 ? "text-brand-100" : "text-slate-500"}`}>
                    {turn === "advisor" && counts.needsAttention > 0 ? <span data-testid="attention-count">{counts.needsAttention} need attention · </span> : null}
                    {TURN_HINTS[turn]}
                  </span>
                </span>
                <span className="text-2xl font-semibold tabular-nums" data-testid={`turn-count-${turn}`}>
                  {count}
                </span>
              </Link>
            ))}
          </section>

          <Card>
            <form role="search" aria-label="Filter contracts" action="/" method="get" className="flex flex-wrap items-end gap-3 border-b border-slate-100 p-4">
              <div className="min-w-48 flex-1">
                <label htmlFor="filter-status" className="block text-xs font-medium text-slate-600">
                  Status
                </label>
                <select id="filter-status" name="status" defaultValue={status} className={`mt-1 ${control}`}>
                  <option value="">All statuses</option>
                  {!statusIsListed ? <option value={status}>Selected statuses ({status})</option> : null}
                  <optgroup label="Phase">
                    {PHASES.map(({ phase, label }) => (
                      <option key={phase} value={phase}>
                        {label} ({counts.byPhase[phase]})
                      </option>
                    ))}
                  </optgroup>
                  {counts.byStatus.length ? (
                    <optgroup label="Status">
                      {counts.byStatus.map((entry) => (
                        <option key={entry.status.code} value={String(entry.status.code)}>
                          {entry.status.label} ({entry.count})
                        </option>
                      ))}
                    </optgroup>
                  ) : null}
                </select>
              </div>
              <div className="min-w-40 flex-1">
                <label htmlFor="filter-turn" className="block text-xs font-medium text-slate-600">
                  Whose turn
                </label>
                <select id="filter-turn" name="turn" defaultValue={query.turn ?? ""} className={`mt-1 ${control}`}>
                  <option value="">Anyone</option>
                  {(["advisor", "customer", "provider", "none"] as const).map((turn) => (
                    <option key={turn} value={turn}>
                      {TURN_LABELS[STORED[turn]]} ({counts.byTurn[turn]})
                    </option>
                  ))}
                </select>
              </div>
              <div className="min-w-44 flex-1">
                <label htmlFor="filter-provider" className="block text-xs font-medium text-slate-600">
                  Provider
                </label>
                <select id="filter-provider" name="provider" defaultValue={query.provider ?? ""} className={`mt-1 ${control}`}>
                  <option value="">All providers</option>
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
                    Advisor
                  </label>
                  <select id="filter-advisor" name="advisor" defaultValue={query.advisor ?? ""} className={`mt-1 ${control}`}>
                    <option value="">All advisors</option>
                    {options.advisors.map((advisor) => (
                      <option key={advisor.id} value={advisor.id}>
                        {advisor.name}
                        {advisor.disabled ? " (disabled)" : ""}
                      </option>
                    ))}
                  </select>
                </div>
              ) : null}
              <div className="min-w-48 flex-1">
                <div className="flex items-baseline justify-between gap-2">
                  <label htmlFor="filter-client" className="block text-xs font-medium text-slate-600">
                    Client
                  </label>
                  {options.client ? (
                    <span id="filter-client-hint" className="truncate text-xs text-slate-500">
                      {options.client.displayName}
                    </span>
                  ) : null}
                </div>
                <input
                  id="filter-client"
                  name="client"
                  type="search"
                  defaultValue={query.client ?? ""}
                  placeholder="Name or email"
                  aria-describedby={options.client ? "filter-client-hint" : undefined}
                  className={`mt-1 ${control}`}
                />
              </div>
              {filters.pageSize ? <input type="hidden" name="pageSize" value={filters.pageSize} /> : null}
              <div className="flex items-center gap-3">
                <button type="submit" className="rounded-lg bg-white px-3.5 py-2 text-sm font-semibold text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50">
                  Apply filters
                </button>
                {pipeline.filtered ? (
                  <Link href="/" className="whitespace-nowrap text-sm text-slate-600 underline">
                    Clear filters
                  </Link>
                ) : null}
              </div>
            </form>

            {rows.length === 0 ? (
              pipeline.filtered ? (
                <EmptyState title="No contracts match these filters" action={<ButtonLink href="/" variant="secondary">Clear filters</ButtonLink>}>
                  Try another status or provider, or part of the client&apos;s name.
                </EmptyState>
              ) : (
                <EmptyState title="No more contracts" action={<ButtonLink href={hrefOf({ ...filters, pageToken: undefined })} variant="secondary">First page</ButtonLink>}>
                  You have reached the end of the list.
                </EmptyState>
              )
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full text-left text-sm">
                  <caption className="sr-only">Contracts, most recent status change first</caption>
                  <thead className="whitespace-nowrap bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
                    <tr>
                      <th scope="col" className="px-5 py-2.5 font-medium">Client</th>
                      <th scope="col" className="hidden px-5 py-2.5 font-medium md:table-cell">Product</th>
                      <th scope="col" className="px-5 py-2.5 font-medium">Status</th>
                      <th scope="col" className="hidden px-5 py-2.5 font-medium md:table-cell">Whose turn</th>
                      <th scope="col" className="hidden px-5 py-2.5 font-medium sm:table-cell">In status</th>
                      {isAdmin ? <th scope="col" className="hidden px-5 py-2.5 font-medium lg:table-cell">Advisor</th> : null}
                      <th scope="col" className="px-5 py-2.5 text-right font-medium">Premium</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {rows.map((row) => (
                      <tr key={row.id} data-contract-id={row.id} className={`hover:bg-slate-50 ${row.turn === "ADVISOR" ? "bg-brand-50/40" : ""}`}>
                        <th scope="row" className="px-5 py-3 font-normal">
                          <Link href={`/contracts/${row.id}`} className={link}>
                            {row.client.displayName}
                          </Link>
                          <span className="block text-xs text-slate-500 md:hidden">
                            {row.product?.name ?? "No product yet"} · {row.provider.name}
                          </span>
                        </th>
                        <td className="hidden px-5 py-3 md:table-cell">
                          <span className="block text-slate-900">{row.product?.name ?? <span className="text-slate-400">No product yet</span>}</span>
                          <span className="block text-xs text-slate-500">{row.provider.name}</span>
                        </td>
                        <td className="px-5 py-3">
                          <StatusBadge code={row.status.code} />
                          <span className="mt-1 block text-xs text-slate-500 sm:hidden">
                            for <TimeInStatus since={row.statusChangedAt} now={asOf} />
                          </span>
                        </td>
                        <td className="hidden px-5 py-3 md:table-cell">
                          <TurnBadge turn={row.turn} needsAttention={row.needsAttention} />
                        </td>
                        <td className="hidden px-5 py-3 text-slate-600 sm:table-cell">
                          <TimeInStatus since={row.statusChangedAt} now={asOf} />
                        </td>
                        {isAdmin ? <td className="hidden px-5 py-3 text-slate-600 lg:table-cell">{row.advisor.name}</td> : null}
                        <td className="whitespace-nowrap px-5 py-3 text-right tabular-nums text-slate-900">{formatMoney(row.premium, row.currency) ?? "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}

            {query.pageToken || pipeline.nextPageToken ? (
              <nav aria-label="Pages" className="flex justify-between border-t border-slate-100 px-5 py-3 text-sm">
                {query.pageToken ? (
                  <Link href={hrefOf(filters)} className={link}>
                    ← First page
                  </Link>
                ) : (
                  <span />
                )}
                {pipeline.nextPageToken ? (
                  <Link href={hrefOf({ ...filters, pageToken: pipeline.nextPageToken })} className={link}>
                    Next page →
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
