"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import type { ContractView } from "@/lib/contracts/contract-view";
import { queryKeys } from "@/components/live/query-keys";
import { useSelfUpdatingScreen } from "@/components/live/live-screen";
import { Card, PageHeader } from "@/components/ui/layout";
import { ApprovalList } from "@/components/approvals/approval-list";
import { StatusBadge } from "./status-badge";
import { TurnBadge } from "./turn-badge";
import { TimeInStatus } from "./time-in-status";
import { Timeline } from "./timeline";
import { DocumentList } from "./document-list";
import { RefreshButton } from "./contract-actions";
import { NextStep } from "./next-step";
import { ProposalChanges } from "./proposal-changes";

async function fetchContractView(id: string): Promise<ContractView> {
  const response = await fetch(`/contracts/${encodeURIComponent(id)}/view`, { headers: { accept: "application/json" }, cache: "no-store" });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
    throw new Error(problem?.detail ?? "This contract could not be loaded.");
  }
  return (await response.json()) as ContractView;
}

/**
 * The contract page, rendered from one snapshot (lib/contracts/contract-view.ts): the server's
 * for the first paint, then the same query re-fetched whenever a live event names this contract
 * or an action on it finishes. Badge, whose turn, next step and timeline never disagree.
 */
export function ContractScreen({ initial }: { initial: ContractView }) {
  useSelfUpdatingScreen();
  const { data: view, isError, error, isFetching } = useQuery({
    queryKey: queryKeys.contract(initial.id),
    queryFn: () => fetchContractView(initial.id),
    initialData: initial,
    initialDataUpdatedAt: Date.parse(initial.asOf),
    // Fresh from the server for the first paint; live events and actions invalidate it when it changes.
    staleTime: 30_000,
    refetchOnWindowFocus: true,
  });

  const latestVersion = view.versions[0];
  // While the proposal is being decided on; once ordered, the versions card keeps the history.
  const changes = view.status.phase === "proposal" && latestVersion?.changes && latestVersion.previousVersion !== null ? latestVersion : null;

  return (
    <div data-contract-id={view.id} data-as-of={view.asOf} aria-busy={isFetching || undefined}>
      <PageHeader
        back={
          <Link href="/" className="text-slate-600 hover:underline">
            ← Pipeline
          </Link>
        }
        title={
          <>
            <Link href={`/clients/${view.client.id}`} className="hover:underline">
              {view.client.name}
            </Link>
            <span className="text-slate-400"> · </span>
            {view.product?.name ?? "Proposal"}
          </>
        }
        description={
          <>
            {view.provider.name}
            {view.contractNumber ? (
              <>
                {" "}
                · Contract no. <span className="font-medium text-slate-900">{view.contractNumber}</span>
              </>
            ) : null}
            {" · "}Advisor {view.advisor.name}
            {view.duplicatedFrom ? (
              <>
                {" · "}Copied from{" "}
                <Link href={`/contracts/${view.duplicatedFrom.id}`} className="text-brand-700 hover:underline">
                  {view.duplicatedFrom.label}
                </Link>
              </>
            ) : null}
          </>
        }
        actions={view.actions.refresh ? <RefreshButton contractId={view.id} /> : undefined}
      />

      {isError ? (
        <p role="alert" className="mb-4 rounded-lg bg-amber-50 px-4 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
          {error instanceof Error ? error.message : "This contract could not be loaded."} What you see may be out of date.
        </p>
      ) : null}

      <div className="mb-6 flex flex-wrap items-center gap-x-3 gap-y-2 rounded-xl bg-white px-5 py-4 shadow-sm ring-1 ring-slate-200" aria-live="polite" data-testid="status-bar">
        <StatusBadge code={view.status.code} />
        <TurnBadge turn={view.turn} needsAttention={view.needsAttention} />
        <span className="text-sm text-slate-600">
          since {view.statusChangedLabel} (<TimeInStatus since={view.statusChangedAt} now={view.asOf} />)
        </span>
        {view.providerNote && view.nextStep !== "complete-data" ? <span className="text-sm text-slate-600">· {view.providerNote}</span> : null}
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Card title="Next step">
            <div className="p-5" data-testid="next-step" data-next-step={view.nextStep}>
              {view.pendingWrite ? (
                <p className="mb-4 text-sm text-amber-800">An earlier attempt at {view.pendingWrite.label} is not confirmed by the provider yet; it is sent again, unchanged, with your next action.</p>
              ) : null}
              <NextStep key={`${view.status.code}-${view.proposalVersion}-${view.nextStep}`} view={view} />
            </div>
          </Card>

          {changes ? (
            <Card title={`What changed in version ${changes.version}`}>
              <div className="px-5 py-4">
                <ProposalChanges changes={changes.changes!} from={changes.previousVersion!} to={changes.version} />
              </div>
            </Card>
          ) : null}

          {view.proposalDocument && view.status.code >= 130 ? (
            <Card
              title={`Proposal, version ${view.proposalVersion}`}
              actions={
                <a className="text-sm font-medium text-brand-700 hover:underline" href={`/contracts/${view.id}/documents/${view.proposalDocument.id}?download=1`}>
                  Download
                </a>
              }
            >
              <iframe title={`Proposal version ${view.proposalVersion}`} src={`/contracts/${view.id}/documents/${view.proposalDocument.id}`} className="hidden h-[36rem] w-full rounded-b-xl sm:block" />
              <p className="px-5 py-3 text-sm sm:hidden">
                <a className="font-medium text-brand-700 hover:underline" href={`/contracts/${view.id}/documents/${view.proposalDocument.id}`} target="_blank" rel="noreferrer">
                  Open the proposal PDF
                </a>
              </p>
            </Card>
          ) : null}

          {view.policyDocuments[0] ? (
            <Card
              title="Policy"
              actions={
                <a className="text-sm font-medium text-brand-700 hover:underline" href={`/contracts/${view.id}/documents/${view.policyDocuments[0].id}?download=1`}>
                  Download
                </a>
              }
            >
              <iframe title="Policy document" src={`/contracts/${view.id}/documents/${view.policyDocuments[0].id}`} className="hidden h-[28rem] w-full rounded-b-xl sm:block" />
              <p className="px-5 py-3 text-sm sm:hidden">
                <a className="font-medium text-brand-700 hover:underline" href={`/contracts/${view.id}/documents/${view.policyDocuments[0].id}`} target="_blank" rel="noreferrer">
                  Open the policy PDF
                </a>
              </p>
            </Card>
          ) : null}

          <Card title="Timeline">
            <Timeline events={view.timeline} />
          </Card>
        </div>

        <div className="min-w-0 space-y-6">
          <Card title="Details">
            <dl className="divide-y divide-slate-100 text-sm">
              {[
                ["Premium", view.premium ?? "Not quoted yet"],
                ["Proposal version", view.proposalVersion ? String(view.proposalVersion) : "—"],
                ["Provider's id", view.remoteId ?? "Not sent yet"],
                ["Last read from provider", view.lastReadLabel ?? "Never"],
                ["Created", view.createdLabel],
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
              {view.fields.length === 0 ? <p className="px-5 py-3 text-slate-500">No product data.</p> : null}
              {view.fields.map((field) => (
                <div key={field.name} className="grid grid-cols-2 gap-2 px-5 py-2.5">
                  <dt className="text-slate-500">{field.label}</dt>
                  <dd className="break-words text-slate-900">{field.value}</dd>
                </div>
              ))}
            </dl>
          </Card>

          {view.extensionFields.length || view.providerNote ? (
            <Card title={`From ${view.provider.name}`}>
              <dl className="divide-y divide-slate-100 text-sm">
                {view.providerNote ? (
                  <div className="grid grid-cols-2 gap-2 px-5 py-2.5">
                    <dt className="text-slate-500">Note on the status</dt>
                    <dd className="break-words text-slate-900">{view.providerNote}</dd>
                  </div>
                ) : null}
                {view.extensionFields.map(({ key, value }) => (
                  <div key={key} className="grid grid-cols-2 gap-2 px-5 py-2.5">
                    <dt className="font-mono text-xs text-slate-500">{key}</dt>
                    <dd className="break-all text-slate-900">{value}</dd>
                  </div>
                ))}
              </dl>
            </Card>
          ) : null}

          {view.versions.length > 1 ? (
            <Card title="Proposal versions">
              <ul className="divide-y divide-slate-100 text-sm">
                {view.versions.map((version) => (
                  <li key={version.version} className="px-5 py-3">
                    <p className="font-medium text-slate-900">
                      Version {version.version}
                      {version.premium ? <span className="font-normal text-slate-600"> · {version.premium}</span> : null}
                    </p>
                    {version.changes && version.previousVersion !== null ? (
                      <p className="text-xs text-slate-500">
                        {version.changes.length ? `Changed against v${version.previousVersion}: ${version.changes.map((change) => change.label).join(", ")}` : `Same fields as v${version.previousVersion}`}
                      </p>
                    ) : (
                      <p className="text-xs text-slate-500">First version</p>
                    )}
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}

          <Card title="Documents">
            <DocumentList contractId={view.id} documents={view.documents} />
          </Card>

          <Card title="Approvals">
            <ApprovalList contractId={view.id} approvals={view.approvals} />
          </Card>
        </div>
      </div>
    </div>
  );
}
