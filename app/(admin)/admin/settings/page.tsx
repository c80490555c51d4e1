import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { getApprovalSettings } from "@/lib/approvals/approval-settings";
import { Card, PageHeader } from "@/components/ui/layout";
import { ApprovalSettingsForm } from "@/components/approvals/approval-settings-form";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const admin = await requirePageUser({ admin: true, next: "/admin/settings" });
  const settings = await getApprovalSettings(admin);
  return (
    <>
      <PageHeader title="Settings" back={<Link href="/admin" className="text-slate-600 hover:underline">← Administration</Link>} description={`How customer approvals work at ${admin.organizationName}.`} />
      <Card title="Customer approval" className="max-w-2xl">
        <div className="p-5">
          <ApprovalSettingsForm initial={{ autoOrderOnApproval: settings.autoOrderOnApproval, approvalTtlHours: settings.approvalTtlHours }} />
        </div>
      </Card>
    </>
  );
}
