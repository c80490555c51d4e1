"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
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
      setFormError("Some fields need your attention.");
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
      setFormError("We could not reach the server. Your input is still here; try again.");
    }
    setPending(false);
  }

  const text = (name: keyof ClientFormValues, label: string, options: { type?: string; autoComplete?: string; hint?: string } = {}) => (
    <Field id={`client-${name}`} label={label} error={errors[name]} hint={options.hint}>
      {(props) => <input {...props} name={name} type={options.type ?? "text"} autoComplete={options.autoComplete} defaultValue={initial?.[name] ?? ""} />}
    </Field>
  );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-8">
      {formError ? <Alert>{formError}</Alert> : null}
      <fieldset>
        <legend className="text-sm font-semibold text-slate-900">The client is</legend>
        <div className="mt-2 flex gap-3">
          {(["PERSON", "COMPANY"] as const).map((value) => (
            <label key={value} className={`flex cursor-pointer items-center gap-2 rounded-lg px-4 py-2 text-sm ring-1 ${kind === value ? "bg-brand-50 ring-brand-500" : "bg-white ring-slate-300"}`}>
              <input type="radio" name="kind" value={value} checked={kind === value} onChange={() => setKind(value)} className="accent-brand-600" />
              {value === "PERSON" ? "A person" : "A company"}
            </label>
          ))}
        </div>
      </fieldset>

      <div className="grid gap-5 sm:grid-cols-2">
        {kind === "PERSON" ? (
          <>
            {text("firstName", "First name", { autoComplete: "given-name" })}
            {text("lastName", "Last name", { autoComplete: "family-name" })}
            {text("birthDate", "Date of birth", { type: "date", autoComplete: "bday" })}
          </>
        ) : (
          <div className="sm:col-span-2">{text("companyName", "Company name", { autoComplete: "organization" })}</div>
        )}
        {text("email", "Email", { type: "email", autoComplete: "email", hint: "Approval links for proposals are sent here." })}
        {text("phone", "Phone", { type: "tel", autoComplete: "tel" })}
      </div>

      <div className="grid gap-5 sm:grid-cols-6">
        <div className="sm:col-span-6">{text("street", "Street and number", { autoComplete: "street-address" })}</div>
        <div className="sm:col-span-2">{text("postalCode", "Postal code", { autoComplete: "postal-code" })}</div>
        <div className="sm:col-span-3">{text("city", "City", { autoComplete: "address-level2" })}</div>
        <div className="sm:col-span-1">
          <Field id="client-country" label="Country" error={errors.country}>
            {(props) => <input {...props} name="country" maxLength={2} autoComplete="country" defaultValue={initial?.country ?? "DE"} />}
          </Field>
        </div>
      </div>

      <div className="flex items-center justify-end gap-3 border-t border-slate-100 pt-5">
        <ButtonLink href={cancelHref} variant="ghost">
          Cancel
        </ButtonLink>
        <Button type="submit" disabled={pending}>
          {pending ? (
            <>
              <Spinner /> Saving…
            </>
          ) : (
            submitLabel
          )}
        </Button>
      </div>
    </form>
  );
}
