import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import { appLocaleOr } from "@/lib/i18n/locales";
import { chooseCustomerLanguageAction } from "@/app/approve/language-action";
import { LanguageSwitch } from "@/components/shell/language-switch";

/**
 * The frame of every customer page: the firm's name on top with the language switch, a quiet
 * footer, nothing to navigate. `path` is the page itself, shown again after switching language.
 */
export async function CustomerFrame({ firmName, path, children }: { firmName?: string; path: string; children: ReactNode }) {
  const [t, locale] = await Promise.all([getTranslations("customer.frame"), getLocale()]);
  return (
    <div className="mx-auto flex min-h-screen max-w-3xl flex-col px-4 py-6 sm:px-6 sm:py-10">
      <header className="mb-6 flex flex-wrap items-center gap-3">
        <span aria-hidden className="grid size-10 place-items-center rounded-xl bg-brand-600 text-lg font-semibold text-white shadow-sm">
          {(firmName ?? "P").trim().charAt(0).toUpperCase()}
        </span>
        <div className="min-w-0 flex-1">
          <p className="truncate text-base font-semibold text-slate-900">{firmName ?? "Proposal Desk"}</p>
          <p className="text-xs text-slate-600">{t("tagline")}</p>
        </div>
        <LanguageSwitch current={appLocaleOr(locale)} action={chooseCustomerLanguageAction} hidden={{ back: path }} />
      </header>
      <main className="flex-1">{children}</main>
      <footer className="mt-10 flex items-center gap-2 text-xs text-slate-600">
        <svg aria-hidden viewBox="0 0 20 20" className="size-4 fill-slate-500"><path d="M10 1a4.5 4.5 0 0 0-4.5 4.5V8H5a2 2 0 0 0-2 2v7a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-7a2 2 0 0 0-2-2h-.5V5.5A4.5 4.5 0 0 0 10 1Zm2.5 7V5.5a2.5 2.5 0 0 0-5 0V8h5Z" /></svg>
        <span>{t("footer")}</span>
      </footer>
    </div>
  );
}

/** One end state (expired, used, replaced, unknown, done): an icon, a headline and what to do next. */
export function EndState({ tone, title, children, actions }: { tone: "success" | "neutral" | "warning"; title: string; children: ReactNode; actions?: ReactNode }) {
  const icon = {
    success: { ring: "bg-emerald-50 text-emerald-600 ring-emerald-100", path: "M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z" },
    neutral: { ring: "bg-slate-100 text-slate-600 ring-slate-200", path: "M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm1 11H9V9h2v4Zm0-6H9V5h2v2Z" },
    warning: { ring: "bg-amber-50 text-amber-600 ring-amber-100", path: "M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm1 12H9v-2h2v2Zm0-4H9V6h2v4Z" },
  }[tone];
  return (
    <section className="rounded-2xl bg-white px-6 py-10 text-center shadow-sm ring-1 ring-slate-200 sm:px-10">
      <span className={`mx-auto grid size-12 place-items-center rounded-full ring-1 ${icon.ring}`}>
        <svg aria-hidden viewBox="0 0 20 20" className="size-6 fill-current"><path fillRule="evenodd" d={icon.path} /></svg>
      </span>
      <h1 className="mt-4 text-xl font-semibold tracking-tight text-slate-900 sm:text-2xl">{title}</h1>
      <div className="mx-auto mt-3 max-w-md space-y-2 text-sm leading-6 text-slate-600">{children}</div>
      {actions ? <div className="mt-6 flex flex-wrap justify-center gap-3">{actions}</div> : null}
    </section>
  );
}
