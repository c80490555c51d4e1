import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { sharingConsentForWizard } from "@/lib/consents/consents";
import { appLocaleOr } from "@/lib/i18n/locales";
import { requirePageUser } from "@/lib/auth/session";
import { getNewProposalOptions } from "@/lib/contracts/new-proposal-options";
import { getDuplicateSource } from "@/lib/contracts/queries";
import { Card, EmptyState, PageHeader } from "@/components/ui/layout";
import { ButtonLink } from "@/components/ui/button";
import { NewProposalWizard } from "@/components/proposals/new-proposal-wizard";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("proposals.page");
  return { title: t("title") };
}

export default async function NewProposalPage({ searchParams }: { searchParams: Promise<{ client?: string; from?: string }> }) {
  const user = await requirePageUser({ next: "/proposals/new" });
  const { client, from } = await searchParams;
  const [options, duplicate] = await Promise.all([getNewProposalOptions(user), typeof from === "string" && from.length < 100 ? getDuplicateSource(user, from) : null]);
  const t = await getTranslations("proposals.page");
  const sharing = await sharingConsentForWizard(user, options.clients.map((c) => c.id), appLocaleOr(await getLocale()));
  const products = options.providers.reduce((count, provider) => count + provider.products.length, 0);
  return (
    <div className="max-w-4xl">
      <PageHeader title={t("title")} back={<Link href="/" className="text-slate-600 hover:underline">← {t("back")}</Link>} description={t("description")} />
      {options.clients.length === 0 ? (
        <Card>
          <EmptyState title={t("noClients.title")} action={<ButtonLink href="/clients/new">{t("noClients.action")}</ButtonLink>}>
            {t("noClients.text")}
          </EmptyState>
        </Card>
      ) : products === 0 ? (
        <Card>
          <EmptyState title={t("noProducts.title")}>
            {user.role === "ADMIN" ? (
              t.rich("noProducts.admin", {
                link: (chunks) => (
                  <Link className="text-brand-700 underline" href="/admin/providers">
                    {chunks}
                  </Link>
                ),
              })
            ) : (
              t("noProducts.advisor")
            )}
          </EmptyState>
        </Card>
      ) : (
        <NewProposalWizard
          options={options}
          sharing={sharing}
          initialClientId={options.clients.some((c) => c.id === client) ? client : undefined}
          duplicate={duplicate && options.clients.some((c) => c.id === duplicate.clientId) ? duplicate : undefined}
        />
      )}
    </div>
  );
}
