"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { useMsg } from "@/components/i18n/use-msg";
import { useFormat } from "@/components/i18n/use-format";
import { refreshProductsAction, rotateProviderKeyAction, rotateWebhookSecretAction, setProviderEnabledAction, testProviderConnectionAction } from "@/app/(admin)/admin/providers/actions";
import { Button, Spinner } from "@/components/ui/button";
import { Alert } from "@/components/ui/field";
import { useServerAction } from "@/components/ui/use-server-action";

/** Calls auth-status with our token and shows what the provider said. */
export function TestConnectionButton({ providerId }: { providerId: string }) {
  const t = useTranslations("providers.controls");
  const translate = useMsg();
  const f = useFormat();
  const { pending, message, run } = useServerAction();
  return (
    <div className="space-y-3">
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() => run(() => testProviderConnectionAction(providerId), (data) => ({ tone: data.ok ? "success" : "error", text: `${data.messages.map(translate).join(" ")} (${f.number(data.durationMs)} ms)` }))}
      >
        {pending ? <Spinner /> : null} {pending ? t("testing") : t("test")}
      </Button>
      <div aria-live="polite">{message ? <Alert tone={message.tone}>{message.text}</Alert> : null}</div>
    </div>
  );
}

export function RefreshProductsButton({ providerId, disabled }: { providerId: string; disabled?: boolean }) {
  const t = useTranslations("providers.controls");
  const { pending, message, run } = useServerAction();
  return (
    <div className="flex flex-col items-end gap-2">
      <Button
        variant="secondary"
        disabled={pending || disabled}
        title={disabled ? t("enableFirst") : undefined}
        onClick={() =>
          run(() => refreshProductsAction(providerId), ({ fetched, created, updated }) => (fetched === 0 ? t("upToDate") : t("refreshed", { fetched, created, updated })))
        }
      >
        {pending ? <Spinner /> : null} {pending ? t("refreshing") : t("refresh")}
      </Button>
      <div aria-live="polite" className="text-right">
        {message ? <span className={`text-xs ${message.tone === "error" ? "text-red-700" : "text-emerald-700"}`} role={message.tone === "error" ? "alert" : "status"}>{message.text}</span> : null}
      </div>
    </div>
  );
}

export function EnabledToggle({ providerId, enabled, name }: { providerId: string; enabled: boolean; name: string }) {
  const t = useTranslations("providers.controls");
  const { pending, message, run } = useServerAction();
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button variant={enabled ? "danger" : "primary"} disabled={pending} aria-label={enabled ? t("disableNamed", { name }) : t("enableNamed", { name })} onClick={() => run(() => setProviderEnabledAction(providerId, !enabled))}>
        {pending ? <Spinner /> : null} {enabled ? t("disable") : t("enable")}
      </Button>
      {message ? <span role="alert" className="text-xs text-red-700">{message.text}</span> : null}
    </span>
  );
}

export function RotateKeyButton({ providerId }: { providerId: string }) {
  const t = useTranslations("providers.controls");
  const { pending, message, run } = useServerAction();
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <div className="space-y-2">
        <Button variant="ghost" onClick={() => setConfirming(true)}>
          {t("rotateKey")}
        </Button>
        {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      </div>
    );
  }
  return (
    <div className="space-y-2 rounded-lg bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
      <p>{t("rotateKeyConfirm")}</p>
      <div className="flex gap-2">
        <Button
          variant="danger"
          disabled={pending}
          onClick={() =>
            run(
              () => rotateProviderKeyAction(providerId).finally(() => setConfirming(false)),
              () => t("rotateKeyDone"),
            )
          }
        >
          {pending ? <Spinner /> : null} {t("rotateKeyButton")}
        </Button>
        <Button variant="ghost" onClick={() => setConfirming(false)} disabled={pending}>
          {t("cancel")}
        </Button>
      </div>
    </div>
  );
}

export function CopyButton({ text, label }: { text: string; label: string }) {
  const t = useTranslations("providers.controls");
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <Button
      variant="secondary"
      aria-label={label}
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setState("copied");
        } catch {
          setState("failed");
        }
        setTimeout(() => setState("idle"), 2000);
      }}
    >
      <span aria-live="polite">{state === "copied" ? t("copied") : state === "failed" ? t("copyFailed") : t("copy")}</span>
    </Button>
  );
}

/**
 * A webhook secret, shown once right after it was generated: copy it now and give it to the
 * provider; it is stored encrypted and cannot be shown again (rotate to get a new one).
 */
export function WebhookSecretOnce({ secret, providerName }: { secret: string; providerName?: string }) {
  const t = useTranslations("providers.controls.secretOnce");
  return (
    <div className="space-y-3 rounded-lg bg-amber-50 p-4 text-sm text-amber-950 ring-1 ring-amber-200" role="status" aria-label={t("label")}>
      <p className="font-semibold">{t("title")}</p>
      <div className="flex items-center gap-2">
        <code className="min-w-0 flex-1 break-all rounded bg-white px-2 py-1.5 font-mono text-xs ring-1 ring-amber-200" data-testid="webhook-secret">
          {secret}
        </code>
        <CopyButton text={secret} label={t("copy")} />
      </div>
      <ol className="list-decimal space-y-1 pl-5 text-amber-900">
        <li>{providerName ? t("give", { name: providerName }) : t("giveProvider")}</li>
        <li>{t("sign")}</li>
        <li>{t("until")}</li>
      </ol>
    </div>
  );
}

/** Generates a new webhook secret and shows it once. Callbacks signed with the old one are refused from then on. */
export function RotateWebhookSecretButton({ providerId, providerName }: { providerId: string; providerName: string }) {
  const t = useTranslations("providers.controls");
  const { pending, message, run } = useServerAction();
  const [confirming, setConfirming] = useState(false);
  const [secret, setSecret] = useState<string>();
  if (secret) return <WebhookSecretOnce secret={secret} providerName={providerName} />;
  if (!confirming) {
    return (
      <div className="space-y-2">
        <Button variant="ghost" onClick={() => setConfirming(true)}>
          {t("rotateSecret")}
        </Button>
        {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      </div>
    );
  }
  return (
    <div className="space-y-2 rounded-lg bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200">
      <p>{t("rotateSecretConfirm", { name: providerName })}</p>
      <div className="flex gap-2">
        <Button
          variant="danger"
          disabled={pending}
          onClick={() =>
            run(
              () => rotateWebhookSecretAction(providerId).finally(() => setConfirming(false)),
              (data) => {
                setSecret(data.webhookSecret);
              },
            )
          }
        >
          {pending ? <Spinner /> : null} {t("rotateSecretButton")}
        </Button>
        <Button variant="ghost" onClick={() => setConfirming(false)} disabled={pending}>
          {t("cancel")}
        </Button>
      </div>
    </div>
  );
}
