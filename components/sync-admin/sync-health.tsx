"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { ProviderHealth, RecordTypeHealth, RunProgress } from "@/lib/sync/health";
import { formatDateTime } from "@/lib/format";
import { startSyncAction } from "@/app/(admin)/admin/sync/actions";
import { Button, Spinner } from "@/components/ui/button";
import { Alert } from "@/components/ui/field";
import { Badge, Card, EmptyState } from "@/components/ui/layout";
import { syncAdminKeys } from "./query-keys";
import { useMsg } from "@/components/i18n/use-msg";

const RECORD_TYPE_LABELS: Record<string, string> = { product: "Products", user: "Users", client: "Clients", contract: "Contracts", file: "Files" };
const number = new Intl.NumberFormat("en-GB");

/** Lag in words: "40 s", "4 min", "3 h", "2 days". */
export function formatLag(seconds: number | null): string {
  if (seconds === null) return "Never synced";
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}

async function fetchHealth(): Promise<ProviderHealth[]> {
  const response = await fetch("/admin/sync/status", { headers: { accept: "application/json" }, cache: "no-store" });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
    throw new Error(problem?.detail ?? `The server answered ${response.status}.`);
  }
  return ((await response.json()) as { providers: ProviderHealth[] }).providers;
}

/**
 * Every provider's sync health, refreshed every second while a sync runs (and for a while after
 * "Sync now", until its first run shows up), otherwise when the window regains focus.
 */
export function SyncHealth({ initial, staleAfterMinutes }: { initial: ProviderHealth[]; staleAfterMinutes: number }) {
  // Providers whose "Sync now" this page waits for: polled even between two record types' runs.
  const watching = useRef(new Set<string>());
  const query = useQuery({
    queryKey: syncAdminKeys.health,
    queryFn: fetchHealth,
    initialData: initial,
    staleTime: 0,
    refetchInterval: (q) => ((q.state.data ?? []).some((p) => p.running) || watching.current.size > 0 ? 1000 : false),
  });
  const providers = query.data ?? [];
  if (providers.length === 0) {
    return (
      <Card>
        <EmptyState title="No providers yet">Register a provider under Providers; its sync health shows here once it is connected.</EmptyState>
      </Card>
    );
  }
  return (
    <div className="space-y-6">
      {query.isError ? <Alert tone="error">We could not refresh the sync status ({query.error.message}). Showing what we last knew; retrying.</Alert> : null}
      {providers.map((provider) => (
        <ProviderCard key={provider.id} provider={provider} staleAfterMinutes={staleAfterMinutes} watch={(on) => (on ? watching.current.add(provider.id) : watching.current.delete(provider.id))} />
      ))}
    </div>
  );
}

