import { formatDateTime, formatDuration } from "@/lib/format";

/** How long something has been as it is ("12 mins", "3 hrs", "5 days"); under a minute: "just now". */
export function formatAge(ms: number): string {
  return ms < 60_000 ? "just now" : formatDuration(ms);
}

/** Time in the current status, with the exact moment in the tooltip and the machine-readable value. */
export function TimeInStatus({ since, now }: { since: Date | string; now: Date | string }) {
  const start = new Date(since);
  return (
    <time dateTime={start.toISOString()} title={`Since ${formatDateTime(start)}`} className="whitespace-nowrap tabular-nums">
      {formatAge(new Date(now).getTime() - start.getTime())}
    </time>
  );
}
