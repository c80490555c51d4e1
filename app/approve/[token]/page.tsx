import type { Metadata } from "next";
import { connection } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { getCustomerApproval } from "@/lib/approvals/customer-approval";
import { formatterFor } from "@/lib/format";
import { appLocaleOr } from "@/lib/i18n/locales";
import { CustomerFrame } from "@/components/approvals/customer-frame";
import { LinkEndState } from "@/components/approvals/customer-states";
import { CustomerDecision } from "@/components/approvals/customer-decision";
import { ProposalChanges } from "@/components/contracts/proposal-changes";
import { customerProposalChanges } from "@/lib/contracts/proposal-diff";
import { customerConsentOptions } from "@/lib/consents/customer-consents";
import { CustomerConsents } from "@/components/approvals/customer-consents";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("customer.meta");
  return { title: t("review") };
}

// GET only reads: mail scanners open links, so nothing here writes (no "viewed" marker either).
// The language is the customer's (lib/i18n/request-locale.ts): their switch, else the client's, else the firm's.
export default async function ApprovePage({ params }: { params: Promise<{ token: string }> }) {
  await connection();
  const { token } = await params;
  const locale = appLocaleOr(await getLocale());
  const [t, view] = await Promise.all([getTranslations("customer.page"), getCustomerApproval(token, new Date(), locale)]);
  const f = formatterFor(locale);
  const path = `/approve/${token}`;
  const firmName = "firmName" in view ? view.firmName : undefined;
  if (view.status.state !== "open" || !("texts" in view)) {
    return (
      <CustomerFrame firmName={firmName} path={path}>
        <LinkEndState view={view} token={token} />
      </CustomerFrame>
    );
  }
  const documentUrl = `/approve/${token}/document`;
  const adviceUrl = `/approve/${token}/advice`;
  const [changed, consentOptions] = await Promise.all([customerProposalChanges(token, locale), customerConsentOptions(token, locale)]);
  return (
    <CustomerFrame firmName={view.firmName} path={path}>
      <div className="space-y-5">
        <section className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6">
          <p className="text-sm text-slate-600">{t("greeting", { name: view.clientName })}</p>
          <h1 className="mt-1 text-xl font-semibold tracking-tight text-slate-900 sm:text-2xl">{t("heading", { product: view.productName })}</h1>
          <p className="mt-2 text-sm leading-6 text-slate-600">
            {t.rich("intro", {
              advisor: view.advisorName,
              firm: view.firmName,
              until: view.expiresAt ? f.dateTime(view.expiresAt) : t("untilFurtherNotice"),
              strong: (chunks) => <span className="font-medium text-slate-800">{chunks}</span>,
            })}
          </p>
          <dl className="mt-5 grid gap-x-6 gap-y-3 border-t border-slate-100 pt-5 text-sm sm:grid-cols-2">
            {view.texts.summary.map((line) => (
              <div key={line.label} className="min-w-0">
                <dt className="text-xs font-medium uppercase tracking-wide text-slate-600">{line.label}</dt>
                <dd className="mt-0.5 break-words font-medium text-slate-900">{line.value}</dd>
              </div>
            ))}
          </dl>
        </section>

        {changed ? (
          <section aria-labelledby="changes-heading" className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-6">
            <h2 id="changes-heading" className="text-base font-semibold text-slate-900">
              {t("changesHeading", { version: String(changed.previousVersion) })}
            </h2>
            <p className="mb-3 mt-1 text-sm text-slate-600">{t("changesIntro")}</p>
            <ProposalChanges changes={changed.changes} from={changed.previousVersion} to={view.proposalVersion} />
          </section>
        ) : null}

        <section aria-labelledby="document-heading" className="overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-slate-200">
          <div className="flex flex-wrap items-center justify-between gap-3 px-5 py-4 sm:px-6">
            <h2 id="document-heading" className="text-base font-semibold text-slate-900">{t("documentHeading")}</h2>
            <a href={documentUrl} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-1.5 rounded-lg px-3 py-1.5 text-sm font-semibold text-brand-700 ring-1 ring-brand-100 hover:bg-brand-50">
              {t("openPdf")}
            </a>
          </div>
          {/* Phones rarely show a PDF inside a page: there the button above opens it full screen. */}
          <iframe title={t("iframeTitle", { version: String(view.proposalVersion) })} src={documentUrl} className="hidden h-[40rem] w-full border-t border-slate-100 sm:block" />
        </section>

        {view.advice ? (
          <section aria-labelledby="advice-heading" className="overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-slate-200" data-testid="customer-advice">
            <div className="flex flex-wrap items-center justify-between gap-3 px-5 py-4 sm:px-6">
              <div className="min-w-0">
                <h2 id="advice-heading" className="text-base font-semibold text-slate-900">
                  {t(view.advice.waived ? "adviceWaivedHeading" : "adviceHeading")}
                </h2>
                <p className="mt-1 text-sm text-slate-600">{view.advice.waived ? t("adviceWaivedIntro") : t("adviceIntro", { advisor: view.advisorName })}</p>
              </div>
              <a href={adviceUrl} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-1.5 rounded-lg px-3 py-1.5 text-sm font-semibold text-brand-700 ring-1 ring-brand-100 hover:bg-brand-50">
                {t("openAdvicePdf")}
              </a>
            </div>
            <iframe title={t("adviceIframeTitle", { version: String(view.advice.version) })} src={adviceUrl} className="hidden h-[32rem] w-full border-t border-slate-100 sm:block" />
          </section>
        ) : null}

        {consentOptions.length ? <CustomerConsents token={token} locale={view.locale} firmName={view.firmName} options={consentOptions} /> : null}

        <CustomerDecision token={token} digest={view.digest} locale={view.locale} statement={view.texts.statement} declineNotice={view.texts.declineNotice} clientName={view.clientName} />
      </div>
    </CustomerFrame>
  );
}
