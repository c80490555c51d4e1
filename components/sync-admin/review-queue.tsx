"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import type { ReviewRow } from "@/lib/sync/review-queue";
import type { ReviewDecision } from "@/lib/sync/resolve-review-item";
import { useTranslations } from "next-intl";
import { storedMessagesOf } from "@/lib/i18n/stored-message";
import { useFormat } from "@/components/i18n/use-format";
import { resolveReviewItemAction, searchClientsAction } from "@/app/(admin)/admin/review/actions";
import { Button, Spinner } from "@/components/ui/button";
import { Alert } from "@/components/ui/field";
import { Badge, Card, EmptyState } from "@/components/ui/layout";
import { useMsg } from "@/components/i18n/use-msg";

type Advisor = { id: string; name: string; role: string };
type Message = { tone: "error" | "success"; text: string };

const REASON_TONES: Record<string, "amber" | "red" | "brand"> = { UNKNOWN_HOLDER: "amber", UNKNOWN_PRODUCT: "brand", APPLY_FAILED: "red" };

/** The open review items; a decision's outcome is announced at the top, as the item leaves the list. */
export function ReviewQueue({ items, open, advisors, defaultAdvisorId }: { items: ReviewRow[]; open: number; advisors: Advisor[]; defaultAdvisorId: string | null }) {
  const t = useTranslations("sync.review.queue");
  const [message, setMessage] = useState<Message>();
  return (
    <div className="space-y-4">
      <div aria-live="polite">{message ? <Alert tone={message.tone}>{message.text}</Alert> : null}</div>
      {items.length === 0 ? (
        <Card>
          <EmptyState title={t("emptyTitle")}>
            {t("emptyText")}
          </EmptyState>
        </Card>
      ) : (
        <>
          {open > items.length ? <p className="text-sm text-slate-600">{t("showingOldest", { shown: items.length, open })}</p> : null}
          <ul className="space-y-4" aria-label={t("openItems")}>
            {items.map((item) => (
              <li key={item.id}>
                <ReviewItem item={item} advisors={advisors} defaultAdvisorId={defaultAdvisorId} onDone={setMessage} />
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function ReviewItem({ item, advisors, defaultAdvisorId, onDone }: { item: ReviewRow; advisors: Advisor[]; defaultAdvisorId: string | null; onDone: (message: Message) => void }) {
  const t = useTranslations("sync.review.queue");
  const f = useFormat();
  const translate = useMsg();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string>();
  const headingId = useId();
  const title = item.record.name ?? item.remoteId;
  const decide = (decision: ReviewDecision) =>
    start(async () => {
      setError(undefined);
      try {
        const result = await resolveReviewItemAction(item.id, decision);
        if (!result.ok) setError(translate(result.error));
        else {
          onDone({ tone: result.data.state === "OPEN" ? "error" : "success", text: `${title}: ${result.data.messages.map(translate).join(" ")}` });
          router.refresh();
        }
      } catch {
        setError(translate("common.errors.unreachable"));
      }
    });
  const can = (action: string) => item.actions.includes(action);

  return (
    <Card className="p-5">
      <article aria-labelledby={headingId} aria-busy={pending}>
        <div className="flex flex-wrap items-center gap-2">
          <h2 id={headingId} className="font-semibold text-slate-900">{title}</h2>
          <Badge tone={REASON_TONES[item.reason] ?? "slate"}>{item.reason in REASON_TONES ? t(`reasons.${item.reason as keyof typeof REASON_TONES & string}`) : item.reasonLabel}</Badge>
          <span className="text-xs text-slate-600">
            {item.providerName} · {item.recordType} <code>{item.remoteId}</code> · {t("since", { at: f.dateTime(item.createdAt) })}
          </span>
        </div>
        <p className="mt-1 text-sm text-slate-700">{storedMessagesOf(item.message).map(translate).join(" ")}</p>

        <div className="mt-4 grid gap-4 md:grid-cols-2">
          <section aria-label={t("providerRecord")}>
            <h3 className="text-xs font-medium uppercase tracking-wide text-slate-600">{t("providerRecord")}</h3>
            <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
              {item.record.name ? <Row term={t("fields.name")}>{item.record.name}</Row> : null}
              {item.record.birthDate ? <Row term={t("fields.birthDate")}>{f.date(item.record.birthDate)}</Row> : null}
              {item.record.email ? <Row term={t("fields.email")}>{item.record.email}</Row> : null}
              {item.record.city ? <Row term={t("fields.city")}>{item.record.city}</Row> : null}
              {item.record.status !== null ? <Row term={t("fields.status")}>{item.record.status}</Row> : null}
              {item.record.productId ? <Row term={t("fields.product")}>{item.record.productId}</Row> : null}
              {item.record.extra.map(([key, value]) => (
                <Row key={key} term={<code>{key}</code>}>{value}</Row>
              ))}
            </dl>
          </section>
          {can("match") ? (
            <section aria-label={t("suggested")}>
              <h3 className="text-xs font-medium uppercase tracking-wide text-slate-600">{t("suggested")}</h3>
              {item.suggested ? (
                <p className="mt-1 text-sm text-slate-800">
                  {item.suggested.displayName}
                  {item.suggested.birthDate ? `, ${t("born", { date: f.date(item.suggested.birthDate) })}` : ""} ({t("advisor", { name: item.suggested.ownerName })})
                </p>
              ) : (
                <p className="mt-1 text-sm text-slate-600">{t("noSuggestion")}</p>
              )}
            </section>
          ) : null}
        </div>

        {error ? <div className="mt-3"><Alert tone="error">{error}</Alert></div> : null}

        <div className="mt-4 flex flex-wrap items-end gap-3 border-t border-slate-100 pt-4">
          {can("match") && item.suggested ? (
            <Button disabled={pending} onClick={() => decide({ action: "match", clientId: item.suggested!.id })}>
              {pending ? <Spinner /> : null} {t("matchTo", { name: item.suggested.displayName })}
            </Button>
          ) : null}
          {can("create") ? <CreateControl advisors={advisors} defaultAdvisorId={defaultAdvisorId} pending={pending} onCreate={(advisorId) => decide({ action: "create", advisorId })} /> : null}
          {can("retry") ? (
            <Button variant="secondary" disabled={pending} onClick={() => decide({ action: "retry" })}>
              {pending ? <Spinner /> : null} {t("retry")}
            </Button>
          ) : null}
          {can("ignore") ? (
            <Button variant="ghost" disabled={pending} onClick={() => decide({ action: "ignore" })}>
              {t("ignore")}
            </Button>
          ) : null}
        </div>
        {can("match") ? <MatchSearch pending={pending} onMatch={(clientId) => decide({ action: "match", clientId })} /> : null}
      </article>
    </Card>
  );
}

function Row({ term, children }: { term: React.ReactNode; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-slate-600">{term}</dt>
      <dd className="break-all text-slate-900">{children}</dd>
    </>
  );
}

function CreateControl({ advisors, defaultAdvisorId, pending, onCreate }: { advisors: Advisor[]; defaultAdvisorId: string | null; pending: boolean; onCreate: (advisorId: string) => void }) {
  const t = useTranslations("sync.review.queue");
  const id = useId();
  const [advisorId, setAdvisorId] = useState(defaultAdvisorId ?? advisors[0]?.id ?? "");
  return (
    <div className="flex items-end gap-2">
      <div>
        <label htmlFor={id} className="block text-xs font-medium text-slate-600">{t("createFor")}</label>
        <select id={id} value={advisorId} onChange={(e) => setAdvisorId(e.target.value)} className="mt-1 block rounded-lg border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500">
          {advisors.map((advisor) => (
            <option key={advisor.id} value={advisor.id}>
              {advisor.name}
            </option>
          ))}
        </select>
      </div>
      <Button variant="secondary" disabled={pending || !advisorId} onClick={() => onCreate(advisorId)}>
        {t("create")}
      </Button>
    </div>
  );
}

/** Another client to match: searched by name or email, a few at a time. */
function MatchSearch({ pending, onMatch }: { pending: boolean; onMatch: (clientId: string) => void }) {
  const t = useTranslations("sync.review.queue");
  const f = useFormat();
  const translate = useMsg();
  const id = useId();
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<Array<{ id: string; name: string; birthDate: string | null; advisor: string }> | null>(null);
  const [chosen, setChosen] = useState<string>();
  const [error, setError] = useState<string>();
  const [searching, startSearch] = useTransition();
  const search = () =>
    startSearch(async () => {
      setError(undefined);
      try {
        const result = await searchClientsAction(query);
        if (!result.ok) setError(translate(result.error));
        else {
          setResults(result.data);
          setChosen(result.data[0]?.id);
        }
      } catch {
        setError(translate("common.errors.unreachable"));
      }
    });
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer text-brand-700">{t("matchOther")}</summary>
      <form
        className="mt-2 flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          search();
        }}
      >
        <div>
          <label htmlFor={id} className="block text-xs font-medium text-slate-600">{t("find")}</label>
          <input id={id} type="search" value={query} onChange={(e) => setQuery(e.target.value)} minLength={2} className="mt-1 block rounded-lg border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500" />
        </div>
        <Button type="submit" variant="secondary" disabled={searching || query.trim().length < 2}>
          {searching ? <Spinner /> : null} {t("search")}
        </Button>
      </form>
      {error ? <p role="alert" className="mt-1 text-red-700">{error}</p> : null}
      <div aria-live="polite">
        {results === null ? null : results.length === 0 ? (
          <p className="mt-2 text-slate-600">{t("noMatch", { query })}</p>
        ) : (
          <fieldset className="mt-2">
            <legend className="sr-only">{t("found")}</legend>
            <div className="space-y-1">
              {results.map((client) => (
                <label key={client.id} className="flex gap-2">
                  <input type="radio" name={`${id}-client`} value={client.id} checked={chosen === client.id} onChange={() => setChosen(client.id)} className="accent-brand-600" />
                  {client.birthDate ? t("resultBorn", { name: client.name, date: f.date(client.birthDate), advisor: client.advisor }) : t("result", { name: client.name, advisor: client.advisor })}
                </label>
              ))}
            </div>
            <Button className="mt-2" disabled={pending || !chosen} onClick={() => chosen && onMatch(chosen)}>
              {t("matchChosen")}
            </Button>
          </fieldset>
        )}
      </div>
    </details>
  );
}
