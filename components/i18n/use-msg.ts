"use client";

import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { isMsg, type MessageValues, type Msg } from "@/lib/i18n/message";

/**
 * Puts a message from the server (an action's error, a field error, a stored note) into the
 * user's language. A key the catalogue lacks comes back as itself.
 */
export function useMsg() {
  const t = useTranslations();
  return useCallback(
    function translate(message: Msg | string | null | undefined): string {
      if (!message) return "";
      const { key, values } = typeof message === "string" ? { key: message, values: undefined } : message;
      if (!t.has(key)) return key;
      // Values that are messages themselves (a status name inside a sentence) first.
      const flat = values && Object.fromEntries(Object.entries(values as MessageValues).map(([name, value]) => [name, isMsg(value) ? translate(value) : value]));
      return t(key, flat);
    },
    [t],
  );
}

/** Field messages from an action result as the strings a form shows. */
export function useFieldMessages() {
  const translate = useMsg();
  return useCallback((fields: Record<string, Msg[]> | undefined): Record<string, string[]> => Object.fromEntries(Object.entries(fields ?? {}).map(([field, list]) => [field, list.map(translate)])), [translate]);
}
