"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { updateSyncSettingsAction } from "@/app/(admin)/admin/sync/actions";
import { Button, Spinner } from "@/components/ui/button";
import { Alert, Field } from "@/components/ui/field";
import { useFieldMessages, useMsg } from "@/components/i18n/use-msg";
import { ROLE_KEY, type Role } from "@/lib/auth/roles";

interface Props {
  initial: { unknownHolderPolicy: "REVIEW" | "CREATE"; defaultAdvisorId: string | null };
  advisors: Array<{ id: string; name: string; email: string; role: Role }>;
}

/** The firm's choice for provider contracts whose holder is not a client yet. */
export function SyncSettingsForm({ initial, advisors }: Props) {
  const t = useTranslations("sync.settings");
  const shell = useTranslations("shell");
  const translate = useMsg();
  const translateFields = useFieldMessages();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string }>();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  return (
    <form
      noValidate
      className="space-y-5"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const input = { unknownHolderPolicy: String(form.get("unknownHolderPolicy") ?? ""), defaultAdvisorId: String(form.get("defaultAdvisorId") ?? "") || null };
        start(async () => {
          setMessage(undefined);
          try {
            const result = await updateSyncSettingsAction(input);
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
      <fieldset aria-describedby={errors.unknownHolderPolicy ? "policy-error" : undefined}>
        <legend className="text-sm font-medium text-slate-700">{t("legend")}</legend>
        <div className="mt-2 space-y-2 text-sm">
          <label className="flex gap-3">
            <input type="radio" name="unknownHolderPolicy" value="REVIEW" defaultChecked={initial.unknownHolderPolicy === "REVIEW"} className="mt-0.5 size-4 shrink-0 accent-brand-600" />
            <span>
              <span className="font-medium text-slate-900">{t("review")}</span>
              <span className="block text-slate-600">{t("reviewHint")}</span>
            </span>
          </label>
          <label className="flex gap-3">
            <input type="radio" name="unknownHolderPolicy" value="CREATE" defaultChecked={initial.unknownHolderPolicy === "CREATE"} className="mt-0.5 size-4 shrink-0 accent-brand-600" />
            <span>
              <span className="font-medium text-slate-900">{t("create")}</span>
              <span className="block text-slate-600">{t("createHint")}</span>
            </span>
          </label>
        </div>
        {errors.unknownHolderPolicy ? <p id="policy-error" className="mt-1 text-sm text-red-700">{errors.unknownHolderPolicy.join(" ")}</p> : null}
      </fieldset>
      <div className="max-w-sm">
        <Field id="default-advisor" label={t("defaultAdvisor")} hint={t("defaultAdvisorHint")} error={errors.defaultAdvisorId}>
          {(props) => (
            <select {...props} name="defaultAdvisorId" defaultValue={initial.defaultAdvisorId ?? ""}>
              <option value="">{t("firstAdmin")}</option>
              {advisors.map((advisor) => (
                <option key={advisor.id} value={advisor.id}>
                  {advisor.name} ({shell(ROLE_KEY[advisor.role])})
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? <Spinner /> : null} {pending ? translate("common.states.saving") : t("save")}
      </Button>
    </form>
  );
}
