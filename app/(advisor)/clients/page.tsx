import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { seesWholeFirm } from "@/lib/auth/roles";
import { listClients } from "@/lib/clients/queries";
import { ButtonLink } from "@/components/ui/button";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/layout";
import { formatterFor } from "@/lib/format";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("clients");
  return { title: t("list.title") };
}

type Search = Promise<{ q?: string; after?: string }>;

export default async function ClientsPage({ searchParams }: { searchParams: Search }) {
  const user = await requirePageUser({ next: "/clients" });
  const { q, after } = await searchParams;
  const { items, nextCursor } = await listClients(user, { q, after });
  const t = await getTranslations("clients.list");
  const format = formatterFor((await getLocale()) === "de" ? "de" : "en");
  const query = (params: Record<string, string | undefined>) =>
    `/clients?${new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1]))).toString()}`;

  return (
    <>
      <PageHeader
        title={t("title")}
        description={seesWholeFirm(user.role) ? t("descriptionAdmin") : t("descriptionAdvisor")}
        actions={<ButtonLink href="/clients/new">{t("newClient")}</ButtonLink>}
      />
      <Card>
        <form role="search" action="/clients" className="flex gap-3 border-b border-slate-100 p-4">
          <label htmlFor="client-search" className="sr-only">
            {t("searchLabel")}
          </label>
          <input
            id="client-search"
            name="q"
            type="search"
            defaultValue={q}
            placeholder={t("searchPlaceholder")}
            className="block w-full max-w-md rounded-lg border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-500 focus:ring-2 focus:ring-brand-500"
          />
          <button type="submit" className="rounded-lg bg-white px-3.5 py-2 text-sm font-semibold ring-1 ring-slate-300 hover:bg-slate-50">
            {t("search")}
          </button>
          {q ? (
            <Link href="/clients" className="self-center text-sm text-slate-600 underline">
              {t("clear")}
            </Link>
          ) : null}
        </form>
        {items.length === 0 ? (
          <EmptyState
            title={q ? t("noMatch", { q }) : t("empty.title")}
            action={q ? undefined : <ButtonLink href="/clients/new">{t("empty.action")}</ButtonLink>}
          >
            {q ? t("noMatchHint") : t("empty.text")}
          </EmptyState>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-5 py-2.5 font-medium">{t("name")}</th>
                <th scope="col" className="px-5 py-2.5 font-medium">{t("email")}</th>
                <th scope="col" className="hidden px-5 py-2.5 font-medium md:table-cell">{t("born")}</th>
                <th scope="col" className="hidden px-5 py-2.5 font-medium md:table-cell">{t("city")}</th>
                {seesWholeFirm(user.role) ? <th scope="col" className="hidden px-5 py-2.5 font-medium lg:table-cell">{t("advisor")}</th> : null}
                <th scope="col" className="px-5 py-2.5 text-right font-medium">{t("contracts")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((client) => (
                <tr key={client.id} className="hover:bg-slate-50">
                  <td className="px-5 py-3">
                    <Link href={`/clients/${client.id}`} className="font-medium text-brand-700 hover:underline">
                      {client.displayName}
                    </Link>
                    {client.kind === "COMPANY" ? <span className="ml-2"><Badge>{t("company")}</Badge></span> : null}
                  </td>
                  <td className="px-5 py-3 text-slate-600">{client.email ?? "—"}</td>
                  <td className="hidden px-5 py-3 text-slate-600 md:table-cell">{client.birthDate ? format.date(client.birthDate) : "—"}</td>
                  <td className="hidden px-5 py-3 text-slate-600 md:table-cell">{client.city ?? "—"}</td>
                  {seesWholeFirm(user.role) ? <td className="hidden px-5 py-3 text-slate-600 lg:table-cell">{client.owner.name}</td> : null}
                  <td className="px-5 py-3 text-right tabular-nums text-slate-600">{client._count.contracts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {after || nextCursor ? (
          <nav aria-label={t("pages")} className="flex justify-between border-t border-slate-100 px-5 py-3 text-sm">
            {after ? <Link href={query({ q })} className="font-medium text-brand-700 hover:underline">← {t("firstPage")}</Link> : <span />}
            {nextCursor ? <Link href={query({ q, after: nextCursor })} className="font-medium text-brand-700 hover:underline">{t("nextPage")} →</Link> : null}
          </nav>
        ) : null}
      </Card>
    </>
  );
}
