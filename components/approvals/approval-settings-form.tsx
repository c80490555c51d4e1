"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { approvalSettingsSchema } from "@/lib/approvals/settings-schema";
import { fieldErrorsOf } from "@/lib/clients/schema";
import { updateApprovalSettingsAction } from "@/app/(admin)/admin/settings/actions";
import { Button, Spinner } from "@/components/ui/button";
import { Alert, Field } from "@/components/ui/field";
import { useFieldMessages, useMsg } from "@/components/i18n/use-msg";

export function ApprovalSettingsForm({ initial }: { initial: { autoOrderOnApproval: boolean; approvalTtlHours: number } }) {
  const t = useTranslations("admin.settings.approval");
  const translate = useMsg();
  const translateFields = useFieldMessages();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string }>();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  return (
    <form
      noValidate
      className="space-y-6"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const input = { autoOrderOnApproval: form.get("autoOrderOnApproval") === "on", approvalTtlHours: String(form.get("approvalTtlHours") ?? "") };
        const parsed = approvalSettingsSchema.safeParse(input);
        if (!parsed.success) {
          setErrors(translateFields(fieldErrorsOf(parsed.error)));
          setMessage({ tone: "error", text: t("needsAttention") });
          return;
        }
        start(async () => {
          setMessage(undefined);
          try {
            const result = await updateApprovalSettingsAction(parsed.data);
            if (!result.ok) {
              setErrors(translateFields(result.fieldErrors));
              setMessage({ tone: "error", text: translate(result.error) });
              return;
            }
            setErrors({});
            setMessage({ tone: "success", text: t("saved") });
            router.refresh();
          } catch {
            setMessage({ tone: "error", text: translate("common.errors.unreachable") });
          }
        });
      }}
    >
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <div>
        <label className="flex gap-3 text-sm">
          <input type="checkbox" name="autoOrderOnApproval" defaultChecked={initial.autoOrderOnApproval} aria-describedby="auto-order-hint" className="mt-0.5 size-4 shrink-0 accent-brand-600" />
          <span>
            <span className="font-medium text-slate-900">{t("autoOrder")}</span>
            <span id="auto-order-hint" className="mt-1 block text-slate-600">
              {t("autoOrderHint")}
            </span>
          </span>
        </label>
      </div>
      <div className="max-w-xs">
        <Field id="approval-ttl" label={t("ttl")} hint={t("ttlHint")} error={errors.approvalTtlHours}>
          {(props) => <input {...props} name="approvalTtlHours" type="number" inputMode="numeric" min={1} max={720} step={1} defaultValue={initial.approvalTtlHours} />}
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? <Spinner /> : null} {pending ? translate("common.states.saving") : t("save")}
      </Button>
    </form>
  );
}
