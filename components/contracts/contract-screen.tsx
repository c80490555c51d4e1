"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
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
import { AdviceSection } from "@/components/advice/advice-section";

async function fetchContractView(id: string): Promise<ContractView> {
  const response = await fetch(`/contracts/${encodeURIComponent(id)}/view`, { headers: { accept: "application/json" }, cache: "no-store" });
  if (!response.ok) {
    // The problem's detail is in the viewer's language already; without one the screen says its own.
    const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
    throw new Error(problem?.detail ?? "");
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
  const t = useTranslations("contracts.screen");
  const { data: view, isError, error, isFetching } = useQuery({
    queryKey: queryKeys.contract(initial.id),
    queryFn: () => fetchContractView(initial.id),
    initialData: initial,
    initialDataUpdatedAt: Date.parse(initial.asOf),
    // Fresh from the server for the first paint; live events and actions invalidate it when it changes.
    staleTime: 30_000,
    // Read once more on mount: a change applied between the server's render and this mount sent
    // its live event before this query existed, so nothing else would bring it.
    refetchOnMount: "always",
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
            ← {t("back")}
          </Link>
        }
        title={
          <>
            <Link href={`/clients/${view.client.id}`} className="hover:underline">
              {view.client.name}
            </Link>
            <span className="text-slate-500"> · </span>
            {view.product?.name ?? t("proposal")}
          </>
        }
        description={
          <>
            {view.provider.name}
            {view.contractNumber ? (
              <>
                {" "}
                · {t("contractNo")} <span className="font-medium text-slate-900">{view.contractNumber}</span>
              </>
            ) : null}
            {" · "}
            {t("advisor", { name: view.advisor.name })}
            {view.duplicatedFrom ? (
              <>
                {" · "}
                {t("copiedFrom")}{" "}
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
          {error instanceof Error && error.message ? error.message : t("loadFailed")} {t("outOfDate")}
        </p>
      ) : null}

      <div className="mb-6 flex flex-wrap items-center gap-x-3 gap-y-2 rounded-xl bg-white px-5 py-4 shadow-sm ring-1 ring-slate-200" aria-live="polite" data-testid="status-bar">
        <StatusBadge code={view.status.code} />
        <TurnBadge turn={view.turn} needsAttention={view.needsAttention} />
        <span className="text-sm text-slate-600">
          {t("since", { at: view.statusChangedLabel })} (<TimeInStatus since={view.statusChangedAt} now={view.asOf} />)
        </span>
        {view.providerNote && view.nextStep !== "complete-data" ? <span className="text-sm text-slate-600">· {view.providerNote}</span> : null}
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Card title={t("nextStep")}>
            <div className="p-5" data-testid="next-step" data-next-step={view.nextStep}>
              {view.pendingWrite ? (
                <p className="mb-4 text-sm text-amber-800">{t("pendingWrite", { what: view.pendingWrite.label })}</p>
              ) : null}
              <NextStep key={`${view.status.code}-${view.proposalVersion}-${view.nextStep}`} view={view} />
            </div>
          </Card>

          {view.status.code !== 0 || view.advice.versions.length > 0 ? (
            <div id="advice" className="scroll-mt-6">
              <Card title={t("advice")}>
                <AdviceSection contractId={view.id} advice={view.advice} linkOut={Boolean(view.link) || view.approvalState === "APPROVED"} />
              </Card>
            </div>
          ) : null}

          {changes ? (
            <Card title={t("whatChanged", { version: changes.version })}>
              <div className="px-5 py-4">
                <ProposalChanges changes={changes.changes!} from={changes.previousVersion!} to={changes.version} />
              </div>
            </Card>
          ) : null}

          {view.proposalDocument && view.status.code >= 130 ? (
            <Card
              title={t("proposalVersionTitle", { version: view.proposalVersion })}
              actions={
                <a className="text-sm font-medium text-brand-700 hover:underline" href={`/contracts/${view.id}/documents/${view.proposalDocument.id}?download=1`}>
                  {t("download")}
                </a>
              }
            >
              <iframe title={t("proposalFrame", { version: view.proposalVersion })} src={`/contracts/${view.id}/documents/${view.proposalDocument.id}`} className="hidden h-[36rem] w-full rounded-b-xl sm:block" />
              <p className="px-5 py-3 text-sm sm:hidden">
                <a className="font-medium text-brand-700 hover:underline" href={`/contracts/${view.id}/documents/${view.proposalDocument.id}`} target="_blank" rel="noreferrer">
                  {t("openProposalPdf")}
                </a>
              </p>
            </Card>
          ) : null}

          {view.policyDocuments[0] ? (
            <Card
              title={t("policy")}
              actions={
                <a className="text-sm font-medium text-brand-700 hover:underline" href={`/contracts/${view.id}/documents/${view.policyDocuments[0].id}?download=1`}>
                  {t("download")}
                </a>
              }
            >
              <iframe title={t("policyFrame")} src={`/contracts/${view.id}/documents/${view.policyDocuments[0].id}`} className="hidden h-[28rem] w-full rounded-b-xl sm:block" />
              <p className="px-5 py-3 text-sm sm:hidden">
                <a className="font-medium text-brand-700 hover:underline" href={`/contracts/${view.id}/documents/${view.policyDocuments[0].id}`} target="_blank" rel="noreferrer">
                  {t("openPolicyPdf")}
                </a>
              </p>
            </Card>
          ) : null}

          <Card title={t("timeline")}>
            <Timeline events={view.timeline} />
          </Card>
        </div>

        <div className="min-w-0 space-y-6">
          <Card title={t("details")}>
            <dl className="divide-y divide-slate-100 text-sm">
              {[
                [t("premium"), view.premium ?? t("notQuoted")],
                [t("proposalVersion"), view.proposalVersion ? String(view.proposalVersion) : "—"],
                [t("remoteId"), view.remoteId ?? t("notSent")],
                [t("lastRead"), view.lastReadLabel ?? t("never")],
                [t("created"), view.createdLabel],
              ].map(([label, value]) => (
                <div key={label} className="grid grid-cols-2 gap-2 px-5 py-2.5">
                  <dt className="text-slate-600">{label}</dt>
                  <dd className="break-all text-slate-900">{value}</dd>
                </div>
              ))}
            </dl>
          </Card>

          <Card title={t("productData")}>
            {view.fields.length === 0 ? <p className="px-5 py-3 text-sm text-slate-600">{t("noProductData")}</p> : null}
            <dl className="divide-y divide-slate-100 text-sm">
              {view.fields.map((field) => (
                <div key={field.name} className="grid grid-cols-2 gap-2 px-5 py-2.5">
                  <dt className="text-slate-600">{field.label}</dt>
                  <dd className="break-words text-slate-900">{field.value}</dd>
                </div>
              ))}
            </dl>
          </Card>

          {view.extensionFields.length || view.providerNote ? (
            <Card title={t("fromProvider", { provider: view.provider.name })}>
              <dl className="divide-y divide-slate-100 text-sm">
                {view.providerNote ? (
                  <div className="grid grid-cols-2 gap-2 px-5 py-2.5">
                    <dt className="text-slate-600">{t("statusNote")}</dt>
                    <dd className="break-words text-slate-900">{view.providerNote}</dd>
                  </div>
                ) : null}
                {view.extensionFields.map(({ key, value }) => (
                  <div key={key} className="grid grid-cols-2 gap-2 px-5 py-2.5">
                    <dt className="font-mono text-xs text-slate-600">{key}</dt>
                    <dd className="break-all text-slate-900">{value}</dd>
                  </div>
                ))}
              </dl>
            </Card>
          ) : null}

          {view.versions.length > 1 ? (
            <Card title={t("versions")}>
              <ul className="divide-y divide-slate-100 text-sm">
                {view.versions.map((version) => (
                  <li key={version.version} className="px-5 py-3">
                    <p className="font-medium text-slate-900">
                      {t("version", { version: version.version })}
                      {version.premium ? <span className="font-normal text-slate-600"> · {version.premium}</span> : null}
                    </p>
                    {version.changes && version.previousVersion !== null ? (
                      <p className="text-xs text-slate-600">
                        {version.changes.length ? t("changedAgainst", { version: version.previousVersion, fields: version.changes.map((change) => change.label).join(", ") }) : t("sameAs", { version: version.previousVersion })}
                      </p>
                    ) : (
                      <p className="text-xs text-slate-600">{t("firstVersion")}</p>
                    )}
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}

          <Card title={t("documents")}>
            <DocumentList contractId={view.id} documents={view.documents} />
          </Card>

          <Card title={t("approvals")}>
            <ApprovalList contractId={view.id} approvals={view.approvals} />
          </Card>
        </div>
      </div>
    </div>
  );
}
