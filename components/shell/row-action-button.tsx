"use client";

import type { ActionResult } from "@/lib/errors";
import { Button, Spinner } from "@/components/ui/button";
import { useServerAction } from "@/components/ui/use-server-action";

/**
 * A row's action on the integration page (replay a callback, send an email again): the answer is
 * shown under the button. `keepPage`: no refresh after a success, for a row that would leave the
 * list with it (an email sent again is no longer undelivered).
 */
export function RowActionButton({ action, label, accessibleName, done, keepPage = false }: { action: () => Promise<ActionResult>; label: string; accessibleName?: string; done: string; keepPage?: boolean }) {
  const { pending, message, run } = useServerAction();
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button variant="secondary" disabled={pending} aria-label={accessibleName} onClick={() => run(action, () => done, { keepPage })}>
        {pending ? <Spinner /> : null} {label}
      </Button>
      {message ? <span role={message.tone === "error" ? "alert" : "status"} className="text-xs text-slate-600">{message.text}</span> : null}
    </span>
  );
}
