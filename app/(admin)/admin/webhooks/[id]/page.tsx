import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { listWebhookDeliveries } from "@/lib/webhooks/endpoints";
import { formatDateTime } from "@/lib/format";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/layout";
import { ReplayDeliveryButton } from "@/components/api-admin/webhook-admin";

export const metadata: Metadata = { title: "Webhook deliveries" };

const TONE = { SUCCEEDED: "emerald", PENDING: "amber", FAILED: "red" } as const;
const LABEL = { SUCCEEDED: "Delivered", PENDING: "Waiting", FAILED: "Gave up" } as const;

export default async function WebhookDeliveriesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const admin = await requirePageUser({ admin: true, next: `/admin/webhooks/${id}` });
  const log = await listWebhookDeliveries(admin, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return (
    <>
      <PageHeader title="Delivery log" back={<Link href="/admin/webhooks" className="text-slate-600 hover:underline">← Webhooks</Link>} description={<span className="break-all">{log.endpoint.url}</span>} />
      <Card>
        {log.deliveries.length === 0 ? (
          <EmptyState title="Nothing sent yet">Deliveries appear here as events happen. “Send test event” on the webhooks page sends one now.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100">
            {log.deliveries.map((delivery) => {
              const state = delivery.state as keyof typeof TONE;
              return (
                <li key={delivery.id} className="flex flex-wrap items-start justify-between gap-4 px-5 py-4 text-sm">
                  <div className="min-w-0 space-y-1">
                    <p className="font-medium text-slate-900">
                      <code className="text-xs">{delivery.type}</code> <Badge tone={TONE[state] ?? "slate"}>{LABEL[state] ?? delivery.state}</Badge>
                    </p>
                    <p className="text-xs text-slate-500">
                      {delivery.messageId} · created {formatDateTime(delivery.createdAt)} · {delivery.attempts} attempt{delivery.attempts === 1 ? "" : "s"}
                      {delivery.state === "PENDING" ? ` · next ${formatDateTime(delivery.nextAttemptAt)}` : ""}
                    </p>
                    {delivery.lastError ? <p className="text-red-700">{delivery.lastError}</p> : null}
                    <details>
                      <summary className="cursor-pointer text-xs text-slate-600">Payload and attempts</summary>
                      <pre className="mt-1 overflow-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(delivery.payload, null, 2)}</pre>
                      <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
                        {delivery.log.map((attempt) => (
                          <li key={attempt.id}>
                            {formatDateTime(attempt.at)} · {attempt.status ? `HTTP ${attempt.status}` : "no answer"} · {attempt.durationMs} ms{attempt.error ? ` · ${attempt.error}` : ""}
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
