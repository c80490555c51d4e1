"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { useServerAction, type Message } from "@/components/ui/use-server-action";
import { queryKeys } from "@/components/live/query-keys";
import type { ProductField } from "@/lib/finum/records";
import type { ActionResult } from "@/lib/errors";
import { productDataSchema } from "@/lib/products/product-data";
import { productFieldErrorsOf } from "@/lib/products/product-data";
import { orderContractAction, refreshContractAction, resubmitDataAction, sendProposalAction, withdrawContractAction } from "@/app/(advisor)/contracts/actions";
import { sendApprovalRequestAction } from "@/app/(advisor)/contracts/[id]/approvals/actions";
import { Button, ButtonLink, Spinner } from "@/components/ui/button";
import { Alert } from "@/components/ui/field";
import { ProductFields, productValuesFrom } from "./product-fields";
import { useFieldMessages } from "@/components/i18n/use-msg";

/**
 * A server action on one contract: its result message, and afterwards the contract's query is
 * re-read, so the page shows the new state (also when the action failed because something
 * else changed the contract first).
 */
export function useContractAction(contractId: string) {
  const queryClient = useQueryClient();
  const action = useServerAction();
  const run = <T,>(call: () => Promise<ActionResult<T>>, onSuccess?: (data: T) => string | Message | void) =>
    action.run(async () => {
      try {
        return await call();
      } finally {
        void queryClient.invalidateQueries({ queryKey: queryKeys.contract(contractId) });
      }
    }, onSuccess);
  return { ...action, run };
}

export function RefreshButton({ contractId }: { contractId: string }) {
  const t = useTranslations("contracts.actions");
  const { pending, message, run } = useContractAction(contractId);
  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant="secondary" disabled={pending} onClick={() => run(() => refreshContractAction(contractId), (d) => (d.outcome === "applied" ? t("refreshed") : t("upToDate")))}>
        {pending ? <Spinner /> : null} {pending ? t("asking") : t("refresh")}
      </Button>
      {message ? <span role={message.tone === "error" ? "alert" : "status"} className={`text-xs ${message.tone === "error" ? "text-red-700" : "text-slate-600"}`}>{message.text}</span> : null}
    </div>
  );
}

export function SendDraft({ contractId, providerName, lastError }: { contractId: string; providerName: string; lastError?: string | null }) {
  const t = useTranslations("contracts.actions");
  const { pending, message, run } = useContractAction(contractId);
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">
        {t("notSentYet", { provider: providerName })}
        {lastError ? ` ${t("lastAttemptFailed")}` : ""}
      </p>
      {lastError && !message ? <Alert tone="info">{lastError}</Alert> : null}
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Button disabled={pending} onClick={() => run(() => sendProposalAction(contractId), () => t("sentToProvider"))}>
        {pending ? <Spinner /> : null} {pending ? t("sendingTo", { to: providerName }) : t("sendTo", { provider: providerName })}
      </Button>
    </div>
  );
}

/**
 * The product data as a form that sends it to the provider again (PATCH, status 120): for the
 * data the provider asked for (110), and for a revised proposal after a decline or a change.
 */
export function CompleteData({
  contractId,
  fields,
  data,
  note,
  missing,
  submitLabel,
  sentMessage,
  onCancel,
}: {
  contractId: string;
  fields: ProductField[];
  data: Record<string, unknown>;
  note: string | null;
  missing: string[];
  submitLabel?: string;
  sentMessage?: string;
  onCancel?: () => void;
}) {
  const t = useTranslations("contracts.actions");
  const translateFields = useFieldMessages();
  const { pending, message, setMessage, fieldErrors, setFieldErrors, run } = useContractAction(contractId);
  return (
    <form
      noValidate
      className="space-y-5"
      onSubmit={(event) => {
        event.preventDefault();
        const values = productValuesFrom(event.currentTarget, fields);
        const parsed = productDataSchema(fields).safeParse(values);
        if (!parsed.success) {
          setFieldErrors(translateFields(productFieldErrorsOf(parsed.error, fields)));
          setMessage({ tone: "error", text: t("detailsNeedAttention") });
          return;
        }
        run(() => resubmitDataAction(contractId, values), () => sentMessage ?? t("completeSent"));
      }}
    >
      {note ? (
        <Alert tone="info">
          <span className="font-semibold">{t("providerSays")}</span> {note}
        </Alert>
      ) : null}
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <ProductFields fields={fields} initial={data} errors={fieldErrors} highlight={missing} />
      <div className="flex flex-wrap justify-end gap-3">
        {onCancel ? (
          <Button type="button" variant="secondary" onClick={onCancel} disabled={pending}>
            {t("cancel")}
          </Button>
        ) : null}
        <Button type="submit" disabled={pending}>
          {pending ? <Spinner /> : null} {pending ? t("sending") : (submitLabel ?? t("completeSubmit"))}
        </Button>
      </div>
    </form>
  );
}

