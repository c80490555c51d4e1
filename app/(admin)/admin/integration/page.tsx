import type { Metadata } from "next";
import Link from "next/link";
import { requirePageUser } from "@/lib/auth/session";
import { listCallbackDeliveries, type DeliveryFilter } from "@/lib/callbacks/admin";
import { getLocale, getTranslations } from "next-intl/server";
import { formatterFor } from "@/lib/format";
import { readStoredText } from "@/lib/i18n/stored-text";
import { Badge, Card, EmptyState, PageHeader, TableHead } from "@/components/ui/layout";
import { RowActionButton } from "@/components/shell/row-action-button";
import { replayDeliveryAction, retryMailAction } from "./actions";
import { listUndeliveredMail } from "@/lib/mail/mail-admin";
import { MAX_MAIL_ATTEMPTS } from "@/lib/mail/mail-queue";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.integration");
  return { title: t("title") };
}

const OUTCOME_KEYS = { applied: 1, unchanged: 1, failing: 1, notApplied: 1, unknownContract: 1, missingAtProvider: 1, pending: 1 } as const;
type Tone = "slate" | "emerald" | "amber" | "red" | "brand";
const OUTCOMES: Record<string, { label: string; tone: Tone }> = {
  applied: { label: "applied", tone: "emerald" },
  unchanged: { label: "unchanged", tone: "slate" },
  failing: { label: "failing", tone: "red" },
  "not-applied": { label: "notApplied", tone: "amber" },
  "unknown-contract": { label: "unknownContract", tone: "amber" },
  "missing-at-provider": { label: "missingAtProvider", tone: "amber" },
  pending: { label: "pending", tone: "brand" },
};

