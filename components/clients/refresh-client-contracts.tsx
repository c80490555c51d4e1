"use client";

import { useTranslations } from "next-intl";
import { refreshClientContractsAction } from "@/app/(advisor)/clients/actions";
import { Button, Spinner } from "@/components/ui/button";
import { useServerAction } from "@/components/ui/use-server-action";

export function RefreshClientContracts({ clientId }: { clientId: string }) {
  const t = useTranslations("clients.refresh");
  const { pending, message, run } = useServerAction();
  return (
    <span className="flex items-center gap-3">
      {message ? <span role={message.tone === "error" ? "alert" : "status"} className={`text-xs ${message.tone === "error" ? "text-red-700" : "text-slate-600"}`}>{message.text}</span> : null}
      <Button
        variant="ghost"
        disabled={pending}
        onClick={() =>
          run(() => refreshClientContractsAction(clientId), ({ updated, imported, providers }) =>
            providers === 0 ? t("noProvider") : t("done", { updated, imported }),
          )
        }
      >
        {pending ? <Spinner /> : null} {t("button")}
      </Button>
    </span>
  );
}
