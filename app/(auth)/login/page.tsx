import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getSessionUser } from "@/lib/auth/session";
import { safeNextPath } from "@/lib/auth/safe-redirect";
import { appLocaleOr } from "@/lib/i18n/locales";
import { SignInForm } from "@/components/shell/sign-in-form";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { chooseSignInLanguageAction } from "../language-action";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.signIn");
  return { title: t("title") };
}

const STEPS = ["capture", "proposal", "approval", "order", "active"] as const;

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  if (await getSessionUser()) redirect(safeNextPath(params.next));
  const [t, common, locale] = await Promise.all([getTranslations("auth.signIn"), getTranslations("common"), getLocale()]);
  const next = safeNextPath(params.next);
  return (
    <main className="grid min-h-screen lg:grid-cols-[1.1fr_1fr]">
      <section className="relative hidden overflow-hidden bg-brand-900 p-12 text-white lg:flex lg:flex-col lg:justify-between">
        <div className="flex items-center gap-2.5 text-lg font-semibold">
          <Logo /> Proposal Desk
        </div>
        <div className="max-w-md">
          <p className="text-3xl font-semibold leading-tight">{common("tagline")}</p>
          <p className="mt-4 text-brand-100">{t("pitch")}</p>
        </div>
        <ol className="flex gap-3 text-xs text-brand-100" aria-label={t("flowLabel")}>
          {STEPS.map((step, index) => (
            <li key={step} className="flex items-center gap-2">
              <span className="grid size-6 place-items-center rounded-full bg-white/10 font-semibold">{index + 1}</span>
              {t(`flow.${step}`)}
            </li>
          ))}
        </ol>
      </section>
      <section className="flex flex-col px-6 py-6">
        <LanguageSwitch current={appLocaleOr(locale)} action={chooseSignInLanguageAction} hidden={{ next }} className="self-end" />
        <div className="flex flex-1 items-center justify-center py-6">
          <div className="w-full max-w-sm">
            <div className="mb-8 flex items-center gap-2.5 text-lg font-semibold text-brand-900 lg:hidden">
              <Logo /> Proposal Desk
            </div>
            <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
            <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
            <div className="mt-8">
              <SignInForm next={next} initialError={typeof params.error === "string" ? params.error : undefined} />
            </div>
          </div>
        </div>
      </section>
    </main>
  );
}

function Logo() {
  return (
    <svg viewBox="0 0 32 32" className="size-8" aria-hidden>
      <rect width="32" height="32" rx="8" className="fill-brand-500" />
      <path d="M10 9h8a5 5 0 0 1 0 10h-4v4h-4V9Zm4 4v2h4a1 1 0 0 0 0-2h-4Z" fill="white" />
    </svg>
  );
}