function ProviderCard({ provider, staleAfterMinutes, watch }: { provider: ProviderHealth; staleAfterMinutes: number; watch: (on: boolean) => void }) {
  const headingId = `provider-${provider.id}-heading`;
  return (
    <Card
      title={
        <span id={headingId} className="flex flex-wrap items-center gap-2">
          {provider.name}
          {provider.enabled ? null : <Badge>Disabled</Badge>}
          {provider.running ? <Badge tone="brand">Syncing</Badge> : null}
          {provider.reviewOpen > 0 ? (
            <a href="/admin/review" className="text-xs font-medium text-amber-800 underline">
              {provider.reviewOpen === 1 ? "1 record waits for review" : `${number.format(provider.reviewOpen)} records wait for review`}
            </a>
          ) : null}
        </span>
      }
      actions={<SyncNowButton provider={provider} watch={watch} />}
    >
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" aria-labelledby={headingId}>
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">Record type</th>
              <th scope="col" className="px-4 py-2 font-medium">Last successful pull</th>
              <th scope="col" className="px-4 py-2 font-medium">Lag</th>
              <th scope="col" className="px-4 py-2 text-right font-medium">Records in last pull</th>
              <th scope="col" className="px-4 py-2 font-medium">Errors and warnings</th>
              <th scope="col" className="px-4 py-2 font-medium">Current run</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {provider.recordTypes.map((type) => (
              <RecordTypeRow key={type.recordType} type={type} staleAfterMinutes={staleAfterMinutes} />
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

function RecordTypeRow({ type, staleAfterMinutes }: { type: RecordTypeHealth; staleAfterMinutes: number }) {
  const stale = type.lagSeconds === null || type.lagSeconds > staleAfterMinutes * 60;
  return (
    <tr className="align-top">
      <th scope="row" className="px-4 py-2.5 font-medium text-slate-900">{RECORD_TYPE_LABELS[type.recordType] ?? type.recordType}</th>
      <td className="whitespace-nowrap px-4 py-2.5 text-slate-700">{type.lastSuccessAt ? formatDateTime(type.lastSuccessAt) : "Never"}</td>
      <td className="whitespace-nowrap px-4 py-2.5">{stale ? <Badge tone="amber">{formatLag(type.lagSeconds)}</Badge> : <span className="text-slate-700">{formatLag(type.lagSeconds)}</span>}</td>
      <td className="px-4 py-2.5 text-right tabular-nums text-slate-700">{number.format(type.lastCount)}</td>
      <td className="px-4 py-2.5">
        {type.lastError ? <p className="text-red-700">Last attempt failed: {type.lastError}</p> : null}
        {type.warningCount > 0 ? (
          <details className="text-slate-700">
            <summary className="cursor-pointer text-amber-800">{type.warningCount === 1 ? "1 shape warning" : `${number.format(type.warningCount)} shape warnings`}</summary>
            <ul className="mt-1 space-y-1 text-xs">
              {type.warnings.map((w) => (
                <li key={w.field}>
                  <code className="rounded bg-slate-100 px-1">{w.field}</code> {w.message} ({number.format(w.count)}×{w.sampleId ? <>, e.g. <code className="rounded bg-slate-100 px-1">{w.sampleId}</code></> : null})
                </li>
              ))}
            </ul>
          </details>
        ) : null}
        {!type.lastError && type.warningCount === 0 ? <span className="text-slate-500">None</span> : null}
      </td>
      <td className="min-w-56 px-4 py-2.5">{type.run ? <RunCell run={type.run} label={RECORD_TYPE_LABELS[type.recordType] ?? type.recordType} /> : <span className="text-slate-500">No run yet</span>}</td>
    </tr>
  );
}

function RunCell({ run, label }: { run: RunProgress; label: string }) {
  const counts = `${number.format(run.fetched)} of ${number.format(run.total)} fetched, ${number.format(run.applied)} applied`;
  switch (run.state) {
    case "RUNNING":
      return (
        <div>
          <progress className="h-2 w-full accent-brand-600" max={Math.max(run.total, 1)} value={run.position} aria-label={`${label}: sync progress`} aria-valuetext={counts} />
          <p className="mt-1 text-xs text-slate-700">{counts}</p>
        </div>
      );
    case "STALLED":
      return <p className="text-xs text-amber-800">Stopped at {number.format(run.position)} of {number.format(run.total)}; the next sync resumes there.</p>;
    case "FAILED":
      return <p className="text-xs text-red-700">Failed at {number.format(run.position)} of {number.format(run.total)}: {run.error ?? "unknown error"}. The next sync resumes there.</p>;
    case "DONE":
      return (
        <p className="text-xs text-slate-600">
          Done{run.finishedAt ? ` ${formatDateTime(run.finishedAt)}` : ""}: {number.format(run.fetched)} fetched, {number.format(run.applied)} applied
          {run.skipped > 0 ? `, ${number.format(run.skipped)} set aside` : ""}
          {run.failed > 0 ? `, ${number.format(run.failed)} failed` : ""}
        </p>
      );
  }
}

function SyncNowButton({ provider, watch }: { provider: ProviderHealth; watch: (on: boolean) => void }) {
  const translate = useMsg();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState(false);
  const [since, setSince] = useState<string | null>(null);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string }>();
  // The sync this button started is over when every record type has a run from it that is no longer running.
  const runs = provider.recordTypes.map((type) => type.run);
  const finished = since !== null && runs.every((run) => run && run.startedAt >= since && run.state !== "RUNNING");
  useEffect(() => {
    if (finished) watch(false);
  }, [finished, watch]);
  const contracts = provider.recordTypes.find((type) => type.recordType === "contract")?.run;
  const failedTypes = runs.filter((run) => run?.state === "FAILED").length;
  const shown: typeof message = finished
    ? failedTypes > 0
      ? { tone: "error", text: `Sync finished with ${failedTypes === 1 ? "1 record type" : `${failedTypes} record types`} failing; see below.` }
      : { tone: "success", text: `Sync finished: ${(contracts?.fetched ?? 0) === 1 ? "1 contract" : `${number.format(contracts?.fetched ?? 0)} contracts`} fetched, ${number.format(contracts?.applied ?? 0)} applied.` }
    : message;
  const start = async () => {
    setPending(true);
    setMessage(undefined);
    try {
      const result = await startSyncAction(provider.id);
      if (!result.ok) setMessage({ tone: "error", text: translate(result.error) });
      else {
        watch(true);
        if (result.data.started) setSince(result.data.since);
        setMessage({ tone: "success", text: result.data.started ? "Sync started. Progress shows below." : "A sync of this provider is already running." });
        await queryClient.invalidateQueries({ queryKey: syncAdminKeys.health });
      }
    } catch {
      setMessage({ tone: "error", text: "We could not reach the server. Nothing was started; try again." });
    } finally {
      setPending(false);
    }
  };
  const busy = pending || (since !== null && !finished) || provider.running;
  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant="secondary" onClick={start} disabled={busy || !provider.enabled} title={provider.enabled ? undefined : "Enable the provider first"} aria-label={`Sync ${provider.name} now`}>
        {busy ? <Spinner /> : null} {busy ? "Syncing…" : "Sync now"}
      </Button>
      <span aria-live="polite" className="text-right text-xs">
        {shown ? <span className={shown.tone === "error" ? "text-red-700" : "text-emerald-700"}>{shown.text}</span> : null}
      </span>
    </div>
  );
}
