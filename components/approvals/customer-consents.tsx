"use client";

import { useTranslations } from "next-intl";
import type { AppLocale } from "@/lib/i18n/locales";
import type { CustomerConsentOption } from "@/lib/consents/customer-consents";
import { giveConsentsAction } from "@/app/approve/[token]/actions";
import { useServerAction } from "@/components/ui/use-server-action";
import { Button, Spinner } from "@/components/ui/button";
import { Alert } from "@/components/ui/field";

/**
 * The consents the customer has not given yet, each with its exact text: ticked ones are recorded
 * (with this page's language, ip and browser). None is ticked for them.
 */
export function CustomerConsents({ token, locale, firmName, options }: { token: string; locale: AppLocale; firmName: string; options: CustomerConsentOption[] }) {
  const t = useTranslations("consents");
  const { pending, message, setMessage, run } = useServerAction();
  return (
    <section aria-labelledby="consents-heading" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6" data-testid="customer-consents">
      <h2 id="consents-heading" className="text-base font-semibold text-slate-900">
        {t("customer.title")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("customer.intro", { firm: firmName })}</p>
      <form
        noValidate
        className="mt-4 space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          const purposes = new FormData(event.currentTarget).getAll("purpose").map(String);
          if (purposes.length === 0) {
            setMessage({ tone: "error", text: t("customer.nothingChosen") });
            return;
          }
          run(() => giveConsentsAction(token, { purposes, locale }), () => t("customer.saved"));
        }}
      >
        {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
        <fieldset className="space-y-3">
          <legend className="sr-only">{t("customer.title")}</legend>
          {options.map((option) => (
            <label key={option.purpose} className="flex items-start gap-3 rounded-lg p-3 text-sm ring-1 ring-slate-200">
              <input type="checkbox" name="purpose" value={option.purpose} className="mt-0.5 h-5 w-5 shrink-0 accent-brand-600" />
              <span>
                <span className="block font-medium text-slate-900">
                  {t(`purposes.${option.purpose}`)}
                  {option.required ? <span className="ml-2 text-xs font-normal text-slate-600">({t("customer.needed")})</span> : null}
                </span>
                <span className="mt-0.5 block text-slate-700">{option.text}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? <Spinner /> : null} {t("customer.submit")}
        </Button>
      </form>
    </section>
  );
}
