import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { syncHealth } from "@/lib/sync/health";
import { getSyncSettings } from "@/lib/sync/sync-settings";
import { Card, PageHeader } from "@/components/ui/layout";
import { SyncHealth } from "@/components/sync-admin/sync-health";
import { SyncSettingsForm } from "@/components/sync-admin/sync-settings-form";

export const metadata: Metadata = { title: "Sync health" };

export default async function SyncHealthPage() {
  const admin = await requirePageUser({ admin: true, next: "/admin/sync" });
  const [health, settings] = await Promise.all([syncHealth(admin), getSyncSettings(admin)]);
  return (
    <>
      <PageHeader
        back={<Link href="/admin" className="text-slate-600 hover:underline">← Administration</Link>}
        title="Sync health"
        description={`Every record type of every provider: when it was last pulled, how far behind it is, and what went wrong. Administrators are alerted when a provider has not synced for ${env().SYNC_STALE_ALERT_MINUTES} minutes.`}
      />
      <div className="space-y-6">
        <SyncHealth initial={health} staleAfterMinutes={env().SYNC_STALE_ALERT_MINUTES} />
        <Card title="Contracts of unknown holders" className="max-w-3xl">
          <div className="p-5">
            <SyncSettingsForm initial={{ unknownHolderPolicy: settings.unknownHolderPolicy, defaultAdvisorId: settings.defaultAdvisorId }} advisors={settings.advisors} />
          </div>
        </Card>
      </div>
    </>
  );
}
