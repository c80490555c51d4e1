"use client";

import { useId, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { Button, Spinner } from "@/components/ui/button";
import { Alert, Field } from "@/components/ui/field";
import { useServerAction } from "@/components/ui/use-server-action";
import { eraseClientAction } from "./actions";

export interface KeptLine {
  key: string;
  text: string;
}

/** The erasure with its confirmation step: what goes now, what is kept until when, and the client's name typed. */
export function EraseClientDialog({ clientId, name, kept }: { clientId: string; name: string; kept: KeptLine[] }) {
  const t = useTranslations("privacy.erase");
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [typed, setTyped] = useState("");
  const { pending, message, fieldErrors, setMessage, setFieldErrors, run } = useServerAction();
  const [done, setDone] = useState(false);
  const matches = typed.trim().replace(/\s+/g, " ").toLowerCase() === name.trim().replace(/\s+/g, " ").toLowerCase();

  return (
    <>
      {done ? <Alert tone="success">{t("done")}</Alert> : null}
      <Button
        type="button"
        variant="danger"
        onClick={() => {
          setTyped("");
          setMessage(undefined);
          setFieldErrors({});
          dialog.current?.showModal();
        }}
      >
        {t("open")}
      </Button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-full max-w-lg rounded-xl bg-white p-0 shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-900/40">
        <form
          noValidate
          className="space-y-4 p-6 text-sm"
          onSubmit={(event) => {
            event.preventDefault();
            if (!matches) {
              setFieldErrors({ confirmName: [t("errors.confirmName")] });
              return;
            }
            run(
              () => eraseClientAction(clientId, typed),
              () => {
                setDone(true);
                dialog.current?.close();
              },
            );
          }}
        >
          <h2 id={titleId} className="text-lg font-semibold text-slate-900">
            {t("title", { name })}
          </h2>
          <p className="text-slate-700">{t("now")}</p>
          <div>
            <h3 className="font-medium text-slate-900">{t("keptTitle")}</h3>
            {kept.length === 0 ? (
              <p className="mt-1 text-slate-600">{t("nothingKept")}</p>
            ) : (
              <ul className="mt-1 list-disc space-y-1 pl-5 text-slate-700" data-testid="erase-kept">
                {kept.map((line) => (
                  <li key={line.key}>{line.text}</li>
                ))}
              </ul>
            )}
          </div>
          {message ? <Alert tone={message.tone === "success" ? "success" : "error"}>{message.text}</Alert> : null}
          <Field id={`${titleId}-confirm`} label={t("confirmLabel", { name })} hint={t("confirmHint")} error={fieldErrors.confirmName} required>
            {(props) => <input {...props} name="confirmName" autoComplete="off" value={typed} onChange={(event) => setTyped(event.target.value)} />}
          </Field>
          <div className="flex justify-end gap-2 pt-2">
            <Button type="button" variant="secondary" onClick={() => dialog.current?.close()} disabled={pending}>
              {t("cancel")}
            </Button>
            <Button type="submit" variant="danger" disabled={pending}>
              {pending ? <Spinner /> : null} {pending ? t("erasing") : t("confirm")}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
