import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { getClientForPage } from "@/lib/clients/load-page-client";
import { formatterFor } from "@/lib/format";
import { ButtonLink } from "@/components/ui/button";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/layout";
import { listClientContracts } from "@/lib/contracts/queries";
import { StatusBadge } from "@/components/contracts/status-badge";
import { RefreshClientContracts } from "@/components/clients/refresh-client-contracts";
import { PrivacyCard } from "@/components/privacy/privacy-card";
import { consentsView } from "@/lib/consents/consents";
import { ConsentsSection } from "@/components/consents/consents-section";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("clients");
  return { title: t("page.metaTitle") };
}

export default async function ClientPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser({ next: `/clients/${id}` });
  const client = await getClientForPage(user, id);
  const contracts = await listClientContracts(user, client.id);
  const consents = await consentsView(user, client.id, (await getLocale()) === "de" ? "de" : "en");
  const t = await getTranslations("clients.page");
  const tc = await getTranslations("common.language");
  const format = formatterFor((await getLocale()) === "de" ? "de" : "en");
  const rows: Array<[string, string | null]> = [
    [t("email"), client.email],
    [t("phone"), client.phone],
    ...(client.kind === "PERSON" ? [[t("birthDate"), client.birthDate ? format.date(client.birthDate) : null] as [string, string | null]] : []),
    [t("address"), [client.street, [client.postalCode, client.city].filter(Boolean).join(" "), client.country].filter(Boolean).join(", ") || null],
    [t("language"), client.locale === "de" || client.locale === "en" ? tc(client.locale) : t("firmDefault")],
    [t("advisor"), client.owner.name],
    [t("captured"), format.dateTime(client.createdAt)],
  ];
  return (
    <>
      <PageHeader
        back={<Link href="/clients" className="text-slate-600 hover:underline">← {t("back")}</Link>}
        title={
          <span className="flex items-center gap-3">
            {client.displayName} {client.kind === "COMPANY" ? <Badge>{t("company")}</Badge> : null}
          </span>
        }
        actions={
          <>
            <ButtonLink href={`/clients/${client.id}/edit`} variant="secondary">{t("edit")}</ButtonLink>
            <ButtonLink href={`/proposals/new?client=${client.id}`}>{t("newProposal")}</ButtonLink>
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title={t("details")} className="lg:col-span-1">
          <dl className="divide-y divide-slate-100 text-sm">
            {rows.map(([label, value]) => (
              <div key={label} className="grid grid-cols-3 gap-2 px-5 py-3">
                <dt className="text-slate-600">{label}</dt>
                <dd className="col-span-2 text-slate-900">{value ?? <span className="text-slate-600">{t("notGiven")}</span>}</dd>
              </div>
            ))}
          </dl>
          {client.providerViews.length > 0 ? (
            <div className="border-t border-slate-100 px-5 py-4 text-sm">
              <h3 className="font-medium text-slate-900">{t("atProviders")}</h3>
              {client.providerViews.map((view) => (
                <div key={`${view.provider}-${view.remoteId}`} className="mt-3">
                  <p className="text-slate-600">
                    {view.provider} <span className="font-mono text-xs text-slate-600">{view.remoteId}</span>
                    {view.updatedAt ? <span className="text-xs text-slate-600"> · {format.dateTime(view.updatedAt)}</span> : null}
                  </p>
                  {view.fields.length === 0 ? (
                    <p className="text-xs text-slate-600">{t("noExtraFields")}</p>
                  ) : (
                    <dl className="mt-1 grid grid-cols-2 gap-x-3 gap-y-1 text-xs">
                      {view.fields.map((field) => (
                        <div key={field.name} className="contents">
                          <dt className="font-mono text-slate-600">{field.name}</dt>
                          <dd className="break-words text-slate-900">{field.value}</dd>
                        </div>
                      ))}
                    </dl>
                  )}
                </div>
              ))}
            </div>
          ) : null}
        </Card>
        <Card title={t("contracts")} className="lg:col-span-2" actions={<RefreshClientContracts clientId={client.id} />}>
          {contracts.length === 0 ? (
            <EmptyState title={t("noContracts.title")} action={<ButtonLink href={`/proposals/new?client=${client.id}`}>{t("newProposal")}</ButtonLink>}>
              {t("noContracts.text", { name: client.displayName })}
            </EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100">
              {contracts.map((contract) => (
                <li key={contract.id}>
                  <Link href={`/contracts/${contract.id}`} className="flex items-center justify-between gap-4 px-5 py-3 text-sm hover:bg-slate-50">
                    <span>
                      <span className="block font-medium text-brand-700">{contract.product?.name ?? t("proposal")}</span>
                      <span className="block text-slate-600">
                        {contract.provider.name}
                        {contract.contractNumber ? ` · ${t("contractNo", { number: contract.contractNumber })}` : ""} · {t("since", { at: format.dateTime(contract.statusChangedAt) })}
                      </span>
                    </span>
                    <StatusBadge code={contract.status} />
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <div id="consents" className="scroll-mt-6 lg:col-span-3">
          <Card title={(await getTranslations("consents.section"))("title")}>
            <ConsentsSection view={consents} />
          </Card>
        </div>
      </div>
      <PrivacyCard viewer={user} clientId={client.id} />
    </>
  );
}
