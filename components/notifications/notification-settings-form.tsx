"use client";

import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { NOTIFICATION_EVENTS, type NotificationEvent } from "@/lib/notifications/events";
import type { NotificationSettings } from "@/lib/notifications/preferences";
import { Button, Spinner } from "@/components/ui/button";
import { Alert } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import { useServerAction } from "@/components/ui/use-server-action";
import { saveNotificationSettingsAction } from "@/app/(advisor)/account/notifications/actions";

const box = "size-4 rounded border-slate-300 text-brand-600 focus:ring-2 focus:ring-brand-500";

/** The user's choice per event: a table with a labelled checkbox per channel, saved at once. */
export function NotificationSettingsForm({ initial }: { initial: NotificationSettings }) {
  const t = useTranslations("notifications.settings");
  const [settings, setSettings] = useState(initial);
  const { pending, message, run } = useServerAction();
  const id = useId();

  const toggle = (event: NotificationEvent, channel: "inApp" | "email") => setSettings((current) => ({ ...current, [event]: { ...current[event], [channel]: !current[event][channel] } }));

  return (
    <form
      onSubmit={(formEvent) => {
        formEvent.preventDefault();
        run(() => saveNotificationSettingsAction(settings), () => t("saved"));
      }}
      aria-busy={pending}
    >
      <Card>
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">{t("caption")}</caption>
            <thead className="border-b border-slate-100 bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-5 py-3">{t("event")}</th>
                <th scope="col" className="w-36 px-5 py-3 text-center">{t("inApp")}</th>
                <th scope="col" className="w-36 px-5 py-3 text-center">{t("email")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {NOTIFICATION_EVENTS.map((event) => {
                const label = t(`events.${event}.label`);
                return (
                  <tr key={event}>
                    <th scope="row" className="px-5 py-3 text-left font-normal">
                      <span className="block font-medium text-slate-900" id={`${id}-${event}`}>{label}</span>
                      <span className="block text-xs text-slate-600">{t(`events.${event}.hint`)}</span>
                    </th>
                    <td className="px-5 py-3 text-center">
                      <input type="checkbox" className={box} name={`${event}.inApp`} checked={settings[event].inApp} onChange={() => toggle(event, "inApp")} aria-label={t("inAppFor", { event: label })} disabled={pending} />
                    </td>
                    <td className="px-5 py-3 text-center">
                      <input type="checkbox" className={box} name={`${event}.email`} checked={settings[event].email} onChange={() => toggle(event, "email")} aria-label={t("emailFor", { event: label })} disabled={pending} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div className="flex flex-wrap items-center gap-4 border-t border-slate-100 px-5 py-4">
          <Button type="submit" disabled={pending}>
            {pending ? (
              <>
                <Spinner /> {t("saving")}
              </>
            ) : (
              t("save")
            )}
          </Button>
          <p className="text-xs text-slate-600">{t("note")}</p>
        </div>
      </Card>
      <div className="mt-4" aria-live="polite">
        {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      </div>
    </form>
  );
}
