"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { signInErrorMessage } from "@/lib/auth/sign-in-error";
import type { Msg } from "@/lib/i18n/message";
import { useMsg } from "@/components/i18n/use-msg";
import { Button, Spinner } from "@/components/ui/button";
import { Alert, Field } from "@/components/ui/field";

export function SignInForm({ next, initialError }: { next: string; initialError?: string }) {
  const t = useTranslations("auth.signIn");
  const translate = useMsg();
  const router = useRouter();
  // Kept as a message, so switching the language shows it in the new one.
  const [error, setError] = useState<Msg | undefined>(initialError ? signInErrorMessage(initialError) : undefined);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    try {
      const result = await signIn("credentials", { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? ""), redirect: false });
      if (result?.ok && !result.error) {
        router.replace(next);
        router.refresh();
        return;
      }
      setError(signInErrorMessage(result?.error));
    } catch {
      setError({ key: "auth.errors.unreachable" });
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate aria-describedby={error ? "sign-in-error" : undefined}>
      {error ? <Alert id="sign-in-error">{translate(error)}</Alert> : null}
      <Field id="email" label={t("email")}>
        {(props) => <input {...props} name="email" type="email" autoComplete="username" required autoFocus />}
      </Field>
      <Field id="password" label={t("password")}>
        {(props) => <input {...props} name="password" type="password" autoComplete="current-password" required />}
      </Field>
      <Button type="submit" className="w-full py-2.5" disabled={pending}>
        {pending ? (
          <>
            <Spinner /> {t("submitting")}
          </>
        ) : (
          t("submit")
        )}
      </Button>
    </form>
  );
}
