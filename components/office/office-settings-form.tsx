"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import type { OfficeSettings } from "@/lib/tasks/office-settings";
import { saveOfficeSettingsAction } from "./actions";
import { useServerAction } from "@/components/ui/use-server-action";
import { useMsg } from "@/components/i18n/use-msg";
import { Button, Spinner } from "@/components/ui/button";
import { Alert, Field } from "@/components/ui/field";

export function OfficeSettingsForm({ initial }: { initial: OfficeSettings }) {
  const t = useTranslations("office.settings");
  const translate = useMsg();
  const { pending, message, fieldErrors, run } = useServerAction();
  const [customerOn, setCustomerOn] = useState(initial.customerReminderEnabled);
  return (
    <form
      noValidate
      className="space-y-6"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const input = {
          taskDueDays: String(form.get("taskDueDays") ?? ""),
          customerReminderEnabled: form.get("customerReminderEnabled") === "on",
          customerReminderHours: String(form.get("customerReminderHours") ?? ""),
          advisorOverdueReminderEnabled: form.get("advisorOverdueReminderEnabled") === "on",
        };
        run(() => saveOfficeSettingsAction(input), () => t("saved"));
      }}
    >
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <div className="max-w-xs">
        <Field id="office-due-days" label={t("dueDays")} hint={t("dueDaysHint")} error={fieldErrors.taskDueDays}>
          {(props) => <input {...props} name="taskDueDays" type="number" inputMode="numeric" min={0} max={60} step={1} defaultValue={initial.taskDueDays} />}
        </Field>
      </div>
      <div className="space-y-4">
        <label className="flex gap-3 text-sm">
          <input
            type="checkbox"
            name="customerReminderEnabled"
            checked={customerOn}
            onChange={(event) => setCustomerOn(event.currentTarget.checked)}
            aria-describedby="office-customer-reminder-hint"
            className="mt-0.5 size-4 shrink-0 accent-brand-600"
          />
          <span>
            <span className="font-medium text-slate-900">{t("customerReminder")}</span>
            <span id="office-customer-reminder-hint" className="mt-1 block text-slate-600">
              {t("customerReminderHint")}
            </span>
          </span>
        </label>
        <div className="max-w-xs pl-7">
          <Field id="office-reminder-hours" label={t("customerReminderHours")} error={fieldErrors.customerReminderHours}>
            {(props) => <input {...props} name="customerReminderHours" type="number" inputMode="numeric" min={1} max={720} step={1} defaultValue={initial.customerReminderHours} disabled={!customerOn} />}
          </Field>
          {/* A disabled input is not sent: keep the value so turning the reminder off does not lose it. */}
          {!customerOn ? <input type="hidden" name="customerReminderHours" value={initial.customerReminderHours} /> : null}
        </div>
        <label className="flex gap-3 text-sm">
          <input type="checkbox" name="advisorOverdueReminderEnabled" defaultChecked={initial.advisorOverdueReminderEnabled} className="mt-0.5 size-4 shrink-0 accent-brand-600" />
          <span className="font-medium text-slate-900">{t("advisorReminder")}</span>
        </label>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? <Spinner /> : null} {pending ? translate("common.states.saving") : t("save")}
      </Button>
    </form>
  );
}
