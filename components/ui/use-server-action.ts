"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/errors";
import { UNSAFE_TEXT_MESSAGE } from "@/lib/http/unsafe-text";
import { useFieldMessages, useMsg } from "@/components/i18n/use-msg";

export type Message = { tone: "error" | "success" | "info"; text: string };

/**
 * Runs a server action from a button or form: pending state for the spinner, the action's
 * error (or our own when the server cannot be reached) as a message, its field errors, and a
 * router refresh afterwards so the server-rendered page shows the result. `keepPage`: no refresh
 * after a success, for a message that lives in a row the refreshed page would no longer show.
 */
export function useServerAction() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<Message>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const translate = useMsg();
  const translateFields = useFieldMessages();

  const run = <T,>(action: () => Promise<ActionResult<T>>, onSuccess?: (data: T) => string | Message | void, options: { keepPage?: boolean } = {}) =>
    start(async () => {
      setMessage(undefined);
      let result: ActionResult<T>;
      try {
        result = await action();
      } catch (error) {
        // proxy.ts refuses text the database cannot keep before the action runs, with this message.
        const refused = error instanceof Error && error.message === UNSAFE_TEXT_MESSAGE;
        setMessage({ tone: "error", text: translate(refused ? "common.errors.unsafeText" : "common.errors.unreachable") });
        return;
      }
      if (!result.ok) {
        setFieldErrors(translateFields(result.fieldErrors));
        setMessage({ tone: "error", text: translate(result.error) });
      } else {
        setFieldErrors({});
        const shown = onSuccess?.(result.data);
        setMessage(typeof shown === "string" ? { tone: "success", text: shown } : shown ?? undefined);
        if (options.keepPage) return;
      }
      router.refresh();
    });

  return { pending, message, setMessage, fieldErrors, setFieldErrors, run };
}
