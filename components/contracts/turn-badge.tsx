import { useTranslations } from "next-intl";
import type { Turn } from "@/lib/contracts/turn";

const TONES: Record<Turn, string> = {
  ADVISOR: "bg-brand-600 text-white ring-brand-600",
  CUSTOMER: "bg-violet-50 text-violet-800 ring-violet-200",
  PROVIDER: "bg-white text-slate-600 ring-slate-200",
  // Slate-600 on white: 7.6:1 (slate-400 was 2.6:1, below the 4.5:1 small text needs).
  NONE: "text-slate-600 ring-transparent",
};

/** Whose move it is, as stored with the contract by lib/contracts/turn.ts; the advisor's own turn stands out. */
export function TurnBadge({ turn, needsAttention = false }: { turn: Turn; needsAttention?: boolean }) {
  const t = useTranslations("status.turns");
  return (
    <span data-turn={turn.toLowerCase()} data-attention={needsAttention || undefined} className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[turn]}`}>
      {needsAttention ? <span aria-hidden className="size-1.5 rounded-full bg-amber-300" /> : null}
      {t(turn)}
      {needsAttention ? <span className="sr-only">{t("needsAttention")}</span> : null}
    </span>
  );
}
