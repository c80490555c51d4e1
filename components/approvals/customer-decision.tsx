"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRef, useState, useTransition, type KeyboardEvent } from "react";
import { approveSchema, declineSchema } from "@/lib/approvals/decision-schema";
import { fieldErrorsOf } from "@/lib/clients/schema";
import type { ActionResult } from "@/lib/errors";
import type { AppLocale } from "@/lib/i18n/locales";
import { approveAction, declineAction } from "@/app/approve/[token]/actions";
import { Button, Spinner } from "@/components/ui/button";
import { Alert, Field } from "@/components/ui/field";
import { useFieldMessages, useMsg } from "@/components/i18n/use-msg";
import type { z } from "zod";

type Errors = Record<string, string[]>;
const MODES = ["approve", "decline"] as const;
type Mode = (typeof MODES)[number];

/**
 * Approve (full name + the statement ticked) or decline (with a reason). Both are POSTs. The two
 * are tabs (WAI-ARIA tabs pattern: arrow keys, Home and End move and activate). The language the
 * texts were shown in travels with the decision, so the evidence records what was read.
 */
export function CustomerDecision({ token, digest, locale, statement, declineNotice, clientName }: { token: string; digest: string; locale: AppLocale; statement: string; declineNotice: string; clientName: string }) {
  const t = useTranslations("customer.decision");
  const translate = useMsg();
  const translateFields = useFieldMessages();
  const router = useRouter();
  const [mode, setMode] = useState<Mode>("approve");
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const [errors, setErrors] = useState<Errors>({});
  const tabs = useRef<Record<Mode, HTMLButtonElement | null>>({ approve: null, decline: null });

  const choose = (value: Mode, focus = false) => {
    setMode(value);
    setError(undefined);
    setErrors({});
    if (focus) tabs.current[value]?.focus();
  };

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = MODES.indexOf(mode);
    const next =
      event.key === "ArrowRight" ? MODES[(index + 1) % MODES.length]
      : event.key === "ArrowLeft" ? MODES[(index - 1 + MODES.length) % MODES.length]
      : event.key === "Home" ? MODES[0]
      : event.key === "End" ? MODES[MODES.length - 1]
      : undefined;
    if (!next) return;
    event.preventDefault();
    choose(next, true);
  };

  /** The same schema as the server first, in the page: field errors at once, else the action. */
  const checkThenSubmit = (parsed: { success: true } | { success: false; error: z.ZodError }, run: () => Promise<ActionResult<{ next: "done" | "page" }>>) => {
    if (!parsed.success) {
      setErrors(translateFields(fieldErrorsOf(parsed.error)));
      setError(t("needsAttention"));
      return;
    }
    submit(run);
  };
  const submit = (run: () => Promise<ActionResult<{ next: "done" | "page" }>>) =>
    start(async () => {
      setError(undefined);
      let result: ActionResult<{ next: "done" | "page" }>;
      try {
        result = await run();
      } catch {
        setError(t("unreachable"));
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
        <h2 id="decision-heading" className="text-base font-semibold text-slate-900">{t("heading")}</h2>
        <div role="tablist" aria-labelledby="decision-heading" className="mt-3 flex gap-1">
          {MODES.map((value) => (
            <button
              key={value}
              ref={(element) => {
                tabs.current[value] = element;
              }}
              role="tab"
              type="button"
              aria-selected={mode === value}
              aria-controls={`${value}-panel`}
              id={`${value}-tab`}
              tabIndex={mode === value ? 0 : -1}
              onClick={() => choose(value)}
              onKeyDown={onTabKey}
              className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600 ${mode === value ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
            >
              {t(value === "approve" ? "approveTab" : "declineTab")}
            </button>
          ))}
        </div>
      </div>

      <div className="space-y-5 px-5 py-5 sm:px-6">
        {error ? <Alert>{error}</Alert> : null}
        {mode === "approve" ? (
          <div id="approve-panel" role="tabpanel" aria-labelledby="approve-tab">
            <form
              noValidate
              className="space-y-5"
              onSubmit={(event) => {
                event.preventDefault();
                const form = new FormData(event.currentTarget);
                const input = { fullName: String(form.get("fullName") ?? ""), confirm: form.get("confirm") === "on", digest, locale };
                checkThenSubmit(approveSchema.safeParse(input), () => approveAction(token, input));
              }}
            >
              <Field id="full-name" label={t("fullName")} hint={t("fullNameHint", { name: clientName })} error={errors.fullName}>
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
                {pending ? <Spinner /> : null} {pending ? t("approving") : t("approve")}
              </Button>
            </form>
          </div>
        ) : (
          <div id="decline-panel" role="tabpanel" aria-labelledby="decline-tab">
            <form
              noValidate
              className="space-y-5"
              onSubmit={(event) => {
                event.preventDefault();
                const form = new FormData(event.currentTarget);
                const input = { reason: String(form.get("reason") ?? ""), digest, locale };
                checkThenSubmit(declineSchema.safeParse(input), () => declineAction(token, input));
              }}
            >
              <Field id="decline-reason" label={t("reason")} hint={t("reasonHint", { notice: declineNotice })} error={errors.reason}>
                {(props) => <textarea {...props} name="reason" rows={4} maxLength={1000} className={`${props.className} text-base sm:text-sm`} />}
              </Field>
              <Button type="submit" variant="danger" disabled={pending} className="w-full py-3 text-base sm:w-auto sm:text-sm">
                {pending ? <Spinner /> : null} {pending ? t("declining") : t("decline")}
              </Button>
            </form>
          </div>
        )}
      </div>
    </section>
  );
}
