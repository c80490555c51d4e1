import { useTranslations } from "next-intl";
import { APP_LOCALES, type AppLocale } from "@/lib/i18n/locales";

/**
 * "Deutsch | English" for visitors without an account (the sign-in page, a customer's link): a
 * form of two buttons posting to a server action that keeps the choice in a cookie. Works with the
 * keyboard and without JavaScript; each option is named in its own language.
 */
export function LanguageSwitch({ current, action, hidden = {}, className = "" }: { current: AppLocale; action: (form: FormData) => Promise<void>; hidden?: Record<string, string>; className?: string }) {
  const t = useTranslations("common.language");
  return (
    <form action={action} role="group" aria-label={t("label")} className={`flex items-center gap-1 text-sm ${className}`}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {APP_LOCALES.map((locale, index) => (
        <span key={locale} className="flex items-center gap-1">
          {index > 0 ? (
            <span aria-hidden className="text-slate-500">
              |
            </span>
          ) : null}
          <button
            type="submit"
            name="locale"
            value={locale}
            lang={locale}
            aria-pressed={locale === current}
            className={`rounded px-1.5 py-0.5 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600 ${locale === current ? "font-semibold text-slate-900" : "text-slate-600 underline-offset-2 hover:text-slate-900 hover:underline"}`}
          >
            {t(locale)}
          </button>
        </span>
      ))}
    </form>
  );
}
