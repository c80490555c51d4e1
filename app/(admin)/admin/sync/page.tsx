import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { syncHealth } from "@/lib/sync/health";
import { getSyncSettings } from "@/lib/sync/sync-settings";
import { Card, PageHeader } from "@/components/ui/layout";
import { SyncHealth } from "@/components/sync-admin/sync-health";
import { SyncSettingsForm } from "@/components/sync-admin/sync-settings-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sync.page");
  return { title: t("title") };
}

export default async function SyncHealthPage() {
  const admin = await requirePageUser({ admin: true, next: "/admin/sync" });
  const [health, settings, t, nav] = await Promise.all([syncHealth(admin), getSyncSettings(admin), getTranslations("sync.page"), getTranslations("admin.nav")]);
  return (
    <>
      <PageHeader
        back={<Link href="/admin" className="text-slate-600 hover:underline">← {nav("administration")}</Link>}
        title={t("title")}
        description={t("description", { minutes: env().SYNC_STALE_ALERT_MINUTES })}
      />
      <div className="space-y-6">
        <SyncHealth initial={health} staleAfterMinutes={env().SYNC_STALE_ALERT_MINUTES} />
        <Card title={t("unknownHolders")} className="max-w-3xl">
          <div className="p-5">
            <SyncSettingsForm initial={{ unknownHolderPolicy: settings.unknownHolderPolicy, defaultAdvisorId: settings.defaultAdvisorId }} advisors={settings.advisors} />
          </div>
        </Card>
      </div>
    </>
  );
}
