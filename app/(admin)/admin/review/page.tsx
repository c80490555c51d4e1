import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { listReviewItems } from "@/lib/sync/review-queue";
import { getSyncSettings } from "@/lib/sync/sync-settings";
import { PageHeader } from "@/components/ui/layout";
import { ReviewQueue } from "@/components/sync-admin/review-queue";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("sync.review.page");
  return { title: t("metaTitle") };
}

export default async function ReviewPage() {
  const admin = await requirePageUser({ admin: true, next: "/admin/review" });
  const [{ items, open }, settings, t, nav] = await Promise.all([listReviewItems(admin), getSyncSettings(admin), getTranslations("sync.review.page"), getTranslations("admin.nav")]);
  return (
    <>
      <PageHeader
        back={<Link href="/admin" className="text-slate-600 hover:underline">← {nav("administration")}</Link>}
        title={open > 0 ? t("titleOpen", { open }) : t("title")}
        description={t.rich("description", { link: (chunks) => <Link href="/admin/sync" className="text-brand-700 underline hover:no-underline">{chunks}</Link> })}
      />
      <ReviewQueue items={items} open={open} advisors={settings.advisors} defaultAdvisorId={settings.defaultAdvisorId} />
    </>
  );
}
