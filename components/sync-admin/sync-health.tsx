"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { ProviderHealth, RecordTypeHealth, RunProgress } from "@/lib/sync/health";
import { useTranslations } from "next-intl";
import type { Formatter } from "@/lib/format";
import { storedMessagesOf } from "@/lib/i18n/stored-message";
import { useFormat } from "@/components/i18n/use-format";
import { startSyncAction } from "@/app/(admin)/admin/sync/actions";
import { Button, Spinner } from "@/components/ui/button";
import { Alert } from "@/components/ui/field";
import { Badge, Card, EmptyState } from "@/components/ui/layout";
import { syncAdminKeys } from "./query-keys";
import { useMsg } from "@/components/i18n/use-msg";

const RECORD_TYPES = ["product", "user", "client", "contract", "file"] as const;
type Translator = ReturnType<typeof useTranslations<"sync.health">>;

/** A record type's name in the reader's language ("Contracts" / "Verträge"); an unknown one as it is. */
function recordTypeLabel(t: Translator, type: string): string {
  return (RECORD_TYPES as readonly string[]).includes(type) ? t(`recordTypes.${type as (typeof RECORD_TYPES)[number]}`) : type;
}

/** A stored text (a key with values, or an old plain text) in the reader's language. */
function useStored() {
  const translate = useMsg();
  return (text: string | null | undefined) => (text ? storedMessagesOf(text).map(translate).join(" ") : "");
}

/** Lag through lib/format ("40 sec" / "40 Sek."), or "Never synced". */
function lagText(t: Translator, f: Formatter, seconds: number | null): string {
  return seconds === null ? t("neverSynced") : f.duration(seconds * 1000);
}

async function fetchHealth(): Promise<ProviderHealth[]> {
  const response = await fetch("/admin/sync/status", { headers: { accept: "application/json" }, cache: "no-store" });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
    throw new Error(problem?.detail ?? `HTTP ${response.status}`);
  }
  return ((await response.json()) as { providers: ProviderHealth[] }).providers;
}

/**
 * Every provider's sync health, refreshed every second while a sync runs (and for a while after
 * "Sync now", until its first run shows up), otherwise when the window regains focus.
 */
export function SyncHealth({ initial, staleAfterMinutes }: { initial: ProviderHealth[]; staleAfterMinutes: number }) {
  // Providers whose "Sync now" this page waits for: polled even between two record types' runs.
  const t = useTranslations("sync.health");
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
        <EmptyState title={t("emptyTitle")}>{t("emptyText")}</EmptyState>
      </Card>
    );
  }
  return (
    <div className="space-y-6">
      {query.isError ? <Alert tone="error">{t("refreshFailed", { error: query.error.message })}</Alert> : null}
      {providers.map((provider) => (
        <ProviderCard key={provider.id} provider={provider} staleAfterMinutes={staleAfterMinutes} watch={(on) => (on ? watching.current.add(provider.id) : watching.current.delete(provider.id))} />
      ))}
    </div>
  );
}

