"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { refreshClientContractsAction } from "@/app/(advisor)/clients/actions";
import { Button, Spinner } from "@/components/ui/button";

export function RefreshClientContracts({ clientId }: { clientId: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ error: boolean; text: string }>();
  return (
    <span className="flex items-center gap-3">
      {message ? <span role={message.error ? "alert" : "status"} className={`text-xs ${message.error ? "text-red-700" : "text-slate-600"}`}>{message.text}</span> : null}
      <Button
        variant="ghost"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = await refreshClientContractsAction(clientId).catch(() => ({ ok: false as const, error: "We could not reach the server." }));
            if (!result.ok) return setMessage({ error: true, text: result.error });
            const { updated, imported, providers } = result.data;
            setMessage({ error: false, text: providers === 0 ? "No provider knows this client yet." : `${updated} updated, ${imported} found at the provider.` });
            router.refresh();
          })
        }
      >
        {pending ? <Spinner /> : null} Refresh from provider
      </Button>
    </span>
  );
}
