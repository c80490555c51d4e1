"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { useServerAction } from "@/components/ui/use-server-action";
import { createUserAction, setUserDisabledAction, setUserRoleAction } from "@/app/(admin)/admin/users/actions";
import { newUserSchema } from "@/lib/users/schema";
import { fieldErrorsOf } from "@/lib/clients/schema";
import { Button, Spinner } from "@/components/ui/button";
import { Alert, Field } from "@/components/ui/field";
import { useFieldMessages, useMsg } from "@/components/i18n/use-msg";

export function UserStatusButton({ userId, disabled, name }: { userId: string; disabled: boolean; name: string }) {
  const t = useTranslations("users.admin");
  const { pending, message, run } = useServerAction();
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button variant={disabled ? "secondary" : "danger"} disabled={pending} aria-label={disabled ? t("enableNamed", { name }) : t("disableNamed", { name })} onClick={() => run(() => setUserDisabledAction(userId, !disabled))}>
        {pending ? <Spinner /> : null}
        {disabled ? t("enable") : t("disable")}
      </Button>
      {message ? <span role="alert" className="text-xs text-red-700">{message.text}</span> : null}
    </span>
  );
}

type Role = "ADVISOR" | "BACK_OFFICE" | "ADMIN";

function RoleOptions() {
  const t = useTranslations("users.admin");
  return (
    <>
      <option value="ADVISOR">{t("roleAdvisor")}</option>
      <option value="BACK_OFFICE">{t("roleBackOffice")}</option>
      <option value="ADMIN">{t("roleAdmin")}</option>
    </>
  );
}

/** Changes another user's role: choose, then save (a select alone would act on every arrow key). */
export function UserRoleControl({ userId, role, name }: { userId: string; role: Role; name: string }) {
  const t = useTranslations("users.admin");
  const { pending, message, run } = useServerAction();
  const [chosen, setChosen] = useState<Role>(role);
  const label = { ADVISOR: t("roleAdvisor"), BACK_OFFICE: t("roleBackOffice"), ADMIN: t("roleAdmin") };
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        run(() => setUserRoleAction(userId, chosen), () => t("roleSaved", { name, role: label[chosen] }));
      }}
    >
      <select
        aria-label={t("changeRole", { name })}
        value={chosen}
        onChange={(event) => setChosen(event.currentTarget.value as Role)}
        className="rounded-lg border-0 bg-white py-1.5 pl-2 pr-8 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500"
      >
        <RoleOptions />
      </select>
      {chosen !== role ? (
        <Button type="submit" variant="secondary" disabled={pending}>
          {pending ? <Spinner /> : null}
          {t("saveRole")}
        </Button>
      ) : null}
      {message ? (
        <span role={message.tone === "error" ? "alert" : "status"} className={`basis-full text-xs ${message.tone === "error" ? "text-red-700" : "text-emerald-700"}`}>
          {message.text}
        </span>
      ) : null}
    </form>
  );
}

export function NewUserForm() {
  const t = useTranslations("users.admin");
  const translate = useMsg();
  const translateFields = useFieldMessages();
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string }>();
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(event.currentTarget));
    const parsed = newUserSchema.safeParse(values);
    if (!parsed.success) return setErrors(translateFields(fieldErrorsOf(parsed.error)));
    setPending(true);
    setErrors({});
    const result = await createUserAction(values).catch(() => ({ ok: false as const, error: "common.errors.unreachable" }));
    setPending(false);
    if (!result.ok) {
      setErrors("fieldErrors" in result ? translateFields(result.fieldErrors) : {});
      setMessage({ tone: "error", text: translate(result.error) });
      return;
    }
    form.current?.reset();
    setMessage({ tone: "success", text: t("created", { name: parsed.data.name }) });
    router.refresh();
  }

  return (
    <form ref={form} onSubmit={onSubmit} noValidate className="space-y-4">
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Field id="user-name" label={t("fullName")} error={errors.name}>
        {(props) => <input {...props} name="name" autoComplete="off" />}
      </Field>
      <Field id="user-email" label={t("email")} error={errors.email}>
        {(props) => <input {...props} name="email" type="email" autoComplete="off" />}
      </Field>
      <Field id="user-role" label={t("role")} error={errors.role} hint={t("roleHint")}>
        {(props) => (
          <select {...props} name="role" defaultValue="ADVISOR">
            <RoleOptions />
          </select>
        )}
      </Field>
      <Field id="user-password" label={t("password")} error={errors.password} hint={t("passwordHint")}>
        {(props) => <input {...props} name="password" type="password" autoComplete="new-password" />}
      </Field>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? <Spinner /> : null} {t("add")}
      </Button>
    </form>
  );
}
