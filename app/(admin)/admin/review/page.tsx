import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { listReviewItems } from "@/lib/sync/review-queue";
import { getSyncSettings } from "@/lib/sync/sync-settings";
import { PageHeader } from "@/components/ui/layout";
import { ReviewQueue } from "@/components/sync-admin/review-queue";

export const metadata: Metadata = { title: "Review queue" };

export default async function ReviewPage() {
  const admin = await requirePageUser({ admin: true, next: "/admin/review" });
  const [{ items, open }, settings] = await Promise.all([listReviewItems(admin), getSyncSettings(admin)]);
  return (
    <>
      <PageHeader
        back={<Link href="/admin" className="text-slate-600 hover:underline">← Administration</Link>}
        title={`Review queue${open > 0 ? ` (${open})` : ""}`}
        description={
          <>
            Provider records the portal could not place by itself. Matching or creating a client brings in all of that holder&apos;s contracts, in the advisor&apos;s pipeline. What happens to new unknown holders is set on{" "}
            <Link href="/admin/sync" className="text-brand-700 hover:underline">Sync health</Link>.
          </>
        }
      />
      <ReviewQueue items={items} open={open} advisors={settings.advisors} defaultAdvisorId={settings.defaultAdvisorId} />
    </>
  );
}
