"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { approveSchema, declineSchema } from "@/lib/approvals/decision-schema";
import { fieldErrorsOf } from "@/lib/clients/schema";
import type { ActionResult } from "@/lib/errors";
import { approveAction, declineAction } from "@/app/approve/[token]/actions";
import { Button, Spinner } from "@/components/ui/button";
import { Alert, Field } from "@/components/ui/field";
import { useFieldMessages, useMsg } from "@/components/i18n/use-msg";

type Errors = Record<string, string[]>;

/** Approve (full name + the statement ticked) or decline (with a reason). Both are POSTs. */
export function CustomerDecision({ token, digest, statement, declineNotice, clientName }: { token: string; digest: string; statement: string; declineNotice: string; clientName: string }) {
  const translate = useMsg();
  const translateFields = useFieldMessages();
  const router = useRouter();
  const [mode, setMode] = useState<"approve" | "decline">("approve");
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const [errors, setErrors] = useState<Errors>({});

  const submit = (run: () => Promise<ActionResult<{ next: "done" | "page" }>>) =>
    start(async () => {
      setError(undefined);
      let result: ActionResult<{ next: "done" | "page" }>;
      try {
        result = await run();
      } catch {
        setError("We could not reach the server. Nothing was recorded; check your connection and try again.");
        return;
      }
      if (!result.ok) {
        setErrors(translateFields(result.fieldErrors));
        setError(translate(result.error));
        return;
      }
      if (result.data.next === "done") router.replace(`/approve/${token}/done`);
      else router.refresh();
    });

  return (
    <section aria-labelledby="decision-heading" className="rounded-2xl bg-white shadow-sm ring-1 ring-slate-200">
      <div className="border-b border-slate-100 px-5 pt-5 sm:px-6">
        <h2 id="decision-heading" className="text-base font-semibold text-slate-900">Your decision</h2>
        <div role="tablist" aria-label="Your decision" className="mt-3 flex gap-1">
          {(["approve", "decline"] as const).map((value) => (
            <button
              key={value}
              role="tab"
              type="button"
              aria-selected={mode === value}
              aria-controls={`${value}-panel`}
              id={`${value}-tab`}
              onClick={() => {
                setMode(value);
                setError(undefined);
                setErrors({});
              }}
              className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${mode === value ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:text-slate-800"}`}
            >
              {value === "approve" ? "Approve" : "Decline"}
            </button>
          ))}
        </div>
      </div>

      <div className="space-y-5 px-5 py-5 sm:px-6">
        {error ? <Alert>{error}</Alert> : null}
        {mode === "approve" ? (
          <form
            id="approve-panel"
            role="tabpanel"
            aria-labelledby="approve-tab"
            noValidate
            className="space-y-5"
            onSubmit={(event) => {
              event.preventDefault();
              const form = new FormData(event.currentTarget);
              const input = { fullName: String(form.get("fullName") ?? ""), confirm: form.get("confirm") === "on", digest };
              const parsed = approveSchema.safeParse(input);
              if (!parsed.success) {
                setErrors(translateFields(fieldErrorsOf(parsed.error)));
                setError("Some answers need your attention.");
                return;
              }
              submit(() => approveAction(token, input));
            }}
          >
            <Field id="full-name" label="Your full name" hint={`Type it as on the proposal: ${clientName}`} error={errors.fullName}>
              {(props) => <input {...props} name="fullName" autoComplete="name" autoCapitalize="words" spellCheck={false} className={`${props.className} py-2.5 text-base sm:text-sm`} />}
            </Field>
            <div>
              <label className="flex gap-3 rounded-xl bg-slate-50 p-4 text-sm leading-6 text-slate-800 ring-1 ring-inset ring-slate-200">
                <input
                  type="checkbox"
                  name="confirm"
                  aria-invalid={Boolean(errors.confirm)}
                  aria-describedby={errors.confirm ? "confirm-error" : undefined}
                  className="mt-1 size-5 shrink-0 rounded border-slate-300 accent-brand-600"
                />
                <span>{statement}</span>
              </label>
              {errors.confirm ? (
                <p id="confirm-error" className="mt-1 text-sm text-red-700">
                  {errors.confirm.join(" ")}
                </p>
              ) : null}
            </div>
            <Button type="submit" disabled={pending} className="w-full py-3 text-base sm:w-auto sm:text-sm">
              {pending ? <Spinner /> : null} {pending ? "Recording your approval…" : "Approve the proposal"}
            </Button>
          </form>
        ) : (
          <form
            id="decline-panel"
            role="tabpanel"
            aria-labelledby="decline-tab"
            noValidate
            className="space-y-5"
            onSubmit={(event) => {
              event.preventDefault();
              const form = new FormData(event.currentTarget);
              const input = { reason: String(form.get("reason") ?? ""), digest };
              const parsed = declineSchema.safeParse(input);
              if (!parsed.success) {
                setErrors(translateFields(fieldErrorsOf(parsed.error)));
                setError("Some answers need your attention.");
                return;
              }
              submit(() => declineAction(token, input));
            }}
          >
            <Field id="decline-reason" label="Why do you decline?" hint={`${declineNotice} At most 1,000 characters.`} error={errors.reason}>
              {(props) => <textarea {...props} name="reason" rows={4} maxLength={1000} className={`${props.className} text-base sm:text-sm`} />}
            </Field>
            <Button type="submit" variant="danger" disabled={pending} className="w-full py-3 text-base sm:w-auto sm:text-sm">
              {pending ? <Spinner /> : null} {pending ? "Sending your answer…" : "Decline the proposal"}
            </Button>
          </form>
        )}
      </div>
    </section>
  );
}
