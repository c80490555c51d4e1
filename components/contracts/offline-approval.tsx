"use client";

import { useState } from "react";
import { useServerAction } from "@/components/ui/use-server-action";
import { fieldErrorsOf } from "@/lib/clients/schema";
import { offlineApprovalSchema, OFFLINE_METHODS } from "@/lib/approvals/offline-approval-schema";
import { recordOfflineApprovalAction } from "@/app/(advisor)/contracts/actions";
import { Button, Spinner } from "@/components/ui/button";
import { Alert, Field } from "@/components/ui/field";
import { useFieldMessages } from "@/components/i18n/use-msg";

/** Record an approval the customer gave outside the portal (on paper, by phone, ...). */
export function OfflineApprovalForm({ contractId, onDone }: { contractId: string; onDone: () => void }) {
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
          setMessage({ tone: "error", text: "Some fields need your attention." });
          return;
        }
        run(() => recordOfflineApprovalAction(contractId, input), () => {
          onDone();
          return "Approval recorded.";
        });
      }}
    >
      <h3 className="text-sm font-semibold">Approval given outside the portal</h3>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="approved-by" label="Approved by (full name)" error={fieldErrors.approvedBy}>
          {(props) => <input {...props} name="approvedBy" autoComplete="off" />}
        </Field>
        <Field id="approved-at" label="When" error={fieldErrors.approvedAt}>
          {(props) => <input {...props} name="approvedAt" type="datetime-local" defaultValue={now} />}
        </Field>
        <Field id="approval-method" label="How" error={fieldErrors.method}>
          {(props) => (
            <select {...props} name="method" defaultValue="">
              <option value="">Choose…</option>
              {Object.entries(OFFLINE_METHODS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="approval-note" label="Note (optional)" error={fieldErrors.note}>
          {(props) => <input {...props} name="note" placeholder="e.g. signed copy filed" />}
        </Field>
        <Field id="approval-evidence" label="Evidence (PDF or image of the signed proposal, the email, or a call note)" error={fieldErrors.evidence}>
          {(props) => <input {...props} name="evidence" type="file" accept="application/pdf,image/png,image/jpeg,image/gif,image/webp" />}
        </Field>
      </div>
      <p className="text-xs text-slate-600">The name must be the customer&apos;s as on the proposal, and the date no earlier than the proposal. The approval is shown as recorded offline, with its evidence.</p>
      <Button type="submit" disabled={pending}>
        {pending ? <Spinner /> : null} Record approval
      </Button>
    </form>
  );
}
