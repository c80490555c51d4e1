import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { listWebhookEndpoints } from "@/lib/webhooks/endpoints";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/events";
import { getLocale, getTranslations } from "next-intl/server";
import { formatterFor } from "@/lib/format";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/layout";
import { NewWebhookForm, WebhookActions } from "@/components/api-admin/webhook-admin";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("apiAdmin.webhooks");
  return { title: t("title") };
}

export default async function WebhooksPage() {
  const admin = await requirePageUser({ admin: true, next: "/admin/webhooks" });
  const [endpoints, t, locale] = await Promise.all([listWebhookEndpoints(admin), getTranslations("apiAdmin.webhooks"), getLocale()]);
  const f = formatterFor(locale === "de" ? "de" : "en");
  const n = (value: number) => f.number(value) ?? String(value);
  return (
    <>
      <PageHeader
        title={t("title")}
        back={<Link href="/admin/api-clients" className="text-slate-600 hover:underline">← {t("back")}</Link>}
        description={t("description")}
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          {endpoints.length === 0 ? (
            <EmptyState title={t("emptyTitle")}>{t("emptyText")}</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100">
              {endpoints.map((endpoint) => (
                <li key={endpoint.id} className="space-y-2 px-5 py-4 text-sm">
                  <p className="font-medium text-slate-900">
                    <Link href={`/admin/webhooks/${endpoint.id}`} className="break-all hover:underline">{endpoint.url}</Link>{" "}
                    {endpoint.enabled ? <Badge tone="emerald">{t("enabled")}</Badge> : <Badge tone="red">{t("disabled")}</Badge>}{" "}
                    {endpoint.rotating && endpoint.previousSecretExpiresAt ? <Badge tone="amber">{t("oldSecretUntil", { at: f.dateTime(endpoint.previousSecretExpiresAt) })}</Badge> : null}
                  </p>
                  {endpoint.description ? <p className="text-slate-600">{endpoint.description}</p> : null}
                  <p className="flex flex-wrap gap-1">{endpoint.events.length ? endpoint.events.map((type) => <Badge key={type}>{type}</Badge>) : <Badge>{t("everyEvent")}</Badge>}</p>
                  <p className="text-xs text-slate-600">
                    {t("counts", { delivered: n(endpoint.counts.SUCCEEDED ?? 0), waiting: n(endpoint.counts.PENDING ?? 0), failed: n(endpoint.counts.FAILED ?? 0) })} ·{" "}
                    <Link href={`/admin/webhooks/${endpoint.id}`} className="text-brand-700 hover:underline">{t("deliveryLog")}</Link>
                  </p>
                  <WebhookActions id={endpoint.id} url={endpoint.url} enabled={endpoint.enabled} />
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={t("newTitle")} className="h-fit">
          <div className="p-5">
            <NewWebhookForm events={Object.keys(WEBHOOK_EVENT_TYPES).map((type) => ({ type, text: t(`events.${type.replace(".", "_")}` as "events.contract_status_changed") }))} />
          </div>
        </Card>
      </div>
    </>
  );
}
