import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { notificationSettings } from "@/lib/notifications/preferences";
import { PageHeader } from "@/components/ui/layout";
import { NotificationSettingsForm } from "@/components/notifications/notification-settings-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("notifications.settings");
  return { title: t("title") };
}

export default async function NotificationSettingsPage() {
  const user = await requirePageUser({ next: "/account/notifications" });
  const t = await getTranslations("notifications.settings");
  const settings = await notificationSettings(user);
  return (
    <>
      <PageHeader title={t("title")} description={t("intro", { email: user.email })} />
      <NotificationSettingsForm initial={settings} />
    </>
  );
}
