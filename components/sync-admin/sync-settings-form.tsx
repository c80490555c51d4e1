"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { updateSyncSettingsAction } from "@/app/(admin)/admin/sync/actions";
import { Button, Spinner } from "@/components/ui/button";
import { Alert, Field } from "@/components/ui/field";
import { useFieldMessages, useMsg } from "@/components/i18n/use-msg";

interface Props {
  initial: { unknownHolderPolicy: "REVIEW" | "CREATE"; defaultAdvisorId: string | null };
  advisors: Array<{ id: string; name: string; email: string; role: string }>;
}

/** The firm's choice for provider contracts whose holder is not a client yet. */
export function SyncSettingsForm({ initial, advisors }: Props) {
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
            setMessage({ tone: "success", text: "Saved. The next sync follows this setting." });
            router.refresh();
          } catch {
            setMessage({ tone: "error", text: "We could not reach the server. Nothing was changed; try again." });
          }
        });
      }}
    >
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <fieldset aria-describedby={errors.unknownHolderPolicy ? "policy-error" : undefined}>
        <legend className="text-sm font-medium text-slate-700">When a provider sends a contract of someone who is not a client yet</legend>
        <div className="mt-2 space-y-2 text-sm">
          <label className="flex gap-3">
            <input type="radio" name="unknownHolderPolicy" value="REVIEW" defaultChecked={initial.unknownHolderPolicy === "REVIEW"} className="mt-0.5 size-4 shrink-0 accent-brand-600" />
            <span>
              <span className="font-medium text-slate-900">Put it in the review queue</span>
              <span className="block text-slate-600">An administrator matches the holder to a client, creates the client, or ignores it.</span>
            </span>
          </label>
          <label className="flex gap-3">
            <input type="radio" name="unknownHolderPolicy" value="CREATE" defaultChecked={initial.unknownHolderPolicy === "CREATE"} className="mt-0.5 size-4 shrink-0 accent-brand-600" />
            <span>
              <span className="font-medium text-slate-900">Create the client automatically</span>
              <span className="block text-slate-600">Owned by the advisor the provider names, where one matches by email; otherwise by the default advisor below.</span>
            </span>
          </label>
        </div>
        {errors.unknownHolderPolicy ? <p id="policy-error" className="mt-1 text-sm text-red-700">{errors.unknownHolderPolicy.join(" ")}</p> : null}
      </fieldset>
      <div className="max-w-sm">
        <Field id="default-advisor" label="Default advisor" hint="Owns clients created from provider records when no other advisor matches. Empty: the firm's first administrator." error={errors.defaultAdvisorId}>
          {(props) => (
            <select {...props} name="defaultAdvisorId" defaultValue={initial.defaultAdvisorId ?? ""}>
              <option value="">First administrator</option>
              {advisors.map((advisor) => (
                <option key={advisor.id} value={advisor.id}>
                  {advisor.name} ({advisor.role === "ADMIN" ? "administrator" : "advisor"})
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? <Spinner /> : null} {pending ? "Saving…" : "Save setting"}
      </Button>
    </form>
  );
}
