"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { useServerAction } from "@/components/ui/use-server-action";
import { fieldErrorsOf } from "@/lib/clients/schema";
import { offlineApprovalSchema, OFFLINE_METHODS } from "@/lib/approvals/offline-approval-schema";
import { recordOfflineApprovalAction } from "@/app/(advisor)/contracts/actions";
import { Button, Spinner } from "@/components/ui/button";
import { Alert, Field } from "@/components/ui/field";
import { useFieldMessages } from "@/components/i18n/use-msg";

/** Record an approval the customer gave outside the portal (on paper, by phone, ...). */
export function OfflineApprovalForm({ contractId, onDone }: { contractId: string; onDone: () => void }) {
  const t = useTranslations("contracts.offline");
  const tm = useTranslations("contracts.approvals.methods");
  const translateFields = useFieldMessages();
  const { pending, message, setMessage, fieldErrors, setFieldErrors, run } = useServerAction();
  // Local "now" for the datetime input, fixed when the form opens.
  const [now] = useState(() => {
    const date = new Date();
    return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  });
  return (
    <form
      noValidate
      className="space-y-4 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200"
      onSubmit={(event) => {
        event.preventDefault();
        const form = Object.fromEntries(new FormData(event.currentTarget)) as Record<string, string | File>;
        const approvedAt = typeof form.approvedAt === "string" && form.approvedAt ? new Date(form.approvedAt).toISOString() : "";
        // An empty file input still sends an empty File: that is "no evidence attached".
        const evidence = form.evidence instanceof File && form.evidence.size > 0 ? form.evidence : undefined;
        const input = { ...form, approvedAt, evidence };
        const parsed = offlineApprovalSchema.safeParse(input);
        if (!parsed.success) {
          setFieldErrors(translateFields(fieldErrorsOf(parsed.error)));
          setMessage({ tone: "error", text: t("fieldsNeedAttention") });
          return;
        }
        run(() => recordOfflineApprovalAction(contractId, input), () => {
          onDone();
          return t("recorded");
        });
      }}
    >
      <h3 className="text-sm font-semibold">{t("title")}</h3>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="approved-by" label={t("approvedBy")} error={fieldErrors.approvedBy} required>
          {(props) => <input {...props} name="approvedBy" autoComplete="off" />}
        </Field>
        <Field id="approved-at" label={t("when")} error={fieldErrors.approvedAt} required>
          {(props) => <input {...props} name="approvedAt" type="datetime-local" defaultValue={now} />}
        </Field>
        <Field id="approval-method" label={t("how")} error={fieldErrors.method} required>
          {(props) => (
            <select {...props} name="method" defaultValue="">
              <option value="">{t("choose")}</option>
              {Object.keys(OFFLINE_METHODS).map((value) => (
                <option key={value} value={value}>
                  {tm(value)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="approval-note" label={t("note")} error={fieldErrors.note}>
          {(props) => <input {...props} name="note" placeholder={t("notePlaceholder")} />}
        </Field>
        <Field id="approval-evidence" label={t("evidence")} error={fieldErrors.evidence} required>
          {(props) => <input {...props} name="evidence" type="file" accept="application/pdf,image/png,image/jpeg,image/gif,image/webp" />}
        </Field>
      </div>
      <p className="text-xs text-slate-600">{t("explain")}</p>
      <Button type="submit" disabled={pending}>
        {pending ? <Spinner /> : null} {t("submit")}
      </Button>
    </form>
  );
}
