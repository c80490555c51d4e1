"use client";

import { useTranslations } from "next-intl";
import { updateProviderSettingsAction } from "@/app/(admin)/admin/providers/actions";
import { providerSettingsSchema } from "@/lib/providers/schema";
import { fieldErrorsOf } from "@/lib/clients/schema";
import { Button, Spinner } from "@/components/ui/button";
import { Alert, Field } from "@/components/ui/field";
import { useServerAction } from "@/components/ui/use-server-action";
import { useFieldMessages } from "@/components/i18n/use-msg";

export interface ProviderSettingsValues {
  timeoutMs: number;
  requestsPerSecond: number | null;
  idChunkSizeOverride: number | null;
  idChunkSizeLearned: number | null;
  acceptUnsignedCallbacks: boolean;
  hasWebhookSecret: boolean;
}

/**
 * Only what cannot be learned from the provider: the timeout, a request rate, an id chunk size that
 * overrides the learned one, and whether unsigned callbacks are accepted. The same schema runs here and in the action.
 */
export function ProviderSettingsForm({ providerId, initial }: { providerId: string; initial: ProviderSettingsValues }) {
  const t = useTranslations("providers.settings");
  const translateFields = useFieldMessages();
  const { pending, message, setMessage, fieldErrors, setFieldErrors, run } = useServerAction();

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(event.currentTarget));
    const parsed = providerSettingsSchema.safeParse(values);
    if (!parsed.success) {
      setFieldErrors(translateFields(fieldErrorsOf(parsed.error)));
      setMessage({ tone: "error", text: t("needsAttention") });
      return;
    }
    run(() => updateProviderSettingsAction(providerId, values), () => t("saved"));
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={t("label")}>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Field id="settings-timeout" label={t("timeout")} error={fieldErrors.timeoutSeconds} hint={t("timeoutHint")}>
        {(props) => <input {...props} name="timeoutSeconds" type="number" min={1} max={120} defaultValue={Math.round(initial.timeoutMs / 1000)} />}
      </Field>
      <Field id="settings-rate" label={t("rate")} error={fieldErrors.requestsPerSecond} hint={t("rateHint")}>
        {(props) => <input {...props} name="requestsPerSecond" type="number" min={1} max={1000} defaultValue={initial.requestsPerSecond ?? ""} />}
      </Field>
      <Field
        id="settings-chunk"
        label={t("chunk")}
        error={fieldErrors.idChunkSizeOverride}
        hint={
          initial.idChunkSizeLearned
            ? t("chunkLearned", { learned: initial.idChunkSizeLearned })
            : t("chunkNothingLearned")
        }
      >
        {(props) => <input {...props} name="idChunkSizeOverride" type="number" min={1} max={500} defaultValue={initial.idChunkSizeOverride ?? ""} />}
      </Field>
      <div>
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input type="checkbox" name="acceptUnsignedCallbacks" defaultChecked={initial.acceptUnsignedCallbacks} className="mt-0.5 accent-brand-600" />
          <span>
            <span className="font-medium">{t("unsigned")}</span>
            <span className="block text-xs text-slate-600">
              {t("unsignedHint")}
              {initial.hasWebhookSecret ? "" : ` ${t("unsignedNoSecret")}`}
            </span>
          </span>
        </label>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? <Spinner /> : null} {t("save")}
      </Button>
    </form>
  );
}
