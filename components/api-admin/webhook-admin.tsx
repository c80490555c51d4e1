"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { useFormat } from "@/components/i18n/use-format";
import { Button, Spinner } from "@/components/ui/button";
import { Alert, Field } from "@/components/ui/field";
import { useServerAction } from "@/components/ui/use-server-action";
import { createWebhookAction, deleteWebhookAction, replayWebhookDeliveryAction, rotateWebhookSecretAction, sendTestWebhookAction, setWebhookEnabledAction } from "@/app/(admin)/admin/webhooks/actions";
import { SecretReveal } from "./secret-reveal";
import { useFieldMessages, useMsg } from "@/components/i18n/use-msg";

export function NewWebhookForm({ events }: { events: Array<{ type: string; text: string }> }) {
  const t = useTranslations("apiAdmin.webhooks");
  const translate = useMsg();
  const translateFields = useFieldMessages();
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string>();
  const [secret, setSecret] = useState<string>();
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setPending(true);
    setSecret(undefined);
    const result = await createWebhookAction({ url: data.get("url"), description: data.get("description"), events: data.getAll("events") }).catch(() => ({ ok: false as const, error: "apiAdmin.clients.unreachable" }));
    setPending(false);
    if (!result.ok) {
      setErrors("fieldErrors" in result ? translateFields(result.fieldErrors) : {});
      setMessage(translate(result.error));
      return;
    }
    setErrors({});
    setMessage(undefined);
    setSecret(result.data.secret);
    form.current?.reset();
    router.refresh();
  }

  return (
    <form ref={form} onSubmit={onSubmit} noValidate className="space-y-4">
      {message ? <Alert>{message}</Alert> : null}
      {secret ? <SecretReveal label={t("signingSecret")} value={secret} note={t("once")} /> : null}
      <Field id="webhook-url" label={t("url")} error={errors.url} hint={t("urlHint")}>
        {(props) => <input {...props} name="url" type="url" autoComplete="off" placeholder="https://crm.example.com/hooks/proposal-desk" />}
      </Field>
      <Field id="webhook-description" label={t("descriptionLabel")} error={errors.description}>
        {(props) => <input {...props} name="description" autoComplete="off" />}
      </Field>
      <fieldset>
        <legend className="block text-sm font-medium text-slate-700">{t("eventsLabel")}</legend>
        <p className="text-xs text-slate-600">{t("eventsHint")}</p>
        <div className="mt-1.5 space-y-1.5">
          {events.map((entry) => (
            <label key={entry.type} className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="events" value={entry.type} className="mt-0.5" />
              <span>
                <code className="text-xs">{entry.type}</code> <span className="text-slate-600">{entry.text}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.events ? <p className="mt-1 text-sm text-red-700">{errors.events.join(" ")}</p> : null}
      </fieldset>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? <Spinner /> : null} {t("add")}
      </Button>
    </form>
  );
}

export function WebhookActions({ id, url, enabled }: { id: string; url: string; enabled: boolean }) {
  const t = useTranslations("apiAdmin.webhooks");
  const f = useFormat();
  const { pending, message, run } = useServerAction();
  const [secret, setSecret] = useState<{ value: string; until: string }>();
  // Which button started the running action, for its spinner.
  const [running, setRunning] = useState<string>();
  const busy = (name: string) => (pending && running === name ? <Spinner /> : null);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" disabled={pending || !enabled} onClick={() => (setRunning("test"), run(() => sendTestWebhookAction(id), () => t("testSent")))}>
          {busy("test")} {t("sendTest")}
        </Button>
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() => {
            if (!window.confirm(t("rotateConfirm"))) return;
            setRunning("rotate");
            run(() => rotateWebhookSecretAction(id), (data) => setSecret({ value: data.secret, until: data.previousValidUntil }));
          }}
        >
          {busy("rotate")} {t("rotate")}
        </Button>
        <Button variant="secondary" disabled={pending} onClick={() => (setRunning("enable"), run(() => setWebhookEnabledAction(id, !enabled), () => (enabled ? t("disabledDone") : t("enabledDone"))))}>
          {busy("enable")} {enabled ? t("disable") : t("enable")}
        </Button>
        <Button
          variant="danger"
          disabled={pending}
          onClick={() => {
            if (!window.confirm(t("deleteConfirm", { url }))) return;
            setRunning("delete");
            run(() => deleteWebhookAction(id));
          }}
        >
          {busy("delete")} {t("delete")}
        </Button>
      </div>
      {secret ? <SecretReveal label={t("newSigningSecret")} value={secret.value} note={`${t("oldAlsoSigns", { at: f.dateTime(secret.until) })} ${t("once")}`} /> : null}
      {message ? <Alert tone={message.tone === "error" ? "error" : "success"}>{message.text}</Alert> : null}
    </div>
  );
}

export function ReplayDeliveryButton({ deliveryId }: { deliveryId: string }) {
  const t = useTranslations("apiAdmin.webhooks");
  const { pending, message, run } = useServerAction();
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button variant="secondary" disabled={pending} onClick={() => run(() => replayWebhookDeliveryAction(deliveryId), () => t("queuedAgain"))}>
        {pending ? <Spinner /> : null} {t("replay")}
      </Button>
      {message ? <span role={message.tone === "error" ? "alert" : "status"} className={`text-xs ${message.tone === "error" ? "text-red-700" : "text-emerald-700"}`}>{message.text}</span> : null}
    </span>
  );
}
