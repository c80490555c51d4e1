"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button, Spinner } from "@/components/ui/button";
import { Alert, Field } from "@/components/ui/field";

// next-auth's own error codes, when it reports one instead of our message.
const NEXT_AUTH_ERRORS: Record<string, string> = {
  CredentialsSignin: "Wrong email or password.",
  SessionRequired: "Please sign in to continue.",
  Default: "Sign-in failed. Please try again.",
};

export function SignInForm({ next, initialError }: { next: string; initialError?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>(initialError ? NEXT_AUTH_ERRORS[initialError] ?? NEXT_AUTH_ERRORS.Default : undefined);
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
      setError(result?.error ? NEXT_AUTH_ERRORS[result.error] ?? result.error : NEXT_AUTH_ERRORS.Default);
    } catch {
      setError("We could not reach the server. Check your connection and try again.");
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-5" noValidate aria-describedby={error ? "sign-in-error" : undefined}>
      {error ? <Alert id="sign-in-error">{error}</Alert> : null}
      <Field id="email" label="Email">
        {(props) => <input {...props} name="email" type="email" autoComplete="username" required autoFocus />}
      </Field>
      <Field id="password" label="Password">
        {(props) => <input {...props} name="password" type="password" autoComplete="current-password" required />}
      </Field>
      <Button type="submit" className="w-full py-2.5" disabled={pending}>
        {pending ? (
          <>
            <Spinner /> Signing in…
          </>
        ) : (
          "Sign in"
        )}
      </Button>
    </form>
  );
}
