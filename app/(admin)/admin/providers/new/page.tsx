import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { Card, PageHeader } from "@/components/ui/layout";
import { ProviderForm } from "@/components/provider-admin/provider-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("providers.new");
  return { title: t("title") };
}

export default async function NewProviderPage() {
  await requirePageUser({ admin: true, next: "/admin/providers/new" });
  const t = await getTranslations("providers.new");
  return (
    <>
      <PageHeader
        title={t("title")}
        back={<Link href="/admin/providers" className="text-slate-600 hover:underline">← {t("back")}</Link>}
        description={t("description")}
      />
      <Card className="max-w-2xl">
        <div className="p-5">
          <ProviderForm mode="create" />
        </div>
      </Card>
    </>
  );
}
