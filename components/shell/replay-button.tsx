"use client";

import { useTranslations } from "next-intl";
import { replayDeliveryAction, retryMailAction } from "@/app/(admin)/admin/integration/actions";
import { Button, Spinner } from "@/components/ui/button";
import { useServerAction } from "@/components/ui/use-server-action";

export function ReplayButton({ deliveryId }: { deliveryId: string }) {
  const t = useTranslations("admin.integration");
  const { pending, message, run } = useServerAction();
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button variant="secondary" disabled={pending} onClick={() => run(() => replayDeliveryAction(deliveryId), () => t("queuedAgain"))}>
        {pending ? <Spinner /> : null} {t("replay")}
      </Button>
      {message ? <span role={message.tone === "error" ? "alert" : "status"} className="text-xs text-slate-600">{message.text}</span> : null}
    </span>
  );
}

/** The page is not refreshed after a success: the mail leaves the list of undelivered ones, and its row with the confirmation would go with it. */
export function RetryMailButton({ mailId, label }: { mailId: string; label: string }) {
  const t = useTranslations("admin.integration.mails");
  const { pending, message, run } = useServerAction();
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button variant="secondary" disabled={pending} aria-label={label} onClick={() => run(() => retryMailAction(mailId), () => t("queuedAgain"), { keepPage: true })}>
        {pending ? <Spinner /> : null} {t("retry")}
      </Button>
      {message ? <span role={message.tone === "error" ? "alert" : "status"} className="text-xs text-slate-600">{message.text}</span> : null}
    </span>
  );
}
