import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requirePageUser } from "@/lib/auth/session";
import { getContractView } from "@/lib/contracts/contract-view";
import { appLocaleOr } from "@/lib/i18n/locales";
import { AppError } from "@/lib/errors";
import { ContractScreen } from "@/components/contracts/contract-screen";
import { DossierCard } from "@/components/dossier/dossier-card";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("contracts");
  return { title: t("metaTitle") };
}

// The first paint from the server; afterwards the browser keeps the same snapshot current
// through one query (GET /contracts/<id>/view) instead of re-rendering this page.
export default async function ContractPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser({ next: `/contracts/${id}` });
  const view = await getContractView(user, id, appLocaleOr(await getLocale())).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  return <><ContractScreen key={view.id} initial={view} /><DossierCard viewer={user} contractId={view.id} /></>;
}
