import { formatDateTime } from "@/lib/format";

/** "just now", "12 min", "3 h", "2 d", "5 wk", "4 mo", "2 y": how long something has been as it is. */
export function formatAge(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h`;
  const days = Math.floor(hours / 24);
  if (days < 14) return `${days} d`;
  if (days < 60) return `${Math.floor(days / 7)} wk`;
  if (days < 730) return `${Math.floor(days / 30.44)} mo`;
  return `${Math.floor(days / 365.25)} y`;
}

/** Time in the current status, with the exact moment in the tooltip and the machine-readable value. */
export function TimeInStatus({ since, now }: { since: Date; now: Date }) {
  return (
    <time dateTime={since.toISOString()} title={`Since ${formatDateTime(since)}`} className="whitespace-nowrap tabular-nums">
      {formatAge(now.getTime() - since.getTime())}
    </time>
  );
}
