"use client";

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
  const translateFields = useFieldMessages();
  const { pending, message, setMessage, fieldErrors, setFieldErrors, run } = useServerAction();

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(event.currentTarget));
    const parsed = providerSettingsSchema.safeParse(values);
    if (!parsed.success) {
      setFieldErrors(translateFields(fieldErrorsOf(parsed.error)));
      setMessage({ tone: "error", text: "Some settings need your attention." });
      return;
    }
    run(() => updateProviderSettingsAction(providerId, values), () => "Settings saved.");
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Limits and callbacks">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Field id="settings-timeout" label="Timeout (seconds)" error={fieldErrors.timeoutSeconds} hint="How long one request may take. List and file calls always get at least 30 seconds.">
        {(props) => <input {...props} name="timeoutSeconds" type="number" min={1} max={120} defaultValue={Math.round(initial.timeoutMs / 1000)} />}
      </Field>
      <Field id="settings-rate" label="Requests per second (optional)" error={fieldErrors.requestsPerSecond} hint="Only if the provider asks for a limit. Empty: no limit; a Retry-After from the provider is always honoured.">
        {(props) => <input {...props} name="requestsPerSecond" type="number" min={1} max={1000} defaultValue={initial.requestsPerSecond ?? ""} />}
      </Field>
      <Field
        id="settings-chunk"
        label="Ids per list call (optional)"
        error={fieldErrors.idChunkSizeOverride}
        hint={
          initial.idChunkSizeLearned
            ? `Learned from the provider's answers: ${initial.idChunkSizeLearned}. A value here overrides it.`
            : "Nothing learned yet: we send up to 500 and halve on a 413/414 answer. A value here overrides that."
        }
      >
        {(props) => <input {...props} name="idChunkSizeOverride" type="number" min={1} max={500} defaultValue={initial.idChunkSizeOverride ?? ""} />}
      </Field>
      <div>
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input type="checkbox" name="acceptUnsignedCallbacks" defaultChecked={initial.acceptUnsignedCallbacks} className="mt-0.5 accent-brand-600" />
          <span>
            <span className="font-medium">Accept unsigned callbacks</span>
            <span className="block text-xs text-slate-500">
              For a provider that cannot sign its callbacks. The unguessable token in each contract&apos;s callback URL then carries the trust; a callback is only ever a hint, and the
              contract is re-read from the provider. Signed callbacks are still checked.
              {initial.hasWebhookSecret ? "" : " This provider has no webhook secret, so its callbacks are accepted unsigned anyway."}
            </span>
          </span>
        </label>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? <Spinner /> : null} Save settings
      </Button>
    </form>
  );
}
