import { statusView, TURN_LABELS, type Turn } from "@/lib/contracts/status";

const TONES: Record<Turn, string> = {
  advisor: "bg-brand-600 text-white ring-brand-600",
  customer: "bg-violet-50 text-violet-800 ring-violet-200",
  provider: "bg-white text-slate-600 ring-slate-200",
  none: "text-slate-400 ring-transparent",
};

/** Whose move it is for a contract in this status (or as the caller knows better); the advisor's own turn stands out. */
export function TurnBadge({ code, turn: known }: { code: number; turn?: Turn }) {
  const turn = known ?? statusView(code).turn;
  return (
    <span data-turn={turn} className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[turn]}`}>
      {TURN_LABELS[turn]}
    </span>
  );
}
