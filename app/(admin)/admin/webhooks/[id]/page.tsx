import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { listWebhookDeliveries } from "@/lib/webhooks/endpoints";
import { getLocale, getTranslations } from "next-intl/server";
import { formatterFor } from "@/lib/format";
import { readStoredText } from "@/lib/i18n/stored-text";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/layout";
import { ReplayDeliveryButton } from "@/components/api-admin/webhook-admin";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("apiAdmin.deliveries");
  return { title: t("metaTitle") };
}

const TONE = { SUCCEEDED: "emerald", PENDING: "amber", FAILED: "red" } as const;

export default async function WebhookDeliveriesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const admin = await requirePageUser({ admin: true, next: `/admin/webhooks/${id}` });
  const log = await listWebhookDeliveries(admin, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const [t, locale] = await Promise.all([getTranslations("apiAdmin.deliveries"), getLocale()]);
  const f = formatterFor(locale === "de" ? "de" : "en");
  return (
    <>
      <PageHeader title={t("title")} back={<Link href="/admin/webhooks" className="text-slate-600 hover:underline">← {t("back")}</Link>} description={<span className="break-all">{log.endpoint.url}</span>} />
      <Card>
        {log.deliveries.length === 0 ? (
          <EmptyState title={t("emptyTitle")}>{t("emptyText")}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {log.deliveries.map((delivery) => {
              const state = delivery.state as keyof typeof TONE;
              return (
                <li key={delivery.id} className="flex flex-wrap items-start justify-between gap-4 px-5 py-4 text-sm">
                  <div className="min-w-0 space-y-1">
                    <p className="font-medium text-slate-900">
                      <code className="text-xs">{delivery.type}</code> <Badge tone={TONE[state] ?? "slate"}>{state in TONE ? t(`states.${state}`) : delivery.state}</Badge>
                    </p>
                    <p className="text-xs text-slate-600">
                      {delivery.messageId} · {t("created", { at: f.dateTime(delivery.createdAt) })} · {t("attempts", { count: delivery.attempts })}
                      {delivery.state === "PENDING" ? ` · ${t("next", { at: f.dateTime(delivery.nextAttemptAt) })}` : ""}
                    </p>
                    {delivery.lastError ? <p className="text-red-700">{readStoredText(delivery.lastError, locale)}</p> : null}
                    <details>
                      <summary className="cursor-pointer text-xs text-slate-600">{t("payload")}</summary>
                      <pre className="mt-1 overflow-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(delivery.payload, null, 2)}</pre>
                      <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
                        {delivery.log.map((attempt) => (
                          <li key={attempt.id}>
                            {f.dateTime(attempt.at)} · {attempt.status ? `HTTP ${attempt.status}` : t("noAnswer")} · {f.number(attempt.durationMs)} ms{attempt.error ? ` · ${readStoredText(attempt.error, locale)}` : ""}
                          </li>
                        ))}
                      </ul>
                    </details>
                  </div>
                  {delivery.state !== "PENDING" ? <ReplayDeliveryButton deliveryId={delivery.id} /> : null}
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </>
  );
}
