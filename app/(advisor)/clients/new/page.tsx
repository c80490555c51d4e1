import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { ClientForm } from "@/components/clients/client-form";
import { Card, PageHeader } from "@/components/ui/layout";
import { createClientAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("clients");
  return { title: t("new.title") };
}

export default async function NewClientPage() {
  await requirePageUser({ next: "/clients/new" });
  const t = await getTranslations("clients.new");
  return (
    <div className="max-w-3xl">
      <PageHeader title={t("title")} back={<Link href="/clients" className="text-slate-600 hover:underline">← {t("back")}</Link>} description={t("description")} />
      <Card className="p-6">
        <ClientForm submitLabel={t("submit")} cancelHref="/clients" action={createClientAction} />
      </Card>
    </div>
  );
}
