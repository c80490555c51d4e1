"use client";

import { useState } from "react";
import { useServerAction } from "@/components/ui/use-server-action";
import type { ProductField } from "@/lib/finum/records";
import { productDataSchema } from "@/lib/products/product-data";
import { fieldErrorsOf } from "@/lib/clients/schema";
import { offlineApprovalSchema, OFFLINE_METHODS } from "@/lib/approvals/offline-approval-schema";
import { orderContractAction, recordOfflineApprovalAction, refreshContractAction, resubmitDataAction, sendProposalAction } from "@/app/(advisor)/contracts/actions";
import { sendApprovalRequestAction } from "@/app/(advisor)/contracts/[id]/approvals/actions";
import { formatDateTime } from "@/lib/format";
import { Button, Spinner } from "@/components/ui/button";
import { Alert, Field } from "@/components/ui/field";
import { ProductFields, productValuesFrom } from "./product-fields";

export function RefreshButton({ contractId }: { contractId: string }) {
  const { pending, message, run } = useServerAction();
  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant="secondary" disabled={pending} onClick={() => run(() => refreshContractAction(contractId), (d) => (d.outcome === "applied" ? "Updated from the provider." : "Already up to date."))}>
        {pending ? <Spinner /> : null} {pending ? "Asking the provider…" : "Refresh from provider"}
      </Button>
      {message ? <span role={message.tone === "error" ? "alert" : "status"} className={`text-xs ${message.tone === "error" ? "text-red-700" : "text-slate-600"}`}>{message.text}</span> : null}
    </div>
  );
}

export function SendDraft({ contractId, providerName, lastError }: { contractId: string; providerName: string; lastError?: string | null }) {
  const { pending, message, run } = useServerAction();
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">
        This proposal is saved here but has not reached {providerName} yet.{lastError ? " The last attempt failed:" : ""}
      </p>
      {lastError && !message ? <Alert tone="info">{lastError}</Alert> : null}
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Button disabled={pending} onClick={() => run(() => sendProposalAction(contractId), () => "Sent to the provider.")}>
        {pending ? <Spinner /> : null} {pending ? `Sending to ${providerName}…` : `Send to ${providerName}`}
      </Button>
    </div>
  );
}

export function CompleteData({ contractId, fields, data, note, missing }: { contractId: string; fields: ProductField[]; data: Record<string, unknown>; note: string | null; missing: string[] }) {
  const { pending, message, setMessage, fieldErrors, setFieldErrors, run } = useServerAction();
  return (
    <form
      noValidate
      className="space-y-5"
      onSubmit={(event) => {
        event.preventDefault();
        const values = productValuesFrom(event.currentTarget, fields);
        const parsed = productDataSchema(fields).safeParse(values);
        if (!parsed.success) {
          setFieldErrors(fieldErrorsOf(parsed.error));
          setMessage({ tone: "error", text: "Some details need your attention." });
          return;
        }
        run(() => resubmitDataAction(contractId, values), () => "Sent. The provider is preparing the proposal.");
      }}
    >
      {note ? (
        <Alert tone="info">
          <span className="font-semibold">The provider says:</span> {note}
        </Alert>
      ) : null}
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <ProductFields fields={fields} initial={data} errors={fieldErrors} highlight={missing} />
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>
          {pending ? <Spinner /> : null} {pending ? "Sending…" : "Send the completed data"}
        </Button>
      </div>
    </form>
  );
}

export interface ApprovalLinkState {
  email: string;
  sentAt: string;
  expiresAt: string;
  expired: boolean;
}

export interface DeclinedState {
  name: string;
  reason: string;
  at: string;
}

export function OrderPanel({
  contractId,
  proposalVersion,
  approved,
  hasDocument,
  clientEmail,
  link,
  declined,
}: {
  contractId: string;
  proposalVersion: number;
  approved: boolean;
  hasDocument: boolean;
  clientEmail: string | null;
  link: ApprovalLinkState | null;
  declined: DeclinedState | null;
}) {
  const { pending, message, run } = useServerAction();
  const [recording, setRecording] = useState(false);
  return (
    <div className="space-y-4">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      {approved ? (
        <p className="text-sm text-slate-700">The customer approved proposal version {proposalVersion}. You can order it now.</p>
      ) : (
        <p className="text-sm text-slate-700">
          Ordering needs the customer&apos;s approval of proposal version {proposalVersion}.{hasDocument ? "" : " The proposal document has not arrived yet."}
        </p>
      )}
      {!approved && declined ? (
        <Alert tone="error">
          {declined.name} declined proposal version {proposalVersion} on {formatDateTime(declined.at)}: “{declined.reason}”
        </Alert>
      ) : null}
      {!approved && hasDocument ? <ApprovalRequestPanel contractId={contractId} clientEmail={clientEmail} link={link} /> : null}
      <div className="flex flex-wrap gap-3">
        <Button disabled={pending || !approved} onClick={() => run(() => orderContractAction(contractId, proposalVersion), () => "Ordered. The provider is reviewing it.")} aria-describedby={approved ? undefined : "order-hint"}>
          {pending ? <Spinner /> : null} {pending ? "Ordering…" : `Order proposal v${proposalVersion}`}
        </Button>
        {!approved && hasDocument ? (
          <Button variant="secondary" onClick={() => setRecording((value) => !value)} aria-expanded={recording}>
            Record an approval given outside the portal
          </Button>
        ) : null}
      </div>
      {!approved ? <p id="order-hint" className="text-xs text-slate-500">The order button unlocks once an approval of this exact proposal is recorded.</p> : null}
      {recording ? <OfflineApprovalForm contractId={contractId} onDone={() => setRecording(false)} /> : null}
    </div>
  );
}

/** Send the customer their approval link (never shown here: it exists only in their email). */
function ApprovalRequestPanel({ contractId, clientEmail, link }: { contractId: string; clientEmail: string | null; link: ApprovalLinkState | null }) {
  const { pending, message, run } = useServerAction();
  const send = () => run(() => sendApprovalRequestAction(contractId), (data) => `Approval request sent to ${data.email}.`);
  return (
    <div className="space-y-3 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200">
      {link ? (
        <p className="text-sm text-slate-800" role="status">
          {link.expired ? (
            <>
              The approval link sent to <span className="font-medium">{link.email}</span> expired on {formatDateTime(link.expiresAt)}. Send a new one.
            </>
          ) : (
            <>
              Approval requested from <span className="font-medium">{link.email}</span>, expires {formatDateTime(link.expiresAt)}.{" "}
              <span className="text-slate-500">Sent {formatDateTime(link.sentAt)}; waiting for the customer.</span>
            </>
          )}
        </p>
      ) : clientEmail ? (
        <p className="text-sm text-slate-700">Send the customer a personal link to read and approve this proposal.</p>
      ) : null}
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      {clientEmail ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button variant={link && !link.expired ? "secondary" : "primary"} disabled={pending} onClick={send}>
            {pending ? <Spinner /> : null} {pending ? "Sending…" : link ? "Send again" : `Send approval request to ${clientEmail}`}
          </Button>
          {link && !link.expired ? <span className="text-xs text-slate-500">A new link replaces the one already sent.</span> : null}
        </div>
      ) : (
        <p className="text-sm text-amber-800">This client has no email address, so no approval link can be sent. Add one on the client&apos;s page, or record an approval given outside the portal.</p>
      )}
    </div>
  );
}

function OfflineApprovalForm({ contractId, onDone }: { contractId: string; onDone: () => void }) {
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
          setFieldErrors(fieldErrorsOf(parsed.error));
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
