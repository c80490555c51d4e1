import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { listProviders } from "@/lib/providers/queries";
import { getLocale, getTranslations } from "next-intl/server";
import { formatterFor } from "@/lib/format";
import { ButtonLink } from "@/components/ui/button";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/layout";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("providers.list");
  return { title: t("title") };
}

export default async function ProvidersPage() {
  const admin = await requirePageUser({ admin: true, next: "/admin/providers" });
  const [providers, t, nav, locale] = await Promise.all([listProviders(admin), getTranslations("providers.list"), getTranslations("admin.nav"), getLocale()]);
  const f = formatterFor(locale === "de" ? "de" : "en");
  return (
    <>
      <PageHeader
        title={t("title")}
        back={<Link href="/admin" className="text-slate-600 hover:underline">← {nav("administration")}</Link>}
        description={t("description")}
        actions={<ButtonLink href="/admin/providers/new">{t("register")}</ButtonLink>}
      />
      <Card>
        {providers.length === 0 ? (
          <EmptyState title={t("emptyTitle")} action={<ButtonLink href="/admin/providers/new">{t("register")}</ButtonLink>}>
            {t("emptyText")}
          </EmptyState>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-5 py-2.5 font-medium">{t("columns.provider")}</th>
                <th scope="col" className="px-5 py-2.5 font-medium">{t("columns.status")}</th>
                <th scope="col" className="hidden px-5 py-2.5 font-medium md:table-cell">{t("columns.lastTest")}</th>
                <th scope="col" className="px-5 py-2.5 text-right font-medium">{t("columns.products")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {providers.map((provider) => (
                <tr key={provider.id} className="hover:bg-slate-50">
                  <td className="px-5 py-3">
                    <Link href={`/admin/providers/${provider.id}`} className="font-medium text-brand-700 hover:underline">
                      {provider.name}
                    </Link>
                    <p className="text-slate-600">{provider.baseUrl}</p>
                  </td>
                  <td className="px-5 py-3">
                    {provider.enabled ? <Badge tone="emerald">{t("enabled")}</Badge> : <Badge>{t("disabled")}</Badge>}
                    {!provider.enabled && !provider.lastCheckOk ? <p className="mt-1 text-xs text-slate-600">{t("testThenEnable")}</p> : null}
                  </td>
                  <td className="hidden px-5 py-3 md:table-cell">
                    {provider.lastCheckedAt ? (
                      <span className="flex items-center gap-2">
                        {provider.lastCheckOk ? <Badge tone="emerald">{t("ok")}</Badge> : <Badge tone="red">{t("failed")}</Badge>}
                        <span className="text-slate-600">{f.dateTime(provider.lastCheckedAt)}</span>
                      </span>
                    ) : (
                      <span className="text-slate-600">{t("neverTested")}</span>
                    )}
                  </td>
                  <td className="px-5 py-3 text-right tabular-nums">{f.number(provider._count.products)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
