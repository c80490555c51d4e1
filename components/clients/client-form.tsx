"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { clientInputSchema, fieldErrorsOf } from "@/lib/clients/schema";
import type { ActionResult } from "@/lib/errors";
import { Button, ButtonLink, Spinner } from "@/components/ui/button";
import { Alert, Field } from "@/components/ui/field";
import { useFieldMessages, useMsg } from "@/components/i18n/use-msg";

export interface ClientFormValues {
  kind: "PERSON" | "COMPANY";
  firstName?: string | null;
  lastName?: string | null;
  companyName?: string | null;
  email?: string | null;
  phone?: string | null;
  birthDate?: string | null;
  street?: string | null;
  postalCode?: string | null;
  city?: string | null;
  country?: string | null;
  /** The client's language; null: the firm's default. */
  locale?: string | null;
}

/** The same zod schema validates here, before sending, and in the server action. */
export function ClientForm({
  initial,
  submitLabel,
  cancelHref,
  action,
}: {
  initial?: ClientFormValues;
  submitLabel: string;
  cancelHref: string;
  action: (input: unknown) => Promise<ActionResult<{ id: string }>>;
}) {
  const t = useTranslations("clients.form");
  const tc = useTranslations("common");
  const translate = useMsg();
  const translateFields = useFieldMessages();
  const router = useRouter();
  const [kind, setKind] = useState<"PERSON" | "COMPANY">(initial?.kind ?? "PERSON");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(event.currentTarget));
    const parsed = clientInputSchema.safeParse(values);
    if (!parsed.success) {
      setErrors(translateFields(fieldErrorsOf(parsed.error)));
      setFormError(tc("errors.fieldsNeedAttention"));
      return;
    }
    setPending(true);
    setErrors({});
    setFormError(undefined);
    try {
      const result = await action(values);
      if (result.ok) {
        router.push(`/clients/${result.data.id}`);
        router.refresh();
        return;
      }
      setErrors(translateFields(result.fieldErrors));
      setFormError(translate(result.error));
    } catch {
      setFormError(t("unreachable"));
    }
    setPending(false);
  }

  const text = (name: keyof ClientFormValues, label: string, options: { type?: string; autoComplete?: string; hint?: string; required?: boolean } = {}) => (
    <Field id={`client-${name}`} label={label} error={errors[name]} hint={options.hint} required={options.required}>
      {(props) => <input {...props} name={name} type={options.type ?? "text"} autoComplete={options.autoComplete} defaultValue={initial?.[name] ?? ""} />}
    </Field>
  );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-8">
      {formError ? <Alert>{formError}</Alert> : null}
      <p className="text-xs text-slate-600">{t("requiredNote")}</p>
      <fieldset>
        <legend className="text-sm font-semibold text-slate-900">{t("kind")}</legend>
        <div className="mt-2 flex gap-3">
          {(["PERSON", "COMPANY"] as const).map((value) => (
            <label key={value} className={`flex cursor-pointer items-center gap-2 rounded-lg px-4 py-2 text-sm ring-1 ${kind === value ? "bg-brand-50 ring-brand-500" : "bg-white ring-slate-300"}`}>
              <input type="radio" name="kind" value={value} checked={kind === value} onChange={() => setKind(value)} className="accent-brand-600" />
              {value === "PERSON" ? t("person") : t("company")}
            </label>
          ))}
        </div>
      </fieldset>

      <div className="grid gap-5 sm:grid-cols-2">
        {kind === "PERSON" ? (
          <>
            {text("firstName", t("firstName"), { autoComplete: "given-name", required: true })}
            {text("lastName", t("lastName"), { autoComplete: "family-name", required: true })}
            {text("birthDate", t("birthDate"), { type: "date", autoComplete: "bday" })}
          </>
        ) : (
          <div className="sm:col-span-2">{text("companyName", t("companyName"), { autoComplete: "organization", required: true })}</div>
        )}
        {text("email", t("email"), { type: "email", autoComplete: "email", hint: t("emailHint") })}
        {text("phone", t("phone"), { type: "tel", autoComplete: "tel" })}
        <Field id="client-locale" label={t("language")} error={errors.locale} hint={t("languageHint")}>
          {(props) => (
            <select {...props} name="locale" defaultValue={initial?.locale ?? ""}>
              <option value="">{t("firmDefault")}</option>
              <option value="de">{tc("language.de")}</option>
              <option value="en">{tc("language.en")}</option>
            </select>
          )}
        </Field>
      </div>

      <div className="grid gap-5 sm:grid-cols-6">
        <div className="sm:col-span-6">{text("street", t("street"), { autoComplete: "street-address" })}</div>
        <div className="sm:col-span-2">{text("postalCode", t("postalCode"), { autoComplete: "postal-code" })}</div>
        <div className="sm:col-span-3">{text("city", t("city"), { autoComplete: "address-level2" })}</div>
        <div className="sm:col-span-1">
          <Field id="client-country" label={t("country")} error={errors.country}>
            {(props) => <input {...props} name="country" maxLength={2} autoComplete="country" defaultValue={initial?.country ?? "DE"} />}
          </Field>
        </div>
      </div>

      <div className="flex items-center justify-end gap-3 border-t border-slate-100 pt-5">
        <ButtonLink href={cancelHref} variant="ghost">
          {tc("actions.cancel")}
        </ButtonLink>
        <Button type="submit" disabled={pending}>
          {pending ? (
            <>
              <Spinner /> {tc("states.saving")}
            </>
          ) : (
            submitLabel
          )}
        </Button>
      </div>
    </form>
  );
}
