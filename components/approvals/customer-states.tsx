import { getLocale, getTranslations } from "next-intl/server";
import type { CustomerApproval } from "@/lib/approvals/customer-approval";
import { formatterFor } from "@/lib/format";
import { appLocaleOr } from "@/lib/i18n/locales";
import { EndState } from "./customer-frame";

const receiptLink = (token: string, label: string) => (
  <a href={`/approve/${token}/receipt`} className="inline-flex items-center justify-center gap-2 rounded-lg bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700">
    {label}
  </a>
);

/** Every state of a link other than "open", each with its own clear page. */
export async function LinkEndState({ view, token, justDecided = false }: { view: CustomerApproval; token: string; justDecided?: boolean }) {
  const [t, locale] = await Promise.all([getTranslations("customer.states"), getLocale()]);
  const f = formatterFor(appLocaleOr(locale));
  const { status } = view;
  if (status.state === "unknown" || !("firmName" in view)) {
    return (
      <EndState tone="neutral" title={t("unknown.title")}>
        <p>{t("unknown.body")}</p>
      </EndState>
    );
  }
  const values = { version: String(view.proposalVersion), product: view.productName, advisor: view.advisorName, firm: view.firmName, name: view.decidedName ?? view.clientName, decided: view.decidedAt ? f.dateTime(view.decidedAt) : "" };
  const receipt = receiptLink(token, t("receipt"));
  switch (status.state) {
    case "approved":
      return justDecided ? (
        <EndState tone="success" title={t("approvedNow.title")} actions={receipt}>
          <p>{t("approvedNow.body", values)}</p>
          <p>{t("approvedNow.next", values)}</p>
        </EndState>
      ) : (
        <EndState tone="neutral" title={t("used.title")} actions={receipt}>
          <p>{t("used.approved", values)}</p>
          <p>{t("used.questions", values)}</p>
        </EndState>
      );
    case "declined":
      return justDecided ? (
        <EndState tone="success" title={t("declinedNow.title")} actions={receipt}>
          <p>{t("declinedNow.body", values)}</p>
          <p>{t("declinedNow.next", values)}</p>
        </EndState>
      ) : (
        <EndState tone="neutral" title={t("used.title")} actions={receipt}>
          <p>{t("used.declined", values)}</p>
          <p>{t("used.changedMind", values)}</p>
        </EndState>
      );
    case "expired":
      return (
        <EndState tone="warning" title={t("expired.title")}>
          <p>{t("expired.body", { until: f.dateTime(status.expiredAt) })}</p>
          <p>{t("expired.next", values)}</p>
        </EndState>
      );
    case "replaced":
      return (
        <EndState tone="warning" title={t("replaced.title")}>
          <p>{t(view.decidedAt ? "replaced.bodyDecided" : "replaced.body", { ...values, current: String(status.currentVersion) })}</p>
          <p>{t("replaced.next", values)}</p>
        </EndState>
      );
    case "withdrawn":
      return (
        <EndState tone="neutral" title={status.why === "newer-link" ? t("newerLink.title") : status.why === "advice-changed" ? t("adviceChanged.title") : t("withdrawn.title")}>
          {status.why === "newer-link" ? <p>{t("newerLink.body", values)}</p> : status.why === "advice-changed" ? <p>{t("adviceChanged.body", values)}</p> : <p>{t("withdrawn.body", values)}</p>}
        </EndState>
      );
    case "open":
      return null;
  }
}
