"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Button, Spinner } from "@/components/ui/button";
import { Alert, Field } from "@/components/ui/field";
import { useServerAction } from "@/components/ui/use-server-action";
import { createWebhookAction, deleteWebhookAction, replayWebhookDeliveryAction, rotateWebhookSecretAction, sendTestWebhookAction, setWebhookEnabledAction } from "@/app/(admin)/admin/webhooks/actions";
import { SecretReveal } from "./secret-reveal";
import { useFieldMessages, useMsg } from "@/components/i18n/use-msg";

const ONCE = "Give it to the receiving system to verify signatures (Standard Webhooks). It is not shown again.";

export function NewWebhookForm({ events }: { events: Array<{ type: string; text: string }> }) {
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
    const result = await createWebhookAction({ url: data.get("url"), description: data.get("description"), events: data.getAll("events") }).catch(() => ({ ok: false as const, error: "We could not reach the server. Nothing was created; try again." }));
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
      {secret ? <SecretReveal label="Signing secret" value={secret} note={ONCE} /> : null}
      <Field id="webhook-url" label="URL" error={errors.url} hint="Where we POST the events (https).">
        {(props) => <input {...props} name="url" type="url" autoComplete="off" placeholder="https://crm.example.com/hooks/proposal-desk" />}
      </Field>
      <Field id="webhook-description" label="Description (optional)" error={errors.description}>
        {(props) => <input {...props} name="description" autoComplete="off" />}
      </Field>
      <fieldset>
        <legend className="block text-sm font-medium text-slate-700">Events</legend>
        <p className="text-xs text-slate-500">None chosen: every event.</p>
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
        {pending ? <Spinner /> : null} Add endpoint
      </Button>
    </form>
  );
}

export function WebhookActions({ id, url, enabled }: { id: string; url: string; enabled: boolean }) {
  const { pending, message, run } = useServerAction();
  const [secret, setSecret] = useState<{ value: string; until: string }>();
  // Which button started the running action, for its spinner.
  const [running, setRunning] = useState<string>();
  const busy = (name: string) => (pending && running === name ? <Spinner /> : null);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" disabled={pending || !enabled} onClick={() => (setRunning("test"), run(() => sendTestWebhookAction(id), () => "A test event is on its way."))}>
          {busy("test")} Send test event
        </Button>
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() => {
            if (!window.confirm("Rotate the signing secret? The old secret keeps signing beside the new one for 24 hours.")) return;
            setRunning("rotate");
            run(() => rotateWebhookSecretAction(id), (data) => setSecret({ value: data.secret, until: data.previousValidUntil }));
          }}
        >
          {busy("rotate")} Rotate secret
        </Button>
        <Button variant="secondary" disabled={pending} onClick={() => (setRunning("enable"), run(() => setWebhookEnabledAction(id, !enabled), () => (enabled ? "Disabled." : "Enabled.")))}>
          {busy("enable")} {enabled ? "Disable" : "Enable"}
        </Button>
        <Button
          variant="danger"
          disabled={pending}
          onClick={() => {
            if (!window.confirm(`Delete the endpoint ${url} and its delivery log?`)) return;
            setRunning("delete");
            run(() => deleteWebhookAction(id));
          }}
        >
          {busy("delete")} Delete
        </Button>
      </div>
      {secret ? <SecretReveal label="New signing secret" value={secret.value} note={`The old secret also signs until ${new Date(secret.until).toLocaleString("en-GB")}. ${ONCE}`} /> : null}
      {message ? <Alert tone={message.tone === "error" ? "error" : "success"}>{message.text}</Alert> : null}
    </div>
  );
}

export function ReplayDeliveryButton({ deliveryId }: { deliveryId: string }) {
  const { pending, message, run } = useServerAction();
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button variant="secondary" disabled={pending} onClick={() => run(() => replayWebhookDeliveryAction(deliveryId), () => "Queued again.")}>
        {pending ? <Spinner /> : null} Replay
      </Button>
      {message ? <span role={message.tone === "error" ? "alert" : "status"} className={`text-xs ${message.tone === "error" ? "text-red-700" : "text-emerald-700"}`}>{message.text}</span> : null}
    </span>
  );
}
