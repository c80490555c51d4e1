"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/errors";
import { UNSAFE_TEXT_MESSAGE } from "@/lib/http/unsafe-text";

export type Message = { tone: "error" | "success" | "info"; text: string };

/**
 * Runs a server action from a button or form: pending state for the spinner, the action's
 * error (or our own when the server cannot be reached) as a message, its field errors, and a
 * router refresh afterwards so the server-rendered page shows the result.
 */
export function useServerAction() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<Message>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});

  const run = <T,>(action: () => Promise<ActionResult<T>>, onSuccess?: (data: T) => string | Message | void) =>
    start(async () => {
      setMessage(undefined);
      let result: ActionResult<T>;
      try {
        result = await action();
      } catch (error) {
        // proxy.ts refuses text the database cannot keep before the action runs, with this message.
        const refused = error instanceof Error && error.message === UNSAFE_TEXT_MESSAGE;
        setMessage({ tone: "error", text: refused ? UNSAFE_TEXT_MESSAGE : "We could not reach the server. Nothing was changed; try again." });
        return;
      }
      if (!result.ok) {
        setFieldErrors(result.fieldErrors ?? {});
        setMessage({ tone: "error", text: result.error });
      } else {
        setFieldErrors({});
        const shown = onSuccess?.(result.data);
        setMessage(typeof shown === "string" ? { tone: "success", text: shown } : shown ?? undefined);
      }
      router.refresh();
    });

  return { pending, message, setMessage, fieldErrors, setFieldErrors, run };
}
