import { useLocale, useTranslations } from "next-intl";
import { formatterFor } from "@/lib/format";

/** Time in the current status, with the exact moment in the tooltip and the machine-readable value. */
export function TimeInStatus({ since, now }: { since: Date | string; now: Date | string }) {
  const t = useTranslations("contracts.age");
  const format = formatterFor(useLocale() === "de" ? "de" : "en");
  const start = new Date(since);
  const ms = new Date(now).getTime() - start.getTime();
  // How long it has been as it is ("12 mins", "3 hrs", "5 days"); under a minute: "just now".
  return (
    <time dateTime={start.toISOString()} title={t("since", { at: format.dateTime(start) })} className="whitespace-nowrap tabular-nums">
      {ms < 60_000 ? t("justNow") : format.duration(ms)}
    </time>
  );
}
