"use client";

import { useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { AdviceView } from "@/lib/advice/advice-view";
import { ADVICE_CHANNELS } from "@/lib/advice/advice-schema";
import { queryKeys } from "@/components/live/query-keys";
import { useServerAction } from "@/components/ui/use-server-action";
import { completeAdviceAction, saveAdviceDraftAction, waiveAdviceAction } from "@/app/(advisor)/contracts/[id]/advice/actions";
import { Button, Spinner } from "@/components/ui/button";
import { Alert, Field, RequiredMark } from "@/components/ui/field";
import { Badge } from "@/components/ui/layout";

/**
 * The advice record (Beratungsdokumentation) on the contract page: the form (save a draft,
 * complete it into a PDF, or record the customer's waiver), and every version with its PDF.
 */
export function AdviceSection({ contractId, advice, linkOut }: { contractId: string; advice: AdviceView; linkOut: boolean }) {
  const t = useTranslations("advice.section");
  const newest = advice.versions[0];
  const [waiving, setWaiving] = useState(false);
  return (
    <div className="space-y-5 p-5" data-testid="advice-section" data-advice-ready={advice.ready ? "true" : "false"}>
      <p className="text-sm text-slate-700" role="status">
        {!newest
          ? t("state.none")
          : newest.state === "draft"
            ? t("state.draft", { version: newest.version })
            : newest.state === "waived"
              ? t("state.waived", { version: newest.version, at: newest.atLabel })
              : t("state.completed", { version: newest.version, at: newest.atLabel })}
      </p>
      {advice.editable ? (
        <>
          {linkOut ? <Alert tone="info">{t("voidsLink")}</Alert> : null}
          {waiving ? <WaiverForm contractId={contractId} advice={advice} onCancel={() => setWaiving(false)} /> : <AdviceForm key={newest?.id ?? "new"} contractId={contractId} advice={advice} />}
          {!waiving ? (
            <div className="border-t border-slate-100 pt-4">
              <Button variant="secondary" onClick={() => setWaiving(true)} aria-expanded={waiving}>
                {t("waiver.open")}
              </Button>
            </div>
          ) : null}
        </>
      ) : (
        <p className="text-sm text-slate-600">{t("locked")}</p>
      )}
      <AdviceVersions contractId={contractId} advice={advice} />
    </div>
  );
}

function useDone(contractId: string) {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: queryKeys.contract(contractId) });
}