export default async function IntegrationPage({ searchParams }: { searchParams: Promise<{ show?: string }> }) {
  const admin = await requirePageUser({ admin: true, next: "/admin/integration" });
  const filter: DeliveryFilter = (await searchParams).show === "all" ? "all" : "attention";
  const [{ items, counts }, mails, t, nav, locale] = await Promise.all([
    listCallbackDeliveries(admin, filter),
    listUndeliveredMail(admin),
    getTranslations("admin.integration"),
    getTranslations("admin.nav"),
    getLocale(),
  ]);
  const f = formatterFor(locale === "de" ? "de" : "en");
  const outcomeLabel = (label: string) => (label in OUTCOME_KEYS ? t(`outcomes.${label as keyof typeof OUTCOME_KEYS}`) : label);
  return (
    <>
      <PageHeader
        back={<Link href="/admin" className="text-slate-600 hover:underline">← {nav("administration")}</Link>}
        title={t("title")}
        description={t("description")}
      />
      <div className="mb-4 flex flex-wrap gap-2 text-sm">
        {Object.entries(OUTCOMES).map(([key, { label, tone }]) => (
          <Badge key={key} tone={tone}>
            {outcomeLabel(label)}: {f.number(counts[key] ?? 0)}
          </Badge>
        ))}
      </div>
      <nav aria-label={t("show")} className="mb-4 flex gap-4 text-sm">
        <Link href="/admin/integration" aria-current={filter === "attention" ? "page" : undefined} className={filter === "attention" ? "font-semibold text-brand-700" : "text-slate-600 hover:underline"}>
          {t("needsAttention")}
        </Link>
        <Link href="/admin/integration?show=all" aria-current={filter === "all" ? "page" : undefined} className={filter === "all" ? "font-semibold text-brand-700" : "text-slate-600 hover:underline"}>
          {t("all")}
        </Link>
      </nav>
      <Card>
        {items.length === 0 ? (
          <EmptyState title={filter === "attention" ? t("empty.attentionTitle") : t("empty.allTitle")}>
            {filter === "attention" ? t("empty.attentionText") : t("empty.allText")}
          </EmptyState>
        ) : (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("caption")}</caption>
            <TableHead columns={[t("columns.received"), t("columns.providerContract"), t("columns.outcome"), t("columns.detail")]} actions={t("columns.actions")} />
            <tbody className="divide-y divide-slate-100">
              {items.map((item) => {
                const outcome = OUTCOMES[item.outcome ?? "pending"] ?? { label: item.outcome ?? "", tone: "slate" as const };
                const lastError = readStoredText(item.lastError, locale);
                return (
                  <tr key={item.id} className="align-top">
                    <td className="whitespace-nowrap px-5 py-3 text-slate-600">{f.dateTime(item.receivedAt)}</td>
                    <td className="px-5 py-3">
                      <p>{item.provider?.name ?? t("unknownSender")}{item.verified ? <span className="ml-2"><Badge tone="emerald">{t("signed")}</Badge></span> : null}</p>
                      {item.contract ? <Link className="text-brand-700 hover:underline" href={`/contracts/${item.contract.id}`}>{item.contract.client.displayName}</Link> : <p className="text-slate-600">{t("noContract")}</p>}
                    </td>
                    <td className="px-5 py-3">
                      <Badge tone={outcome.tone}>{outcomeLabel(outcome.label)}</Badge>
                      <p className="mt-1 text-xs text-slate-600">{t("attempts", { count: item.attempts })}</p>
                    </td>
                    <td className="max-w-md px-5 py-3">
                      {lastError ? <p className="text-red-700">{lastError}</p> : null}
                      <code className="mt-1 block truncate text-xs text-slate-600" title={item.body}>{item.body}</code>
                    </td>
                    <td className="px-5 py-3 text-right">{item.contract && item.outcome !== "applied" && item.outcome !== "unchanged" ? <RowActionButton action={replayDeliveryAction.bind(null, item.id)} label={t("replay")} done={t("queuedAgain")} /> : null}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Card>

      <section aria-labelledby="undelivered-mail" className="mt-8">
        <h2 id="undelivered-mail" className="text-lg font-semibold text-slate-900">{t("mails.title")}</h2>
        <p className="mb-3 mt-1 max-w-3xl text-sm text-slate-600">{t("mails.description", { attempts: MAX_MAIL_ATTEMPTS })}</p>
        <Card>
          {mails.items.length === 0 ? (
            <EmptyState title={t("mails.emptyTitle")}>{t("mails.emptyText")}</EmptyState>
          ) : (
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t("mails.caption")}</caption>
              <TableHead columns={[t("mails.columns.created"), t("mails.columns.recipient"), t("mails.columns.state"), t("mails.columns.error")]} actions={t("columns.actions")} />
              <tbody className="divide-y divide-slate-100">
                {mails.items.map((mail) => (
                  <tr key={mail.id} data-mail-id={mail.id} className="align-top">
                    <td className="whitespace-nowrap px-5 py-3 text-slate-600">{f.dateTime(mail.createdAt)}</td>
                    <td className="px-5 py-3">
                      <p className="text-slate-900">{mail.to}</p>
                      <p className="text-slate-600">{mail.subject}</p>
                    </td>
                    <td className="px-5 py-3">
                      {mail.state === "FAILED" ? <Badge tone="red">{t("mails.failed")}</Badge> : <Badge tone="amber">{t("mails.retrying", { at: f.dateTime(mail.sendAfter) })}</Badge>}
                      <p className="mt-1 text-xs text-slate-600">{t("mails.attempts", { count: mail.attempts })}</p>
                    </td>
                    <td className="max-w-md px-5 py-3">{mail.lastError ? <p className="break-words text-red-700">{mail.lastError}</p> : null}</td>
                    <td className="px-5 py-3 text-right"><RowActionButton action={retryMailAction.bind(null, mail.id)} label={t("mails.retry")} accessibleName={t("mails.retryLabel", { to: mail.to })} done={t("mails.queuedAgain")} keepPage /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {mails.total > mails.items.length ? <p className="border-t border-slate-100 px-5 py-3 text-xs text-slate-600">{t("mails.more", { shown: mails.items.length, total: mails.total })}</p> : null}
        </Card>
      </section>
    </>
  );
}
