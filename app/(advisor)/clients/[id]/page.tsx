import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { getClientForPage } from "@/lib/clients/load-page-client";
import { formatDate, formatDateTime } from "@/lib/format";
import { ButtonLink } from "@/components/ui/button";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/layout";
import { listClientContracts } from "@/lib/contracts/queries";
import { StatusBadge } from "@/components/contracts/status-badge";
import { RefreshClientContracts } from "@/components/clients/refresh-client-contracts";

export const metadata: Metadata = { title: "Client" };

export default async function ClientPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser({ next: `/clients/${id}` });
  const client = await getClientForPage(user, id);
  const contracts = await listClientContracts(user, client.id);
  const rows: Array<[string, string | null]> = [
    ["Email", client.email],
    ["Phone", client.phone],
    ...(client.kind === "PERSON" ? [["Date of birth", client.birthDate ? formatDate(client.birthDate) : null] as [string, string | null]] : []),
    ["Address", [client.street, [client.postalCode, client.city].filter(Boolean).join(" "), client.country].filter(Boolean).join(", ") || null],
    ["Advisor", client.owner.name],
    ["Captured", formatDateTime(client.createdAt)],
  ];
  return (
    <>
      <PageHeader
        back={<Link href="/clients" className="text-slate-600 hover:underline">← Clients</Link>}
        title={
          <span className="flex items-center gap-3">
            {client.displayName} {client.kind === "COMPANY" ? <Badge>Company</Badge> : null}
          </span>
        }
        actions={
          <>
            <ButtonLink href={`/clients/${client.id}/edit`} variant="secondary">Edit</ButtonLink>
            <ButtonLink href={`/proposals/new?client=${client.id}`}>New proposal</ButtonLink>
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Details" className="lg:col-span-1">
          <dl className="divide-y divide-slate-100 text-sm">
            {rows.map(([label, value]) => (
              <div key={label} className="grid grid-cols-3 gap-2 px-5 py-3">
                <dt className="text-slate-500">{label}</dt>
                <dd className="col-span-2 text-slate-900">{value ?? <span className="text-slate-400">Not given</span>}</dd>
              </div>
            ))}
          </dl>
          {client.providerViews.length > 0 ? (
            <div className="border-t border-slate-100 px-5 py-4 text-sm">
              <h3 className="font-medium text-slate-900">At the providers</h3>
              {client.providerViews.map((view) => (
                <div key={`${view.provider}-${view.remoteId}`} className="mt-3">
                  <p className="text-slate-600">
                    {view.provider} <span className="font-mono text-xs text-slate-500">{view.remoteId}</span>
                    {view.updatedAt ? <span className="text-xs text-slate-500"> · {formatDateTime(view.updatedAt)}</span> : null}
                  </p>
                  {view.fields.length === 0 ? (
                    <p className="text-xs text-slate-500">No extra fields.</p>
                  ) : (
                    <dl className="mt-1 grid grid-cols-2 gap-x-3 gap-y-1 text-xs">
                      {view.fields.map((field) => (
                        <div key={field.name} className="contents">
                          <dt className="font-mono text-slate-500">{field.name}</dt>
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
        <Card title="Contracts and proposals" className="lg:col-span-2" actions={<RefreshClientContracts clientId={client.id} />}>
          {contracts.length === 0 ? (
            <EmptyState title="No proposals for this client yet" action={<ButtonLink href={`/proposals/new?client=${client.id}`}>New proposal</ButtonLink>}>
              Proposals you request from providers for {client.displayName} will be listed here.
            </EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100">
              {contracts.map((contract) => (
                <li key={contract.id}>
                  <Link href={`/contracts/${contract.id}`} className="flex items-center justify-between gap-4 px-5 py-3 text-sm hover:bg-slate-50">
                    <span>
                      <span className="block font-medium text-brand-700">{contract.product?.name ?? "Proposal"}</span>
                      <span className="block text-slate-500">{contract.provider.name}{contract.contractNumber ? ` · no. ${contract.contractNumber}` : ""} · since {formatDateTime(contract.statusChangedAt)}</span>
                    </span>
                    <StatusBadge code={contract.status} />
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
