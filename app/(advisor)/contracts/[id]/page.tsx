import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageUser } from "@/lib/auth/session";
import { getContractDetail } from "@/lib/contracts/queries";
import { missingRequiredFields } from "@/lib/products/product-data";
import { AppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { Card, PageHeader } from "@/components/ui/layout";
import { StatusBadge } from "@/components/contracts/status-badge";
import { TurnBadge } from "@/components/contracts/turn-badge";
import { CompleteData, OrderPanel, RefreshButton, SendDraft } from "@/components/contracts/contract-actions";
import { Timeline } from "@/components/contracts/timeline";
import { DocumentList } from "@/components/contracts/document-list";
import { formatAge } from "@/components/contracts/time-in-status";
import { ApprovalList } from "@/components/approvals/approval-list";
import { isLinkExpired } from "@/lib/approvals/link-expiry";

export const metadata: Metadata = { title: "Contract" };

const PENDING_WRITE_LABELS: Record<string, string> = {
  "contract.create": "sending the proposal",
  "contract.resubmit": "sending changed data",
  "contract.order": "ordering",
  "client.create": "registering the client",
};

export default async function ContractPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser({ next: `/contracts/${id}` });
  const contract = await getContractDetail(user, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const data = (contract.data ?? {}) as Record<string, unknown>;
  const pendingWrite = contract.writes[0];
  const policy = contract.documents.find((document) => document.kind === "POLICY");

  return (
    <>
      <PageHeader
        back={<Link href="/" className="text-slate-600 hover:underline">← Pipeline</Link>}
        title={
          <>
            <Link href={`/clients/${contract.client.id}`} className="hover:underline">{contract.client.displayName}</Link>
            <span className="text-slate-400"> · </span>
            {contract.product?.name ?? "Proposal"}
          </>
        }
        description={
          <>
            {contract.provider.name}
            {contract.contractNumber ? <> · Contract no. <span className="font-medium text-slate-900">{contract.contractNumber}</span></> : null}
            {" · "}Advisor {contract.advisor.name}
          </>
        }
        actions={contract.remoteId ? <RefreshButton contractId={contract.id} /> : undefined}
      />

      <div className="mb-6 flex flex-wrap items-center gap-3 rounded-xl bg-white px-5 py-4 shadow-sm ring-1 ring-slate-200" aria-live="polite">
        <StatusBadge code={contract.status} />
        {/* Once the customer approved the current proposal, ordering is the advisor's move. */}
        <TurnBadge code={contract.status} turn={contract.status === 130 && contract.approval ? "advisor" : undefined} />
        <span className="text-sm text-slate-600">
          since {formatDateTime(contract.statusChangedAt)} ({formatAge(contract.asOf.getTime() - contract.statusChangedAt.getTime())})
        </span>
        {contract.statusNote ? <span className="text-sm text-slate-600">· {contract.statusNote}</span> : null}
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="Next step">
            <div className="p-5">
              {pendingWrite && contract.status !== 0 ? (
                <p className="mb-4 text-sm text-amber-800">An earlier attempt at {PENDING_WRITE_LABELS[pendingWrite.operation] ?? "a change"} is not confirmed by the provider yet; it is sent again, unchanged, with your next action.</p>
              ) : null}
              <NextStep contract={contract} data={data} lastError={pendingWrite?.error} />
            </div>
          </Card>

          {contract.proposalDocument && contract.status >= 130 ? (
            <Card title={`Proposal, version ${contract.proposalVersion}`} actions={<a className="text-sm font-medium text-brand-700 hover:underline" href={`/contracts/${contract.id}/documents/${contract.proposalDocument.id}?download=1`}>Download</a>}>
              <iframe title={`Proposal version ${contract.proposalVersion}`} src={`/contracts/${contract.id}/documents/${contract.proposalDocument.id}`} className="h-[36rem] w-full rounded-b-xl" />
            </Card>
          ) : null}

          {policy ? (
            <Card title="Policy" actions={<a className="text-sm font-medium text-brand-700 hover:underline" href={`/contracts/${contract.id}/documents/${policy.id}?download=1`}>Download</a>}>
              <iframe title="Policy document" src={`/contracts/${contract.id}/documents/${policy.id}`} className="h-[28rem] w-full rounded-b-xl" />
            </Card>
          ) : null}

          <Card title="Timeline">
            <Timeline events={contract.events} />
          </Card>
        </div>

        <div className="space-y-6">
          <Card title="Details">
            <dl className="divide-y divide-slate-100 text-sm">
              {[
                ["Premium", contract.premium ? `${Number(contract.premium).toLocaleString("de-DE", { style: "currency", currency: contract.currency ?? "EUR" })}` : "Not quoted yet"],
                ["Proposal version", contract.proposalVersion ? String(contract.proposalVersion) : "—"],
                ["Provider's id", contract.remoteId ?? "Not sent yet"],
                ["Last read from provider", contract.lastReadAt ? formatDateTime(contract.lastReadAt) : "Never"],
                ["Created", formatDateTime(contract.createdAt)],
              ].map(([label, value]) => (
                <div key={label} className="grid grid-cols-2 gap-2 px-5 py-2.5">
                  <dt className="text-slate-500">{label}</dt>
                  <dd className="break-all text-slate-900">{value}</dd>
                </div>
              ))}
            </dl>
          </Card>

          <Card title="Product data">
            <dl className="divide-y divide-slate-100 text-sm">
              {contract.fields.length === 0 ? <p className="px-5 py-3 text-slate-500">No product data.</p> : null}
              {contract.fields.map((field) => (
                <div key={field.name} className="grid grid-cols-2 gap-2 px-5 py-2.5">
                  <dt className="text-slate-500">{field.label}</dt>
                  <dd className="text-slate-900">{formatValue(data[field.name])}</dd>
                </div>
              ))}
            </dl>
          </Card>

          {contract.extensionFields.length ? (
            <Card title={`From ${contract.provider.name}`}>
              <dl className="divide-y divide-slate-100 text-sm">
                {contract.extensionFields.map(([key, value]) => (
                  <div key={key} className="grid grid-cols-2 gap-2 px-5 py-2.5">
                    <dt className="font-mono text-xs text-slate-500">{key}</dt>
                    <dd className="break-all text-slate-900">{formatValue(value)}</dd>
                  </div>
                ))}
              </dl>
            </Card>
          ) : null}

          <Card title="Documents">
            <DocumentList contractId={contract.id} documents={contract.documents} />
          </Card>

          <Card title="Approvals">
            <ApprovalList contractId={contract.id} approvals={contract.approvals} />
          </Card>
        </div>
      </div>
    </>
  );
}

function formatValue(value: unknown): string {
  if (value === undefined || value === null || value === "") return "—";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function NextStep({ contract, data, lastError }: { contract: Awaited<ReturnType<typeof getContractDetail>>; data: Record<string, unknown>; lastError?: string | null }) {
  switch (contract.status) {
    case 0:
      return <SendDraft contractId={contract.id} providerName={contract.provider.name} lastError={lastError} />;
    case 110:
      return <CompleteData contractId={contract.id} fields={contract.fields} data={data} note={contract.statusNote} missing={missingRequiredFields(contract.fields, data).map((field) => field.name)} />;
    case 120:
      return <p className="text-sm text-slate-700">{contract.provider.name} is preparing the proposal. This page updates when it arrives.</p>;
    case 130: {
      // The newest link request and decision for the current proposal (older versions are void).
      const current = contract.approvals.filter((approval) => approval.proposalVersion === contract.proposalVersion && approval.channel === "LINK");
      const pending = current.find((approval) => approval.status === "PENDING");
      const declined = current.find((approval) => approval.status === "DECLINED");
      const newestDecisionFirst = declined && (!pending || declined.createdAt > pending.createdAt) ? declined : undefined;
      return (
        <OrderPanel
          contractId={contract.id}
          proposalVersion={contract.proposalVersion}
          approved={Boolean(contract.approval)}
          hasDocument={Boolean(contract.proposalDocument)}
          clientEmail={contract.client.email}
          link={pending?.email && pending.expiresAt ? { email: pending.email, sentAt: pending.createdAt.toISOString(), expiresAt: pending.expiresAt.toISOString(), expired: isLinkExpired(pending.expiresAt) } : null}
          declined={newestDecisionFirst?.decidedAt ? { name: newestDecisionFirst.decidedName ?? contract.client.displayName, reason: newestDecisionFirst.declineReason ?? "", at: newestDecisionFirst.decidedAt.toISOString() } : null}
        />
      );
    }
    case 230:
    case 240:
      return <p className="text-sm text-slate-700">Ordered. {contract.provider.name} is reviewing the order; the policy appears here when the contract is active.</p>;
    case 320:
      return <p className="text-sm text-slate-700">The contract is active{contract.contractNumber ? ` under number ${contract.contractNumber}` : ""}. The policy documents are below.</p>;
    default:
      return <p className="text-sm text-slate-700">{contract.view.phase === "ended" ? "This contract has ended. Nothing more to do." : `Status ${contract.view.label}.`}</p>;
  }
}