/** Send the customer their approval link, or a new one (never shown here: it exists only in their email). */
export function SendApprovalButton({ contractId, email, label, variant = "primary" }: { contractId: string; email: string; label: string; variant?: "primary" | "secondary" }) {
  const t = useTranslations("contracts.actions");
  const { pending, message, run } = useContractAction(contractId);
  return (
    <div className="space-y-2">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Button variant={variant} disabled={pending} onClick={() => run(() => sendApprovalRequestAction(contractId), (data) => t("approvalSent", { email: data.email }))}>
        {pending ? <Spinner /> : null} {pending ? t("sendingTo", { to: email }) : label}
      </Button>
    </div>
  );
}

export function OrderButton({ contractId, proposalVersion }: { contractId: string; proposalVersion: number }) {
  const t = useTranslations("contracts.actions");
  const { pending, message, run } = useContractAction(contractId);
  return (
    <div className="space-y-2">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Button disabled={pending} onClick={() => run(() => orderContractAction(contractId, proposalVersion), () => t("ordered"))}>
        {pending ? <Spinner /> : null} {pending ? t("ordering") : t("order", { version: proposalVersion })}
      </Button>
    </div>
  );
}

/** Withdraw (430) with a reason, after a confirmation: the provider is told and nothing more happens on it. */
export function WithdrawPanel({ contractId, what }: { contractId: string; what: string }) {
  const t = useTranslations("contracts.actions.withdraw");
  const { pending, message, setMessage, fieldErrors, setFieldErrors, run } = useContractAction(contractId);
  const [open, setOpen] = useState(false);
  const id = useId();
  if (!open) {
    return (
      <Button variant="danger" onClick={() => setOpen(true)} aria-expanded={false}>
        {t("open")}
      </Button>
    );
  }
  return (
    <form
      noValidate
      className="w-full space-y-3 rounded-lg bg-red-50/60 p-4 ring-1 ring-red-200"
      onSubmit={(event) => {
        event.preventDefault();
        const reason = String(new FormData(event.currentTarget).get("reason") ?? "").trim();
        if (!reason) {
          setFieldErrors({ reason: [t("reasonMissing")] });
          setMessage({ tone: "error", text: t("reasonNeeded") });
          return;
        }
        run(() => withdrawContractAction(contractId, reason), () => t("done"));
      }}
    >
      <h3 className="text-sm font-semibold text-red-900">{t("title", { what })}</h3>
      <p className="text-sm text-red-900">{t("text")}</p>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <div>
        <label htmlFor={`${id}-reason`} className="block text-sm font-medium text-slate-800">
          {t("reason")}
          <span aria-hidden="true"> *</span>
        </label>
        <textarea
          id={`${id}-reason`}
          name="reason"
          rows={2}
          maxLength={500}
          required
          aria-required="true"
          aria-invalid={fieldErrors.reason ? true : undefined}
          aria-describedby={fieldErrors.reason ? `${id}-error` : undefined}
          placeholder={t("placeholder")}
          className="mt-1 block w-full rounded-lg border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
        />
        {fieldErrors.reason ? (
          <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
            {fieldErrors.reason.join(" ")}
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" variant="danger" disabled={pending}>
          {pending ? <Spinner /> : null} {pending ? t("withdrawing") : t("confirm")}
        </Button>
        <Button type="button" variant="secondary" disabled={pending} onClick={() => setOpen(false)}>
          {t("keep")}
        </Button>
      </div>
    </form>
  );
}

/** A new draft prefilled from this contract, to try another product or provider. */
export function DuplicateLink({ contractId, primary = false }: { contractId: string; primary?: boolean }) {
  const t = useTranslations("contracts.actions");
  return (
    <ButtonLink href={`/proposals/new?from=${encodeURIComponent(contractId)}`} variant={primary ? "primary" : "secondary"}>
      {t("tryAnother")}
    </ButtonLink>
  );
}