function ProviderCard({ provider, staleAfterMinutes, watch }: { provider: ProviderHealth; staleAfterMinutes: number; watch: (on: boolean) => void }) {
  const t = useTranslations("sync.health");
  const f = useFormat();
  const headingId = `provider-${provider.id}-heading`;
  return (
    <Card
      title={
        <span id={headingId} className="flex flex-wrap items-center gap-2">
          {provider.name}
          {provider.enabled ? null : <Badge>{t("disabled")}</Badge>}
          {provider.running ? <Badge tone="brand">{t("syncing")}</Badge> : null}
          {provider.reviewOpen > 0 ? (
            <a href="/admin/review" className="text-xs font-medium text-amber-800 underline">
              {t("reviewOpen", { count: provider.reviewOpen, formatted: f.number(provider.reviewOpen) ?? "" })}
            </a>
          ) : null}
        </span>
      }
      actions={<SyncNowButton provider={provider} watch={watch} />}
    >
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" aria-labelledby={headingId}>
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">{t("columns.recordType")}</th>
              <th scope="col" className="px-4 py-2 font-medium">{t("columns.lastPull")}</th>
              <th scope="col" className="px-4 py-2 font-medium">{t("columns.lag")}</th>
              <th scope="col" className="px-4 py-2 text-right font-medium">{t("columns.records")}</th>
              <th scope="col" className="px-4 py-2 font-medium">{t("columns.errors")}</th>
              <th scope="col" className="px-4 py-2 font-medium">{t("columns.run")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {provider.recordTypes.map((type) => (
              <RecordTypeRow key={type.recordType} type={type} staleAfterMinutes={staleAfterMinutes} enabled={provider.enabled} />
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

function RecordTypeRow({ type, staleAfterMinutes, enabled }: { type: RecordTypeHealth; staleAfterMinutes: number; enabled: boolean }) {
  const t = useTranslations("sync.health");
  const f = useFormat();
  const stored = useStored();
  // A disabled provider is not synced on purpose: its lag is shown, not flagged.
  const stale = enabled && (type.lagSeconds === null || type.lagSeconds > staleAfterMinutes * 60);
  const label = recordTypeLabel(t, type.recordType);
  return (
    <tr className="align-top">
      <th scope="row" className="px-4 py-2.5 font-medium text-slate-900">{label}</th>
      <td className="whitespace-nowrap px-4 py-2.5 text-slate-700">{type.lastSuccessAt ? f.dateTime(type.lastSuccessAt) : t("never")}</td>
      <td className="whitespace-nowrap px-4 py-2.5">{stale ? <Badge tone="amber">{lagText(t, f, type.lagSeconds)}</Badge> : <span className="text-slate-700">{lagText(t, f, type.lagSeconds)}</span>}</td>
      <td className="px-4 py-2.5 text-right tabular-nums text-slate-700">{f.number(type.lastCount)}</td>
      <td className="px-4 py-2.5">
        {type.lastError ? <p className="text-red-700">{t("lastAttemptFailed", { error: stored(type.lastError) })}</p> : null}
        {type.warningCount > 0 ? (
          <details className="text-slate-700">
            <summary className="cursor-pointer text-amber-800">{t("shapeWarnings", { count: type.warningCount, formatted: f.number(type.warningCount) ?? "" })}</summary>
            <ul className="mt-1 space-y-1 text-xs">
              {type.warnings.map((w) => (
                <li key={w.field}>
                  <code className="rounded bg-slate-100 px-1">{w.field}</code> {stored(w.message)} ({f.number(w.count)}×{w.sampleId ? <>, {t("example")} <code className="rounded bg-slate-100 px-1">{w.sampleId}</code></> : null})
                </li>
              ))}
            </ul>
          </details>
        ) : null}
        {!type.lastError && type.warningCount === 0 ? <span className="text-slate-600">{t("none")}</span> : null}
      </td>
      <td className="min-w-56 px-4 py-2.5">{type.run ? <RunCell run={type.run} label={label} enabled={enabled} /> : <span className="text-slate-600">{t("noRun")}</span>}</td>
    </tr>
  );
}

function RunCell({ run, label, enabled }: { run: RunProgress; label: string; enabled: boolean }) {
  const t = useTranslations("sync.health.run");
  const f = useFormat();
  const stored = useStored();
  const n = (value: number) => f.number(value) ?? String(value);
  const counts = t("counts", { fetched: n(run.fetched), total: n(run.total), applied: n(run.applied) });
  switch (run.state) {
    case "RUNNING":
      return (
        <div>
          <progress className="h-2 w-full accent-brand-600" max={Math.max(run.total, 1)} value={run.position} aria-label={t("progress", { label })} aria-valuetext={counts} />
          <p className="mt-1 text-xs text-slate-700">{counts}</p>
        </div>
      );
    case "STALLED":
      // The watchdog resumes runs of enabled providers only.
      return <p className="text-xs text-amber-800">{t(enabled ? "stalled" : "stalledDisabled", { position: n(run.position), total: n(run.total) })}</p>;
    case "FAILED":
      return <p className="text-xs text-red-700">{t("failed", { position: n(run.position), total: n(run.total), error: run.error ? stored(run.error) : t("unknownError") })}</p>;
    case "DONE":
      return (
        <p className="text-xs text-slate-600">
          {run.finishedAt ? t("doneAt", { at: f.dateTime(run.finishedAt), fetched: n(run.fetched), applied: n(run.applied) }) : t("done", { fetched: n(run.fetched), applied: n(run.applied) })}
          {run.skipped > 0 ? `, ${t("setAside", { count: n(run.skipped) })}` : ""}
          {run.failed > 0 ? `, ${t("failedCount", { count: n(run.failed) })}` : ""}
        </p>
      );
  }
}

function SyncNowButton({ provider, watch }: { provider: ProviderHealth; watch: (on: boolean) => void }) {
  const t = useTranslations("sync.health.now");
  const f = useFormat();
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
      ? { tone: "error", text: t("finishedFailing", { count: failedTypes }) }
      : { tone: "success", text: t("finished", { count: contracts?.fetched ?? 0, fetched: f.number(contracts?.fetched ?? 0) ?? "", applied: f.number(contracts?.applied ?? 0) ?? "" }) }
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
        setMessage({ tone: "success", text: result.data.started ? t("started") : t("alreadyRunning") });
        await queryClient.invalidateQueries({ queryKey: syncAdminKeys.health });
      }
    } catch {
      setMessage({ tone: "error", text: t("unreachable") });
    } finally {
      setPending(false);
    }
  };
  const busy = pending || (since !== null && !finished) || provider.running;
  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant="secondary" onClick={start} disabled={busy || !provider.enabled} title={provider.enabled ? undefined : t("enableFirst")} aria-label={t("label", { name: provider.name })}>
        {busy ? <Spinner /> : null} {busy ? t("syncing") : t("button")}
      </Button>
      <span aria-live="polite" className="text-right text-xs">
        {shown ? <span className={shown.tone === "error" ? "text-red-700" : "text-emerald-700"}>{shown.text}</span> : null}
      </span>
    </div>
  );
}
