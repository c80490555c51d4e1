import { useLocale, useTranslations } from "next-intl";
import { statusView, type Phase } from "@/lib/contracts/status";

// Tone by phase: grey for work not sent yet, brand blue while the proposal is in progress,
// amber while ordered, green when in force, muted red once ended.
const TONES: Record<Phase, { badge: string; dot: string }> = {
  draft: { badge: "bg-slate-100 text-slate-700 ring-slate-200", dot: "bg-slate-400" },
  proposal: { badge: "bg-brand-50 text-brand-700 ring-brand-100", dot: "bg-brand-500" },
  ordering: { badge: "bg-amber-50 text-amber-800 ring-amber-200", dot: "bg-amber-500" },
  "in-force": { badge: "bg-emerald-50 text-emerald-800 ring-emerald-200", dot: "bg-emerald-500" },
  ended: { badge: "bg-rose-50 text-rose-800 ring-rose-200", dot: "bg-rose-400" },
  unknown: { badge: "bg-slate-100 text-slate-700 ring-slate-300", dot: "bg-slate-500" },
};

/** A contract status with its advisor-facing label; the FiNUM code and wire name are in the tooltip. */
export function StatusBadge({ code }: { code: number }) {
  const t = useTranslations("status.badge");
  const view = statusView(code, useLocale());
  const tone = TONES[view.phase];
  const title = code === 0 ? t("draftTitle") : t("title", { code, wire: view.wireLabel });
  return (
    <span title={title} data-status={code} className={`inline-flex items-center gap-1.5 whitespace-nowrap rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tone.badge}`}>
      <span aria-hidden className={`size-1.5 rounded-full ${tone.dot}`} />
      {view.label}
    </span>
  );
}
