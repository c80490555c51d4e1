"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { replayDeliveryAction } from "@/app/(admin)/admin/integration/actions";
import { Button, Spinner } from "@/components/ui/button";

export function ReplayButton({ deliveryId }: { deliveryId: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string>();
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = await replayDeliveryAction(deliveryId).catch(() => ({ ok: false as const, error: "We could not reach the server." }));
            setMessage(result.ok ? "Queued again." : result.error);
            router.refresh();
          })
        }
      >
        {pending ? <Spinner /> : null} Replay
      </Button>
      {message ? <span role="status" className="text-xs text-slate-600">{message}</span> : null}
    </span>
  );
}
