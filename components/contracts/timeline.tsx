import { useTranslations } from "next-intl";
import type { TimelineEntry } from "@/lib/contracts/contract-view";

const SOURCE_TONES: Record<string, string> = {
  ADVISOR: "bg-brand-50 text-brand-700 ring-brand-100",
  CUSTOMER: "bg-violet-50 text-violet-800 ring-violet-200",
  CALLBACK: "bg-slate-50 text-slate-700 ring-slate-200",
  POLL: "bg-slate-50 text-slate-700 ring-slate-200",
  SYNC: "bg-slate-50 text-slate-700 ring-slate-200",
  SYSTEM: "bg-slate-50 text-slate-600 ring-slate-200",
};

/** Status changes and approval and proposal events, newest first, each with who or what caused it. */
export function Timeline({ events }: { events: TimelineEntry[] }) {
  const t = useTranslations("contracts.timeline");
  if (events.length === 0) return <p className="px-5 py-4 text-sm text-slate-600">{t("empty")}</p>;
  return (
    <ol className="px-5 py-4" data-testid="timeline">
      {events.map((event, index) => (
        <li key={event.id} data-kind={event.kind} className="relative flex gap-4 pb-5 last:pb-0">
          {index < events.length - 1 ? <span aria-hidden className="absolute left-[7px] top-4 h-full w-px bg-slate-200" /> : null}
          <span aria-hidden className={`mt-1 size-4 shrink-0 rounded-full ring-4 ring-white ${index === 0 ? "bg-brand-600" : event.kind === "status" ? "bg-slate-300" : "bg-violet-300"}`} />
          <div className="min-w-0 text-sm">
            <p className="font-medium text-slate-900">{event.title}</p>
            <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-slate-600">
              <time dateTime={event.at}>{event.atLabel}</time>
              <span className={`rounded px-1.5 py-px text-xs ring-1 ring-inset ${SOURCE_TONES[event.source] ?? SOURCE_TONES.SYSTEM}`}>{event.sourceLabel}</span>
              {event.actor ? <span>{event.actor}</span> : null}
            </p>
            {event.note ? <p className="mt-0.5 break-words text-slate-700">{event.note}</p> : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
