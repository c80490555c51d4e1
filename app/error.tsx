"use client";

import { useTranslations } from "next-intl";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("common.errorPage");
  return (
    <main className="grid min-h-[60vh] place-items-center px-6">
      <div className="max-w-md text-center">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-2 text-sm text-slate-600">
          {t("logged")} {error.digest ? t.rich("reference", { digest: error.digest, code: (chunks) => <code className="rounded bg-slate-100 px-1">{chunks}</code> }) : null}
        </p>
        <button onClick={reset} className="mt-6 rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">
          {t("retry")}
        </button>
      </div>
    </main>
  );
}
