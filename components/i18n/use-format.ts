"use client";

import { useLocale } from "next-intl";
import { useMemo } from "react";
import { formatterFor, type Formatter } from "@/lib/format";

/** lib/format.ts bound to the user's language, for client components. */
export function useFormat(): Formatter {
  const locale = useLocale();
  return useMemo(() => formatterFor(locale === "de" ? "de" : "en"), [locale]);
}
