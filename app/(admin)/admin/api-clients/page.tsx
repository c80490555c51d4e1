import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { listApiClients } from "@/lib/api/api-clients";
import { SCOPES } from "@/lib/api/scopes";
import { formatDate, formatDateTime } from "@/lib/format";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/layout";
import { ApiClientActions, NewApiClientForm } from "@/components/api-admin/api-client-admin";

export const metadata: Metadata = { title: "API clients" };

export default async function ApiClientsPage() {
  const admin = await requirePageUser({ admin: true, next: "/admin/api-clients" });
  const { clients, users } = await listApiClients(admin);
  const now = new Date();
  return (
    <>
      <PageHeader
        title="API clients"
        back={<Link href="/admin" className="text-slate-600 hover:underline">← Administration</Link>}
        description={
          <>
            Remote systems call the <a className="text-brand-700 hover:underline" href="/api/v1/reference">Proposal Desk API</a> with OAuth 2.0 client credentials. Events reach them through{" "}
            <Link className="text-brand-700 hover:underline" href="/admin/webhooks">webhooks</Link>.
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          {clients.length === 0 ? (
            <EmptyState title="No API clients yet">Create one for each system that calls the API, with only the scopes it needs.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100">
              {clients.map((client) => {
                const expired = client.expiresAt !== null && client.expiresAt <= now;
                return (
                  <li key={client.id} className="flex flex-wrap items-start justify-between gap-4 px-5 py-4">
                    <div className="min-w-0 space-y-1 text-sm">
                      <p className="font-medium text-slate-900">
                        {client.name} {client.revokedAt ? <Badge tone="red">Revoked</Badge> : expired ? <Badge tone="amber">Expired</Badge> : <Badge tone="emerald">Active</Badge>}
                      </p>
                      <p className="text-slate-600">
                        <code className="text-xs">{client.clientId}</code> · acts as {client.actingUser ? `${client.actingUser.name}${client.actingUser.role === "ADMIN" ? " (whole organization)" : " (advisor)"}` : "an unknown user"}
                      </p>
                      <p className="flex flex-wrap gap-1">{client.scopes.map((scope) => <Badge key={scope}>{scope}</Badge>)}</p>
                      <p className="text-xs text-slate-500">
                        Created {formatDate(client.createdAt)} · {client.expiresAt ? `works until ${formatDate(client.expiresAt)}` : "no expiry"} · {client.lastUsedAt ? `last token ${formatDateTime(client.lastUsedAt)}` : "never used"}
                      </p>
                    </div>
                    <ApiClientActions id={client.id} name={client.name} revoked={Boolean(client.revokedAt)} />
                  </li>
                );
              })}
            </ul>
          )}
        </Card>
        <Card title="New API client" className="h-fit">
          <div className="p-5">
            <NewApiClientForm scopes={Object.entries(SCOPES).map(([name, text]) => ({ name, text }))} users={users.filter((user) => !user.disabled && user.id !== admin.id).map(({ id, name, role }) => ({ id, name, role }))} />
          </div>
        </Card>
      </div>
    </>
  );
}
