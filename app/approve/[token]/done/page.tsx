import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { getCustomerApproval } from "@/lib/approvals/customer-approval";
import { appLocaleOr } from "@/lib/i18n/locales";
import { CustomerFrame } from "@/components/approvals/customer-frame";
import { LinkEndState } from "@/components/approvals/customer-states";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("customer.meta");
  return { title: t("thanks") };
}

// Where the decision lands: thank-you (approved) or confirmation (declined). Read-only, like the link itself.
export default async function ApproveDonePage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const view = await getCustomerApproval(token, new Date(), appLocaleOr(await getLocale()));
  if (view.status.state === "open") redirect(`/approve/${token}`);
  return (
    <CustomerFrame firmName={"firmName" in view ? view.firmName : undefined} path={`/approve/${token}/done`}>
      <LinkEndState view={view} token={token} justDecided />
    </CustomerFrame>
  );
}
