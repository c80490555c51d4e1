import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { getClientForPage } from "@/lib/clients/load-page-client";
import { isoDay } from "@/lib/format";
import { ClientForm } from "@/components/clients/client-form";
import { Card, PageHeader } from "@/components/ui/layout";
import { updateClientAction } from "../../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("clients");
  return { title: t("edit.metaTitle") };
}

export default async function EditClientPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser({ next: `/clients/${id}/edit` });
  const client = await getClientForPage(user, id);
  const save = updateClientAction.bind(null, client.id);
  const t = await getTranslations("clients.edit");
  return (
    <div className="max-w-3xl">
      <PageHeader title={t("title", { name: client.displayName })} back={<Link href={`/clients/${client.id}`} className="text-slate-600 hover:underline">← {client.displayName}</Link>} />
      <Card className="p-6">
        <ClientForm initial={{ ...client, birthDate: isoDay(client.birthDate) }} submitLabel={t("submit")} cancelHref={`/clients/${client.id}`} action={save} />
      </Card>
    </div>
  );
}
