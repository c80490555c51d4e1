"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { Button, Spinner } from "@/components/ui/button";
import { Alert, Field } from "@/components/ui/field";
import { useServerAction } from "@/components/ui/use-server-action";
import { createApiClientAction, revokeApiClientAction, rotateApiClientSecretAction } from "@/app/(admin)/admin/api-clients/actions";
import { SecretReveal } from "./secret-reveal";
import { useFieldMessages, useMsg } from "@/components/i18n/use-msg";
import { ROLE_KEY, type Role } from "@/lib/auth/roles";

export function NewApiClientForm({ scopes, users }: { scopes: Array<{ name: string; text: string }>; users: Array<{ id: string; name: string; role: Role }> }) {
  const t = useTranslations("apiAdmin.clients");
  const shell = useTranslations("shell");
  const translate = useMsg();
  const translateFields = useFieldMessages();
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string>();
  const [created, setCreated] = useState<{ clientId: string; clientSecret: string }>();
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const input = { name: data.get("name"), scopes: data.getAll("scopes"), actingUserId: data.get("actingUserId"), expiresOn: data.get("expiresOn") };
    setPending(true);
    setCreated(undefined);
    const result = await createApiClientAction(input).catch(() => ({ ok: false as const, error: "apiAdmin.clients.unreachable" }));
    setPending(false);
    if (!result.ok) {
      setErrors("fieldErrors" in result ? translateFields(result.fieldErrors) : {});
      setMessage(translate(result.error));
      return;
    }
    setErrors({});
    setMessage(undefined);
    setCreated(result.data);
    form.current?.reset();
    router.refresh();
  }

  return (
    <form ref={form} onSubmit={onSubmit} noValidate className="space-y-4">
      {message ? <Alert>{message}</Alert> : null}
      {created ? (
        <div className="space-y-2">
          <p className="text-sm text-slate-700">
            {t("clientId")} <code className="rounded bg-slate-100 px-1">{created.clientId}</code>
          </p>
          <SecretReveal label={t("clientSecret")} value={created.clientSecret} note={t("once")} />
        </div>
      ) : null}
      <Field id="api-client-name" label={t("name")} error={errors.name} hint={t("nameHint")}>
        {(props) => <input {...props} name="name" autoComplete="off" />}
      </Field>
      <fieldset>
        <legend className="block text-sm font-medium text-slate-700">{t("scopesLabel")}</legend>
        <div className="mt-1.5 space-y-1.5">
          {scopes.map((scope) => (
            <label key={scope.name} className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="scopes" value={scope.name} className="mt-0.5" />
              <span>
                <code className="text-xs">{scope.name}</code> <span className="text-slate-600">{scope.text}</span>
              </span>
            </label>
          ))}
        </div>
        {errors.scopes ? <p className="mt-1 text-sm text-red-700">{errors.scopes.join(" ")}</p> : null}
      </fieldset>
      <Field id="api-client-acting" label={t("actsAs")} error={errors.actingUserId} hint={t("actsAsHint")}>
        {(props) => (
          <select {...props} name="actingUserId" defaultValue="">
            <option value="">{t("me")}</option>
            {users.map((user) => (
              <option key={user.id} value={user.id}>
                {user.name} ({shell(ROLE_KEY[user.role])})
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="api-client-expires" label={t("expires")} error={errors.expiresOn}>
        {(props) => <input {...props} name="expiresOn" type="date" />}
      </Field>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? <Spinner /> : null} {t("create")}
      </Button>
    </form>
  );
}

export function ApiClientActions({ id, name, revoked }: { id: string; name: string; revoked: boolean }) {
  const t = useTranslations("apiAdmin.clients");
  const { pending, message, run } = useServerAction();
  const [secret, setSecret] = useState<string>();
  if (revoked) return null;
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex gap-2">
        <Button
          variant="secondary"
          disabled={pending}
          aria-label={t("rotateLabel", { name })}
          onClick={() => {
            if (window.confirm(t("rotateConfirm", { name }))) run(() => rotateApiClientSecretAction(id), (data) => setSecret(data.clientSecret));
          }}
        >
          {t("rotate")}
        </Button>
        <Button
          variant="danger"
          disabled={pending}
          aria-label={t("revokeLabel", { name })}
          onClick={() => {
            if (window.confirm(t("revokeConfirm", { name }))) run(() => revokeApiClientAction(id), () => t("revokedDone"));
          }}
        >
          {pending ? <Spinner /> : null} {t("revoke")}
        </Button>
      </div>
      {secret ? <SecretReveal label={t("newSecret")} value={secret} note={t("once")} /> : null}
      {message?.tone === "error" ? <span role="alert" className="text-xs text-red-700">{message.text}</span> : null}
    </div>
  );
}
