"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
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
      setMessage({ tone: "error", text: "Some fields need your attention." });
      return;
    }
    setPending(true);
    setErrors({});
    setMessage(undefined);
    const result = await (mode === "create" ? registerProviderAction(values) : updateProviderAction(providerId, values)).catch(() => ({
      ok: false as const,
      error: "We could not reach the server. Try again.",
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
      setMessage({ tone: "success", text: "Saved." });
      router.refresh();
    }
  }

  if (created) {
    return (
      <div className="space-y-4">
        <Alert tone="success">
          {created.name} is registered and disabled for now. Next: give them our public key and this webhook secret, test the connection, then enable it.
        </Alert>
        <WebhookSecretOnce secret={created.webhookSecret} providerName={created.name} />
        <ButtonLink href={`/admin/providers/${created.id}`}>I have copied the secret: continue to {created.name}</ButtonLink>
      </div>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={mode === "create" ? "Register a provider" : "Provider settings"}>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Field id="provider-name" label="Name" error={errors.name} hint="How advisors see this provider, e.g. Hanse Versicherung.">
        {(props) => <input {...props} name="name" defaultValue={initial?.name} autoComplete="off" />}
      </Field>
      <Field id="provider-base-url" label="API base URL" error={errors.baseUrl} hint="The address of the provider's FiNUM Sync API, without /v1.">
        {(props) => <input {...props} name="baseUrl" type="url" inputMode="url" defaultValue={initial?.baseUrl} placeholder="https://api.provider.example" autoComplete="off" />}
      </Field>
      <Field id="provider-consumer-id" label="Consumer id" error={errors.consumerId} hint="Our identity at the provider, from their onboarding (the token's iss).">
        {(props) => <input {...props} name="consumerId" defaultValue={initial?.consumerId} autoComplete="off" />}
      </Field>
      <Field id="provider-audience" label="Audience (optional)" error={errors.audience} hint="The token's aud. Empty: the host of the base URL.">
        {(props) => <input {...props} name="audience" defaultValue={initial?.audience} autoComplete="off" />}
      </Field>
      <Field id="provider-key-id" label="Key id (optional)" error={errors.keyId} hint="Sent as kid, only if the provider registered our key under an id.">
        {(props) => <input {...props} name="keyId" defaultValue={initial?.keyId} autoComplete="off" />}
      </Field>
      <Field
        id="provider-webhook-secret"
        label={mode === "create" ? "Webhook secret (optional)" : "New webhook secret (optional)"}
        error={errors.webhookSecret}
        hint={mode === "create" ? "whsec_… if the provider gave you one. Empty: we generate one and show it to you once, to give to the provider." : "Only if the provider gave you one. Empty keeps the current secret. It is stored encrypted and never shown."}
      >
        {(props) => <input {...props} name="webhookSecret" type="password" autoComplete="off" spellCheck={false} />}
      </Field>
      <div>
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input type="checkbox" name="allowPrivateNetwork" defaultChecked={initial?.allowPrivateNetwork} className="mt-0.5 accent-brand-600" />
          <span>
            <span className="font-medium">The provider is on our private network</span>
            <span className="block text-xs text-slate-500">
              Allows a base URL on a private or loopback address (and plain HTTP there). Leave it off for a provider on the internet.
            </span>
          </span>
        </label>
      </div>
      <div className="flex gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? <Spinner /> : null} {mode === "create" ? "Register provider" : "Save changes"}
        </Button>
        {mode === "create" ? (
          <ButtonLink href="/admin/providers" variant="ghost">
            Cancel
          </ButtonLink>
        ) : null}
      </div>
    </form>
  );
}
