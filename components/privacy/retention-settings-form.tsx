"use client";

import { useTranslations } from "next-intl";
import { Button, Spinner } from "@/components/ui/button";
import { Alert, Field } from "@/components/ui/field";
import { useServerAction } from "@/components/ui/use-server-action";
import { useMsg } from "@/components/i18n/use-msg";
import { saveRetentionSettingsAction } from "./actions";

export function RetentionSettingsForm({ initial }: { initial: { contractRetentionYears: number; otherRetentionYears: number } }) {
  const t = useTranslations("privacy.settings");
  const translate = useMsg();
  const { pending, message, fieldErrors, run } = useServerAction();
  return (
    <form
      noValidate
      className="space-y-5"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        run(() => saveRetentionSettingsAction({ contractRetentionYears: form.get("contractRetentionYears"), otherRetentionYears: form.get("otherRetentionYears") }), () => t("saved"));
      }}
    >
      <p className="text-sm text-slate-600">{t("intro")}</p>
      {message ? <Alert tone={message.tone === "success" ? "success" : "error"}>{message.text}</Alert> : null}
      <div className="grid max-w-md gap-4 sm:grid-cols-2">
        <Field id="retention-contract" label={t("contractYears")} hint={t("contractYearsHint")} error={fieldErrors.contractRetentionYears}>
          {(props) => <input {...props} name="contractRetentionYears" type="number" inputMode="numeric" min={1} max={30} step={1} defaultValue={initial.contractRetentionYears} />}
        </Field>
        <Field id="retention-other" label={t("otherYears")} hint={t("otherYearsHint")} error={fieldErrors.otherRetentionYears}>
          {(props) => <input {...props} name="otherRetentionYears" type="number" inputMode="numeric" min={1} max={30} step={1} defaultValue={initial.otherRetentionYears} />}
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? <Spinner /> : null} {pending ? translate("common.states.saving") : t("save")}
      </Button>
    </form>
  );
}
