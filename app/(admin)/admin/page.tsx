import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { Card, PageHeader } from "@/components/ui/layout";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.home");
  return { title: t("metaTitle") };
}

const SECTIONS = [
  { href: "/admin/integration", key: "integration" },
  { href: "/admin/users", key: "users" },
  { href: "/admin/settings", key: "settings" },
  { href: "/admin/api-clients", key: "api" },
  { href: "/admin/providers", key: "providers" },
  { href: "/admin/sync", key: "sync" },
  { href: "/admin/review", key: "review" },
] as const;

export default async function AdminPage() {
  const user = await requirePageUser({ admin: true, next: "/admin" });
  const t = await getTranslations("admin.home");
  return (
    <>
      <PageHeader title={t("title")} description={t("description", { firm: user.organizationName })} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {SECTIONS.map((section) => (
          <Link key={section.href} href={section.href} className="group">
            <Card className="h-full p-5 transition group-hover:ring-brand-500">
              <h2 className="font-semibold text-slate-900">{t(`sections.${section.key}.title`)}</h2>
              <p className="mt-1 text-sm text-slate-600">{t(`sections.${section.key}.text`)}</p>
            </Card>
          </Link>
        ))}
      </div>
    </>
  );
}