function ChannelField({ defaultValue, error, idPrefix }: { defaultValue: string; error?: string[]; idPrefix: string }) {
  const t = useTranslations("advice.section");
  return (
    <fieldset>
      <legend className="block text-sm font-medium text-slate-700">
        {t("fields.channel")}
        <RequiredMark />
      </legend>
      <div className="mt-1.5 flex flex-wrap gap-4" aria-describedby={error?.length ? `${idPrefix}-channel-error` : undefined}>
        {ADVICE_CHANNELS.map((channel) => (
          <label key={channel} className="inline-flex items-center gap-2 text-sm text-slate-800">
            <input type="radio" name="channel" value={channel} defaultChecked={defaultValue === channel} required className="h-4 w-4 accent-brand-600" />
            {t(`channels.${channel}`)}
          </label>
        ))}
      </div>
      {error?.length ? (
        <p id={`${idPrefix}-channel-error`} className="mt-1 text-sm text-red-700">
          {error.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}

function AdviceForm({ contractId, advice }: { contractId: string; advice: AdviceView }) {
  const t = useTranslations("advice.section");
  const { pending, message, fieldErrors, run } = useServerAction();
  const [intent, setIntent] = useState<"draft" | "complete">("complete");
  const done = useDone(contractId);
  const form = useRef<HTMLFormElement>(null);
  const current = advice.current && !advice.current.waived ? advice.current : null;
  const submit = (which: "draft" | "complete") => {
    if (!form.current) return;
    setIntent(which);
    const data = Object.fromEntries(new FormData(form.current)) as Record<string, string>;
    const input = { needs: data.needs ?? "", advice: data.advice ?? "", reasons: data.reasons ?? "", channel: data.channel ?? "", productsConsidered: data.productsConsidered ?? "" };
    run(() => (which === "draft" ? saveAdviceDraftAction(contractId, input) : completeAdviceAction(contractId, input)), (saved) => {
      done();
      return saved.completed ? t("completed", { version: saved.version }) : t("saved", { version: saved.version });
    });
  };
  return (
    <form
      ref={form}
      noValidate
      className="space-y-4"
      aria-label={t("formLabel")}
      onSubmit={(event) => {
        event.preventDefault();
        submit("complete");
      }}
    >
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <ChannelField idPrefix="advice" defaultValue={current?.channel ?? "IN_PERSON"} error={fieldErrors.channel} />
      <Field id="advice-needs" label={t("fields.needs")} hint={t("hints.needs")} error={fieldErrors.needs} required>
        {(props) => <textarea {...props} name="needs" rows={4} defaultValue={current?.needs ?? ""} />}
      </Field>
      <Field id="advice-products" label={t("fields.products")} hint={t("hints.products")} error={fieldErrors.productsConsidered} required>
        {(props) => <textarea {...props} name="productsConsidered" rows={3} defaultValue={current?.productsConsidered.join("\n") ?? ""} />}
      </Field>
      <Field id="advice-advice" label={t("fields.advice")} hint={t("hints.advice")} error={fieldErrors.advice} required>
        {(props) => <textarea {...props} name="advice" rows={4} defaultValue={current?.advice ?? ""} />}
      </Field>
      <Field id="advice-reasons" label={t("fields.reasons")} hint={t("hints.reasons")} error={fieldErrors.reasons} required>
        {(props) => <textarea {...props} name="reasons" rows={4} defaultValue={current?.reasons ?? ""} />}
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending && intent === "complete" ? <Spinner /> : null} {t("complete")}
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={() => submit("draft")}>
          {pending && intent === "draft" ? <Spinner /> : null} {t("saveDraft")}
        </Button>
      </div>
      <p className="text-xs text-slate-600">{t("completeExplain")}</p>
    </form>
  );
}

function WaiverForm({ contractId, advice, onCancel }: { contractId: string; advice: AdviceView; onCancel: () => void }) {
  const t = useTranslations("advice.section");
  const { pending, message, setMessage, fieldErrors, setFieldErrors, run } = useServerAction();
  const done = useDone(contractId);
  return (
    <form
      noValidate
      className="space-y-4 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200"
      aria-label={t("waiver.title")}
      onSubmit={(event) => {
        event.preventDefault();
        const data = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string>;
        if (data.declaration !== "yes") {
          setFieldErrors({ declaration: [t("waiver.declarationRequired")] });
          setMessage({ tone: "error", text: t("waiver.declarationRequired") });
          return;
        }
        run(() => waiveAdviceAction(contractId, { waiverReason: data.waiverReason ?? "", channel: data.channel ?? "", needs: data.needs ?? "" }), (saved) => {
          done();
          onCancel();
          return t("waiver.recorded", { version: saved.version });
        });
      }}
    >
      <h3 className="text-sm font-semibold">{t("waiver.title")}</h3>
      <p className="text-sm text-slate-700">{t("waiver.explain")}</p>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <ChannelField idPrefix="waiver" defaultValue={advice.current?.channel ?? "IN_PERSON"} error={fieldErrors.channel} />
      <Field id="waiver-reason" label={t("waiver.reason")} hint={t("waiver.reasonHint")} error={fieldErrors.waiverReason} required>
        {(props) => <textarea {...props} name="waiverReason" rows={3} />}
      </Field>
      <Field id="waiver-needs" label={t("waiver.needs")} error={fieldErrors.needs}>
        {(props) => <textarea {...props} name="needs" rows={2} />}
      </Field>
      <div>
        <label className="flex items-start gap-2 text-sm text-slate-800">
          <input type="checkbox" name="declaration" value="yes" required aria-invalid={Boolean(fieldErrors.declaration?.length)} aria-describedby={fieldErrors.declaration?.length ? "waiver-declaration-error" : undefined} className="mt-0.5 h-4 w-4 accent-brand-600" />
          <span>
            {t("waiver.declaration")}
            <RequiredMark />
          </span>
        </label>
        {fieldErrors.declaration?.length ? (
          <p id="waiver-declaration-error" className="mt-1 text-sm text-red-700">
            {fieldErrors.declaration.join(" ")}
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? <Spinner /> : null} {t("waiver.submit")}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          {t("waiver.cancel")}
        </Button>
      </div>
    </form>
  );
}

function AdviceVersions({ contractId, advice }: { contractId: string; advice: AdviceView }) {
  const t = useTranslations("advice.section");
  if (advice.versions.length === 0) return null;
  return (
    <div className="border-t border-slate-100 pt-4">
      <h3 className="text-sm font-semibold text-slate-900">{t("versions.title")}</h3>
      <ul className="mt-2 divide-y divide-slate-100 text-sm" aria-label={t("versions.title")}>
        {advice.versions.map((version) => (
          <li key={version.id} className="flex flex-wrap items-center justify-between gap-2 py-2.5" data-testid="advice-version">
            <div className="min-w-0">
              <p className="font-medium text-slate-900">
                {t("versions.version", { version: version.version })}{" "}
                <Badge tone={version.state === "draft" ? "amber" : version.state === "waived" ? "slate" : "emerald"}>{t(`versions.states.${version.state}`)}</Badge>
              </p>
              <p className="text-xs text-slate-600">
                {t("versions.meta", { at: version.atLabel, by: version.by ?? "—", channel: t(`channels.${version.channel}`) })}
              </p>
              {version.sha256 ? <p className="break-all font-mono text-xs text-slate-600">SHA-256 {version.sha256}</p> : null}
            </div>
            {version.sha256 ? (
              <a className="text-sm font-medium text-brand-700 hover:underline" href={`/contracts/${contractId}/advice/${version.id}?download=1`}>
                {t("versions.download", { version: version.version })}
              </a>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
