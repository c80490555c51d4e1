"use client";

import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useDismiss } from "@/components/ui/use-dismiss";
import { useMsg } from "@/components/i18n/use-msg";
import { APP_LOCALES, type AppLocale } from "@/lib/i18n/locales";
import { setLanguageAction, signOutEverywhereAction } from "@/app/(advisor)/account-actions";

/**
 * The signed-in person's menu (WAI-ARIA menu button): who they are, their language, signing out.
 * Opens with Enter, Space or the arrow keys; arrows, Home and End move between items; Escape
 * closes it and returns to the button.
 */
export function UserMenu({ name, email, organization, role, locale }: { name: string; email: string; organization: string; role: string; locale: AppLocale }) {
  const t = useTranslations("shell.userMenu");
  const languages = useTranslations("common.language");
  const translate = useMsg();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const ref = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const focusOn = useRef<"first" | "last" | null>(null);
  const menuId = useId();

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  };
  useDismiss(ref, open, () => close(true));

  const items = () => Array.from(menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]:not([disabled])') ?? []);
  useEffect(() => {
    if (!open || !focusOn.current) return;
    const list = items();
    (focusOn.current === "last" ? list.at(-1) : list[0])?.focus();
    focusOn.current = null;
  }, [open]);

  const openWith = (where: "first" | "last") => {
    focusOn.current = where;
    setOpen(true);
  };

  const onMenuKey = (event: KeyboardEvent<HTMLUListElement>) => {
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLElement);
    const target =
      event.key === "ArrowDown" ? list[(index + 1) % list.length]
      : event.key === "ArrowUp" ? list[(index - 1 + list.length) % list.length]
      : event.key === "Home" ? list[0]
      : event.key === "End" ? list.at(-1)
      : undefined;
    if (target) {
      event.preventDefault();
      target.focus();
    } else if (event.key === "Tab") {
      setOpen(false);
    }
  };

  const chooseLanguage = async (next: AppLocale) => {
    if (next === locale) return close(true);
    setBusy(true);
    setProblem(undefined);
    try {
      const result = await setLanguageAction(next);
      if (!result.ok) {
        setProblem(translate(result.error));
        return;
      }
      close(true);
      router.refresh();
    } catch {
      setProblem(translate("common.errors.unreachable"));
    } finally {
      setBusy(false);
    }
  };

  const initials = name.split(/\s+/).map((part) => part[0]).join("").slice(0, 2).toUpperCase();
  const item = "block w-full rounded-md px-3 py-2 text-left text-sm hover:bg-slate-100 focus:bg-slate-100 focus:outline-none";

  return (
    <div className="relative" ref={ref}>
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={t("open", { name })}
        onClick={() => (open ? close(false) : openWith("first"))}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            event.preventDefault();
            openWith(event.key === "ArrowUp" ? "last" : "first");
          }
        }}
        className="flex items-center gap-2 rounded-full py-1 pl-1 pr-3 text-sm hover:bg-slate-100"
      >
        <span aria-hidden className="grid size-8 place-items-center rounded-full bg-brand-100 text-xs font-semibold text-brand-700">{initials}</span>
        <span aria-hidden className="hidden text-left leading-tight md:block">
          <span className="block font-medium text-slate-900">{name}</span>
          <span className="block text-xs text-slate-600">{organization}</span>
        </span>
      </button>
      {open ? (
        <div className="absolute right-0 mt-2 w-64 rounded-xl bg-white p-1.5 shadow-lg ring-1 ring-slate-200">
          <div className="px-3 py-2 text-xs text-slate-600">
            {t.rich("signedInAs", { email, strong: (chunks) => <span className="font-medium text-slate-800">{chunks}</span> })}
            <br />
            {role === "ADMIN" ? t("roles.admin") : role === "BACK_OFFICE" ? t("roles.backOffice") : t("roles.advisor")} · {organization}
          </div>
          <ul ref={menu} id={menuId} role="menu" aria-label={t("label")} onKeyDown={onMenuKey} className="space-y-0.5">
            <li role="none" className="px-3 pb-1 pt-2 text-xs font-medium uppercase tracking-wide text-slate-600" id={`${menuId}-language`}>
              {languages("label")}
            </li>
            <li role="none">
              <ul role="group" aria-labelledby={`${menuId}-language`}>
                {APP_LOCALES.map((option) => (
                  <li role="none" key={option}>
                    <button role="menuitemradio" aria-checked={option === locale} type="button" lang={option} tabIndex={-1} disabled={busy} className={`${item} flex items-center justify-between`} onClick={() => void chooseLanguage(option)}>
                      {languages(option)}
                      {option === locale ? (
                        <svg aria-hidden viewBox="0 0 20 20" className="size-4 fill-brand-600">
                          <path d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.6l7.3-7.3a1 1 0 0 1 1.4 0Z" />
                        </svg>
                      ) : null}
                    </button>
                  </li>
                ))}
              </ul>
            </li>
            <li role="separator" className="my-1 border-t border-slate-100" />
            <li role="none"><a role="menuitem" tabIndex={-1} href="/account/notifications" className={item}>{t("notificationSettings")}</a></li>
            <li role="none">
              <button role="menuitem" type="button" tabIndex={-1} disabled={busy} className={item} onClick={() => signOut({ callbackUrl: "/login" })}>
                {t("signOut")}
              </button>
            </li>
            <li role="none">
              <button
                role="menuitem"
                type="button"
                tabIndex={-1}
                disabled={busy}
                className={item}
                onClick={async () => {
                  setBusy(true);
                  await signOutEverywhereAction();
                  await signOut({ callbackUrl: "/login" });
                }}
              >
                {t("signOutEverywhere")}
                <span className="block text-xs text-slate-600">{t("signOutEverywhereHint")}</span>
              </button>
            </li>
          </ul>
          {problem ? (
            <p role="alert" className="px-3 py-2 text-xs text-red-700">
              {problem}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
