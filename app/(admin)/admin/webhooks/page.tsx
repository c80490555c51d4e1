import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { listWebhookEndpoints } from "@/lib/webhooks/endpoints";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/events";
import { formatDateTime } from "@/lib/format";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/layout";
import { NewWebhookForm, WebhookActions } from "@/components/api-admin/webhook-admin";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const admin = await requirePageUser({ admin: true, next: "/admin/webhooks" });
  const endpoints = await listWebhookEndpoints(admin);
  return (
    <>
      <PageHeader
        title="Webhooks"
        back={<Link href="/admin/api-clients" className="text-slate-600 hover:underline">← API clients</Link>}
        description="Events are signed with Standard Webhooks and retried with backoff for about three days. Payloads carry ids; the receiver reads the records through the API."
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          {endpoints.length === 0 ? (
            <EmptyState title="No endpoints yet">Add the URL of a system that should hear about status changes, approvals and documents.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100">
              {endpoints.map((endpoint) => (
                <li key={endpoint.id} className="space-y-2 px-5 py-4 text-sm">
                  <p className="font-medium text-slate-900">
                    <Link href={`/admin/webhooks/${endpoint.id}`} className="break-all hover:underline">{endpoint.url}</Link>{" "}
                    {endpoint.enabled ? <Badge tone="emerald">Enabled</Badge> : <Badge tone="red">Disabled</Badge>}{" "}
                    {endpoint.rotating && endpoint.previousSecretExpiresAt ? <Badge tone="amber">Old secret valid until {formatDateTime(endpoint.previousSecretExpiresAt)}</Badge> : null}
                  </p>
                  {endpoint.description ? <p className="text-slate-600">{endpoint.description}</p> : null}
                  <p className="flex flex-wrap gap-1">{endpoint.events.length ? endpoint.events.map((type) => <Badge key={type}>{type}</Badge>) : <Badge>every event</Badge>}</p>
                  <p className="text-xs text-slate-500">
                    Delivered {endpoint.counts.SUCCEEDED ?? 0} · waiting {endpoint.counts.PENDING ?? 0} · failed {endpoint.counts.FAILED ?? 0} ·{" "}
                    <Link href={`/admin/webhooks/${endpoint.id}`} className="text-brand-700 hover:underline">delivery log</Link>
                  </p>
                  <WebhookActions id={endpoint.id} url={endpoint.url} enabled={endpoint.enabled} />
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="New endpoint" className="h-fit">
          <div className="p-5">
            <NewWebhookForm events={Object.entries(WEBHOOK_EVENT_TYPES).map(([type, text]) => ({ type, text }))} />
          </div>
        </Card>
      </div>
    </>
  );
}
