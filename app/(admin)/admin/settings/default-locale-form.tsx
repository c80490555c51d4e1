"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { setDefaultLocaleAction } from "./actions";
import { APP_LOCALES, type AppLocale } from "@/lib/i18n/locales";
import { Button, Spinner } from "@/components/ui/button";
import { Alert } from "@/components/ui/field";
import { useServerAction } from "@/components/ui/use-server-action";

/** The firm's default language: a choice of Deutsch / English, each named in its own language. */
export function DefaultLocaleForm({ initial }: { initial: AppLocale }) {
  const t = useTranslations("admin.settings.language");
  const common = useTranslations("common.language");
  const [value, setValue] = useState<AppLocale>(initial);
  const { pending, message, fieldErrors, run } = useServerAction();
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        run(() => setDefaultLocaleAction({ defaultLocale: value }), () => t("saved"));
      }}
    >
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <fieldset aria-describedby="default-locale-hint">
        <legend className="text-sm font-medium text-slate-900">{t("label")}</legend>
        <p id="default-locale-hint" className="mt-1 text-sm text-slate-600">
          {t("hint")}
        </p>
        <div className="mt-3 flex flex-wrap gap-4">
          {APP_LOCALES.map((locale) => (
            <label key={locale} className="flex items-center gap-2 text-sm text-slate-900">
              <input type="radio" name="defaultLocale" value={locale} checked={value === locale} onChange={() => setValue(locale)} className="size-4 accent-brand-600" />
              <span lang={locale}>{common(locale)}</span>
            </label>
          ))}
        </div>
        {fieldErrors.defaultLocale?.length ? (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {fieldErrors.defaultLocale.join(" ")}
          </p>
        ) : null}
      </fieldset>
      <Button type="submit" disabled={pending}>
        {pending ? <Spinner /> : null} {t("save")}
      </Button>
    </form>
  );
}
