import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { getApprovalSettings } from "@/lib/approvals/approval-settings";
import { getDefaultLocale } from "@/lib/organizations/default-locale";
import { Card, PageHeader } from "@/components/ui/layout";
import { ApprovalSettingsForm } from "@/components/approvals/approval-settings-form";
import { DefaultLocaleForm } from "./default-locale-form";
import { RetentionSettings } from "@/components/privacy/retention-settings";
import { OfficeSettingsCard } from "@/components/office/office-settings";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.settings");
  return { title: t("title") };
}

export default async function SettingsPage() {
  const admin = await requirePageUser({ admin: true, next: "/admin/settings" });
  const [settings, defaultLocale, t, nav] = await Promise.all([getApprovalSettings(admin), getDefaultLocale(admin), getTranslations("admin.settings"), getTranslations("admin.nav")]);
  return (
    <>
      <PageHeader title={t("title")} back={<Link href="/admin" className="text-slate-600 hover:underline">← {nav("administration")}</Link>} description={t("description", { firm: admin.organizationName })} />
      <div className="max-w-2xl space-y-6">
        <Card title={t("approval.title")}>
          <div className="p-5">
            <ApprovalSettingsForm initial={{ autoOrderOnApproval: settings.autoOrderOnApproval, approvalTtlHours: settings.approvalTtlHours }} />
          </div>
        </Card>
        <OfficeSettingsCard organizationId={admin.organizationId} />
        <Card title={t("language.title")}>
          <div className="p-5">
            <DefaultLocaleForm initial={defaultLocale} />
          </div>
        </Card>
        <RetentionSettings admin={admin} />
      </div>
    </>
  );
}
