"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { registerProviderAction, updateProviderAction } from "@/app/(admin)/admin/providers/actions";
import { providerInputSchema } from "@/lib/providers/schema";
import { fieldErrorsOf } from "@/lib/clients/schema";
import { Button, ButtonLink, Spinner } from "@/components/ui/button";
import { Alert, Field } from "@/components/ui/field";
import { WebhookSecretOnce } from "./provider-controls";
import { useFieldMessages, useMsg } from "@/components/i18n/use-msg";

export interface ProviderFormValues {
  name: string;
  baseUrl: string;
  consumerId: string;
  audience: string;
  keyId: string;
  allowPrivateNetwork: boolean;
}

type Props = { mode: "create"; initial?: undefined; providerId?: undefined } | { mode: "edit"; initial: ProviderFormValues; providerId: string };

/** Register a provider, or edit its settings. The same zod schema runs here and in the action. */
export function ProviderForm({ mode, initial, providerId }: Props) {
  const t = useTranslations("providers.form");
  const translate = useMsg();
  const translateFields = useFieldMessages();
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string }>();
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<{ id: string; name: string; webhookSecret: string }>();

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(event.currentTarget));
    const parsed = providerInputSchema.safeParse(values);
    if (!parsed.success) {
      setErrors(translateFields(fieldErrorsOf(parsed.error)));
      setMessage({ tone: "error", text: translate("common.errors.fieldsNeedAttention") });
      return;
    }
    setPending(true);
    setErrors({});
    setMessage(undefined);
    const result = await (mode === "create" ? registerProviderAction(values) : updateProviderAction(providerId, values)).catch(() => ({
      ok: false as const,
      error: "common.errors.unreachable",
    }));
    setPending(false);
    if (!result.ok) {
      setErrors("fieldErrors" in result ? translateFields(result.fieldErrors) : {});
      setMessage({ tone: "error", text: translate(result.error) });
      return;
    }
    if (mode === "create") {
      const data = result.data as { id: string; webhookSecret?: string };
      // A generated secret is shown here once, before the admin moves on to the provider's page.
      if (data.webhookSecret) setCreated({ id: data.id, name: String(values.name ?? ""), webhookSecret: data.webhookSecret });
      else router.push(`/admin/providers/${data.id}`);
    } else {
      setMessage({ tone: "success", text: t("saved") });
      router.refresh();
    }
  }

  if (created) {
    return (
      <div className="space-y-4">
        <Alert tone="success">
          {t("created", { name: created.name })}
        </Alert>
        <WebhookSecretOnce secret={created.webhookSecret} providerName={created.name} />
        <ButtonLink href={`/admin/providers/${created.id}`}>{t("continue", { name: created.name })}</ButtonLink>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={mode === "create" ? t("createLabel") : t("editLabel")}>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Field id="provider-name" label={t("name")} error={errors.name} hint={t("nameHint")}>
        {(props) => <input {...props} name="name" defaultValue={initial?.name} autoComplete="off" />}
      </Field>
      <Field id="provider-base-url" label={t("baseUrl")} error={errors.baseUrl} hint={t("baseUrlHint")}>
        {(props) => <input {...props} name="baseUrl" type="url" inputMode="url" defaultValue={initial?.baseUrl} placeholder="https://api.provider.example" autoComplete="off" />}
      </Field>
      <Field id="provider-consumer-id" label={t("consumerId")} error={errors.consumerId} hint={t("consumerIdHint")}>
        {(props) => <input {...props} name="consumerId" defaultValue={initial?.consumerId} autoComplete="off" />}
      </Field>
      <Field id="provider-audience" label={t("audience")} error={errors.audience} hint={t("audienceHint")}>
        {(props) => <input {...props} name="audience" defaultValue={initial?.audience} autoComplete="off" />}
      </Field>
      <Field id="provider-key-id" label={t("keyId")} error={errors.keyId} hint={t("keyIdHint")}>
        {(props) => <input {...props} name="keyId" defaultValue={initial?.keyId} autoComplete="off" />}
      </Field>
      <Field
        id="provider-webhook-secret"
        label={mode === "create" ? t("webhookSecret") : t("newWebhookSecret")}
        error={errors.webhookSecret}
        hint={mode === "create" ? t("webhookSecretHint") : t("newWebhookSecretHint")}
      >
        {(props) => <input {...props} name="webhookSecret" type="password" autoComplete="off" spellCheck={false} />}
      </Field>
      <div>
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input type="checkbox" name="allowPrivateNetwork" defaultChecked={initial?.allowPrivateNetwork} className="mt-0.5 accent-brand-600" />
          <span>
            <span className="font-medium">{t("privateNetwork")}</span>
            <span className="block text-xs text-slate-600">
              {t("privateNetworkHint")}
            </span>
          </span>
        </label>
      </div>
      <div className="flex gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? <Spinner /> : null} {mode === "create" ? t("register") : t("save")}
        </Button>
        {mode === "create" ? (
          <ButtonLink href="/admin/providers" variant="ghost">
            {t("cancel")}
          </ButtonLink>
        ) : null}
      </div>
    </form>
  );
}
