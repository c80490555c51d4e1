import { getLocale, getTranslations } from "next-intl/server";
import type { SessionUser } from "@/lib/auth/session";
import { dossierSummary } from "@/lib/dossier/dossier";
import { formatterFor } from "@/lib/format";
import { Card } from "@/components/ui/layout";

const buttonClass = "inline-flex items-center justify-center gap-2 rounded-lg px-3.5 py-2 text-sm font-semibold transition-colors";

/** The contract's evidence dossier: download a fresh one; the copy stored at 320 with its hash. */
export async function DossierCard({ viewer, contractId }: { viewer: Pick<SessionUser, "id" | "organizationId" | "role">; contractId: string }) {
  const [summary, t, locale] = await Promise.all([dossierSummary(viewer, contractId), getTranslations("dossier.card"), getLocale()]);
  const format = formatterFor(locale === "de" ? "de" : "en");
  const base = `/contracts/${encodeURIComponent(summary.contractId)}/dossier`;
  return (
    <div className="mt-6">
      <Card title={t("title")}>
        <div className="space-y-4 p-5 text-sm" data-testid="dossier-card">
          <p className="max-w-3xl text-slate-700">{t("intro")}</p>
          <div className="flex flex-wrap items-center gap-3">
            <a href={base} download className={`${buttonClass} bg-brand-600 text-white shadow-sm hover:bg-brand-700`}>
              {t("download")}
            </a>
            {summary.stored ? (
              <>
                <a href={`${base}?stored=1`} download className={`${buttonClass} bg-white text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50`}>
                  {t("downloadStored")}
                </a>
                <a href={`${base}?stored=1&format=json`} download className="font-medium text-brand-700 hover:underline">
                  {t("downloadEvidence")}
                </a>
              </>
            ) : null}
          </div>
          {summary.stored ? (
            <div className="rounded-lg bg-slate-50 px-4 py-3 ring-1 ring-slate-200">
              <p className="text-slate-700">{t("stored", { at: format.dateTime(summary.stored.createdAt) })}</p>
              <p className="mt-1 text-slate-600">
                {t("hash")} <code className="break-all font-mono text-xs text-slate-900" data-testid="dossier-sha256">{summary.stored.sha256}</code>
              </p>
            </div>
          ) : (
            <p className="text-slate-600">{t("notStored")}</p>
          )}
          <p className="text-xs text-slate-600">{t("verifyHint")}</p>
        </div>
      </Card>
    </div>
  );
}
