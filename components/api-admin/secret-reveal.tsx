"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** A secret shown exactly once, with a copy button; it is not stored anywhere we can show it again. */
export function SecretReveal({ label, value, note }: { label: string; value: string; note: string }) {
  const t = useTranslations("apiAdmin.secret");
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-2 rounded-lg bg-amber-50 p-3 ring-1 ring-inset ring-amber-200" role="status">
      <p className="text-sm font-medium text-amber-900">{label}</p>
      <div className="flex items-center gap-2">
        <code className="block flex-1 break-all rounded bg-white px-2 py-1.5 text-xs text-slate-900 ring-1 ring-amber-200" data-testid="secret">
          {value}
        </code>
        <Button
          type="button"
          variant="secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(value).then(() => setCopied(true));
          }}
        >
          {copied ? t("copied") : t("copy")}
        </Button>
      </div>
      <p className="text-xs text-amber-900">{note}</p>
    </div>
  );
}
