import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { listApiClients } from "@/lib/api/api-clients";
import { SCOPES } from "@/lib/api/scopes";
import { getLocale, getTranslations } from "next-intl/server";
import { formatterFor } from "@/lib/format";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/layout";
import { ApiClientActions, NewApiClientForm } from "@/components/api-admin/api-client-admin";

const ACTS_AS = { ADMIN: "actsAsAdmin", BACK_OFFICE: "actsAsBackOffice", ADVISOR: "actsAsAdvisor" } as const;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("apiAdmin.clients");
  return { title: t("title") };
}

export default async function ApiClientsPage() {
  const admin = await requirePageUser({ admin: true, next: "/admin/api-clients" });
  const [{ clients, users }, t, nav, locale] = await Promise.all([listApiClients(admin), getTranslations("apiAdmin.clients"), getTranslations("admin.nav"), getLocale()]);
  const f = formatterFor(locale === "de" ? "de" : "en");
  const now = new Date();
  return (
    <>
      <PageHeader
        title={t("title")}
        back={<Link href="/admin" className="text-slate-600 hover:underline">← {nav("administration")}</Link>}
        description={t.rich("description", {
          api: (chunks) => <a className="text-brand-700 underline hover:no-underline" href="/api/v1/reference">{chunks}</a>,
          webhooks: (chunks) => <Link className="text-brand-700 underline hover:no-underline" href="/admin/webhooks">{chunks}</Link>,
        })}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          {clients.length === 0 ? (
            <EmptyState title={t("emptyTitle")}>{t("emptyText")}</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100">
              {clients.map((client) => {
                const expired = client.expiresAt !== null && client.expiresAt <= now;
                return (
                  <li key={client.id} className="flex flex-wrap items-start justify-between gap-4 px-5 py-4">
                    <div className="min-w-0 space-y-1 text-sm">
                      <p className="font-medium text-slate-900">
                        {client.name} {client.revokedAt ? <Badge tone="red">{t("revoked")}</Badge> : expired ? <Badge tone="amber">{t("expired")}</Badge> : <Badge tone="emerald">{t("active")}</Badge>}
                      </p>
                      <p className="text-slate-600">
                        <code className="text-xs">{client.clientId}</code> · {client.actingUser ? t(ACTS_AS[client.actingUser.role], { name: client.actingUser.name }) : t("actsAsUnknown")}
                      </p>
                      <p className="flex flex-wrap gap-1">{client.scopes.map((scope) => <Badge key={scope}>{scope}</Badge>)}</p>
                      <p className="text-xs text-slate-600">
                        {t("created", { date: f.date(client.createdAt) })} · {client.expiresAt ? t("worksUntil", { date: f.date(client.expiresAt) }) : t("noExpiry")} · {client.lastUsedAt ? t("lastToken", { at: f.dateTime(client.lastUsedAt) }) : t("neverUsed")}
                      </p>
                    </div>
                    <ApiClientActions id={client.id} name={client.name} revoked={Boolean(client.revokedAt)} />
                  </li>
                );
              })}
            </ul>
          )}
        </Card>
        <Card title={t("newTitle")} className="h-fit">
          <div className="p-5">
            <NewApiClientForm scopes={Object.keys(SCOPES).map((name) => ({ name, text: t(`scopes.${name.replace(":", "_")}` as "scopes.clients_read") }))} users={users.filter((user) => !user.disabled && user.id !== admin.id).map(({ id, name, role }) => ({ id, name, role }))} />
          </div>
        </Card>
      </div>
    </>
  );
}
