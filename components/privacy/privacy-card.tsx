import { getLocale, getTranslations } from "next-intl/server";
import type { SessionUser } from "@/lib/auth/session";
import { mayErase } from "@/lib/privacy/access";
import { erasureOf, previewErasure } from "@/lib/privacy/erase";
import type { KeptItem } from "@/lib/privacy/retention-plan";
import { getRetentionSettings } from "@/lib/privacy/settings";
import { formatterFor } from "@/lib/format";
import { Card } from "@/components/ui/layout";
import { EraseClientDialog, type KeptLine } from "./erase-client-dialog";

const linkClass = "inline-flex items-center justify-center gap-2 rounded-lg bg-white px-3.5 py-2 text-sm font-semibold text-slate-800 shadow-sm ring-1 ring-slate-300 transition-colors hover:bg-slate-50";

/** Data-subject requests on the client page: export (JSON, PDF) and erasure with its confirmation. */
export async function PrivacyCard({ viewer, clientId }: { viewer: Pick<SessionUser, "id" | "organizationId" | "role">; clientId: string }) {
  const [t, locale] = await Promise.all([getTranslations("privacy.card"), getLocale()]);
  const format = formatterFor(locale === "de" ? "de" : "en");
  const erasure = await erasureOf(viewer, clientId);
  const plan = !erasure && mayErase(viewer) ? await previewErasure(viewer, clientId) : null;
  const years = (plan?.settings ?? (await getRetentionSettings(viewer.organizationId))).contractRetentionYears;
  const line = (item: KeptItem): KeptLine => {
    const key = `${item.kind}-${item.contractId ?? ""}`;
    if (item.kind === "consents") return { key, text: t("kept.consents", { until: format.date(item.until!) }) };
    if (item.running) return { key, text: t("kept.running", { contract: item.label, years }) };
    return { key, text: t(item.kind === "contract" ? "kept.contract" : "kept.proposal", { contract: item.label, until: format.date(item.until!) }) };
  };
  const base = `/clients/${encodeURIComponent(clientId)}/export`;
  return (
    <div className="mt-6">
      <Card title={t("title")}>
        <div className="space-y-4 p-5 text-sm" data-testid="privacy-card">
          <p className="max-w-3xl text-slate-700">{t("intro")}</p>
          <div className="flex flex-wrap items-center gap-3">
            <a href={`${base}?format=json`} download className={linkClass}>
              {t("exportJson")}
            </a>
            <a href={`${base}?format=pdf`} download className={linkClass}>
              {t("exportPdf")}
            </a>
          </div>
          {erasure ? (
            <div className="rounded-lg bg-slate-50 px-4 py-3 ring-1 ring-slate-200" data-testid="erasure-state">
              <p className="font-medium text-slate-900">{erasure.erasedBy ? t("erasedBy", { at: format.dateTime(erasure.erasedAt), name: erasure.erasedBy }) : t("erasedByRetention", { at: format.dateTime(erasure.erasedAt) })}</p>
              {erasure.kept.length === 0 ? (
                <p className="mt-1 text-slate-600">{t("nothingKept")}</p>
              ) : (
                <>
                  <p className="mt-1 text-slate-700">{t("keptIntro")}</p>
                  <ul className="mt-1 list-disc space-y-1 pl-5 text-slate-700">
                    {erasure.kept.map((item) => {
                      const { key, text } = line(item);
                      return <li key={key}>{text}</li>;
                    })}
                  </ul>
                </>
              )}
            </div>
          ) : plan ? (
            <div className="border-t border-slate-100 pt-4">
              <EraseClientDialog clientId={clientId} name={plan.name} kept={plan.kept.map(line)} />
            </div>
          ) : (
            <p className="text-slate-600">{t("eraseByAdmin")}</p>
          )}
        </div>
      </Card>
    </div>
  );
}
