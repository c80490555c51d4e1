import type { Turn } from "@/lib/contracts/turn";

export const TURN_LABELS: Record<Turn, string> = {
  ADVISOR: "Your turn",
  CUSTOMER: "Customer's turn",
  PROVIDER: "Provider's turn",
  NONE: "Nothing to do",
};

const TONES: Record<Turn, string> = {
  ADVISOR: "bg-brand-600 text-white ring-brand-600",
  CUSTOMER: "bg-violet-50 text-violet-800 ring-violet-200",
  PROVIDER: "bg-white text-slate-600 ring-slate-200",
  NONE: "text-slate-400 ring-transparent",
};

/** Whose move it is, as stored with the contract by lib/contracts/turn.ts; the advisor's own turn stands out. */
export function TurnBadge({ turn, needsAttention = false }: { turn: Turn; needsAttention?: boolean }) {
  return (
    <span data-turn={turn.toLowerCase()} data-attention={needsAttention || undefined} className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[turn]}`}>
      {needsAttention ? <span aria-hidden className="size-1.5 rounded-full bg-amber-300" /> : null}
      {TURN_LABELS[turn]}
      {needsAttention ? <span className="sr-only"> (needs attention)</span> : null}
    </span>
  );
}
