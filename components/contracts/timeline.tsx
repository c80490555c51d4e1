import { statusView } from "@/lib/contracts/status";
import { formatDateTime } from "@/lib/format";

const SOURCE_LABELS: Record<string, string> = {
  ADVISOR: "Advisor",
  CUSTOMER: "Customer",
  CALLBACK: "Provider callback",
  POLL: "Status check",
  SYNC: "Provider sync",
  SYSTEM: "Provider's answer",
};

interface Event {
  id: string;
  fromStatus: number | null;
  toStatus: number;
  source: string;
  actorLabel: string | null;
  note: string | null;
  at: Date;
}

export function Timeline({ events }: { events: Event[] }) {
  if (events.length === 0) return <p className="px-5 py-4 text-sm text-slate-500">Nothing has happened yet.</p>;
  return (
    <ol className="px-5 py-4">
      {events.map((event, index) => (
        <li key={event.id} className="relative flex gap-4 pb-5 last:pb-0">
          {index < events.length - 1 ? <span aria-hidden className="absolute left-[7px] top-4 h-full w-px bg-slate-200" /> : null}
          <span aria-hidden className={`mt-1 size-4 shrink-0 rounded-full ring-4 ring-white ${index === 0 ? "bg-brand-600" : "bg-slate-300"}`} />
          <div className="min-w-0 text-sm">
            <p className="font-medium text-slate-900">
              {event.fromStatus === null || event.fromStatus === event.toStatus ? statusView(event.toStatus).label : `${statusView(event.fromStatus).label} → ${statusView(event.toStatus).label}`}
            </p>
            <p className="text-slate-600">
              <time dateTime={new Date(event.at).toISOString()}>{formatDateTime(event.at)}</time> · {SOURCE_LABELS[event.source] ?? event.source}
              {event.actorLabel ? ` · ${event.actorLabel}` : ""}
            </p>
            {event.note ? <p className="mt-0.5 text-slate-700">{event.note}</p> : null}
          </div>
        </li>
      ))}
    </ol>
  );
}
