"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import type { ConsentsView } from "@/lib/consents/consents";
import { recordConsentAction, withdrawConsentAction } from "@/app/(advisor)/clients/[id]/consents/actions";
import { useServerAction } from "@/components/ui/use-server-action";
import { Button, Spinner } from "@/components/ui/button";
import { Alert, Field } from "@/components/ui/field";
import { Badge } from "@/components/ui/layout";

/**
 * The client's consents on their page: each purpose given or not, recorded by the advisor when the
 * client agrees in person or by phone (with the exact text, in the screen's language), withdrawn
 * (kept), and the whole history.
 */
export function ConsentsSection({ view }: { view: ConsentsView }) {
  const t = useTranslations("consents");
  const { pending, message, run } = useServerAction();
  return (
    <div className="space-y-4 p-5" data-testid="consents-section">
      <p className="text-sm text-slate-600">{t("section.intro")}</p>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <ul className="divide-y divide-slate-100">
        {view.purposes.map((item) => (
          <li key={item.purpose} className="py-3" data-testid={`consent-${item.purpose}`} data-given={item.active ? "true" : "false"}>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="text-sm font-medium text-slate-900">
                {t(`purposes.${item.purpose}`)}{" "}
                {item.active ? <Badge tone="emerald">{t("section.given")}</Badge> : <Badge tone={item.required ? "amber" : "slate"}>{t("section.missing")}</Badge>}
                {item.required ? <span className="ml-2 text-xs font-normal text-slate-600">({t("section.required")})</span> : null}
              </p>
              {item.active ? (
                <WithdrawButton
                  label={t("section.withdraw")}
                  pending={pending}
                  onConfirm={() => run(() => withdrawConsentAction(view.clientId, item.active!.id), () => t("section.withdrawn"))}
                />
              ) : null}
            </div>
            {item.active ? (
              <p className="mt-1 text-xs text-slate-600">
                {t("section.givenMeta", { source: item.active.sourceLabel, at: item.active.givenLabel, language: t(`section.languages.${item.active.locale === "de" ? "de" : "en"}`) })}
              </p>
            ) : (
              <RecordConsent clientId={view.clientId} purpose={item.purpose} text={item.text} locale={view.textLocale} />
            )}
          </li>
        ))}
      </ul>
      <History view={view} />
    </div>
  );
}

function WithdrawButton({ label, pending, onConfirm }: { label: string; pending: boolean; onConfirm: () => void }) {
  const t = useTranslations("consents.section");
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <Button variant="danger" onClick={() => setAsking(true)} disabled={pending}>
        {label}
      </Button>
    );
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label={t("withdrawConfirm")}>
      <span className="text-sm text-slate-700">{t("withdrawConfirm")}</span>
      <Button
        variant="danger"
        disabled={pending}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {pending ? <Spinner /> : null} {t("withdrawYes")}
      </Button>
      <Button variant="ghost" onClick={() => setAsking(false)}>
        {t("cancel")}
      </Button>
    </div>
  );
}

function RecordConsent({ clientId, purpose, text, locale }: { clientId: string; purpose: string; text: string; locale: string }) {
  const t = useTranslations("consents");
  const [open, setOpen] = useState(false);
  const { pending, message, fieldErrors, run } = useServerAction();
  if (!open)
    return (
      <div className="mt-2">
        <Button variant="secondary" onClick={() => setOpen(true)} aria-expanded={false}>
          {t("section.record")}
        </Button>
      </div>
    );
  return (
    <form
      noValidate
      className="mt-3 space-y-3 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200"
      aria-label={t("section.recordTitle", { purpose: t(`purposes.${purpose}`) })}
      onSubmit={(event) => {
        event.preventDefault();
        const note = String(new FormData(event.currentTarget).get("note") ?? "").trim();
        run(() => recordConsentAction(clientId, { purpose, locale, ...(note ? { note } : {}) }), () => {
          setOpen(false);
          return t("section.recorded");
        });
      }}
    >
      <h3 className="text-sm font-semibold">{t("section.recordTitle", { purpose: t(`purposes.${purpose}`) })}</h3>
      <p className="text-xs text-slate-600">{t("section.recordExplain")}</p>
      <blockquote className="border-l-4 border-brand-200 pl-3 text-sm text-slate-800">{text}</blockquote>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Field id={`consent-note-${purpose}`} label={t("section.note")} error={fieldErrors.note}>
        {(props) => <input {...props} name="note" placeholder={t("section.notePlaceholder")} maxLength={500} />}
      </Field>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? <Spinner /> : null} {t("section.confirm")}
        </Button>
        <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
          {t("section.cancel")}
        </Button>
      </div>
    </form>
  );
}

function History({ view }: { view: ConsentsView }) {
  const t = useTranslations("consents");
  return (
    <div className="border-t border-slate-100 pt-4">
      <h3 className="text-sm font-semibold text-slate-900">{t("section.history")}</h3>
      {view.history.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">{t("section.noHistory")}</p>
      ) : (
        <ul className="mt-2 space-y-2 text-sm">
          {view.history.map((row) => (
            <li key={row.id}>
              <details>
                <summary className="cursor-pointer text-slate-800">
                  {t("section.historyEntry", { purpose: t(`purposes.${row.purpose}`), given: row.givenLabel, source: t(`sources.${row.source}`) })}
                  {row.withdrawnLabel ? <span className="text-red-700"> · {t("section.historyWithdrawn", { at: row.withdrawnLabel })}</span> : null}
                </summary>
                <p className="mt-1 text-xs text-slate-600" lang={row.locale}>
                  {row.text}
                </p>
              </details>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
