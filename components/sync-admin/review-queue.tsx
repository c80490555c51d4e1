"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import type { ReviewRow } from "@/lib/sync/review-queue";
import type { ReviewDecision } from "@/lib/sync/resolve-review-item";
import { formatDate, formatDateTime } from "@/lib/format";
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
  const [message, setMessage] = useState<Message>();
  return (
    <div className="space-y-4">
      <div aria-live="polite">{message ? <Alert tone={message.tone}>{message.text}</Alert> : null}</div>
      {items.length === 0 ? (
        <Card>
          <EmptyState title="Nothing to review">
            Every record the providers sent has found its place. Contracts of holders the firm does not know, and records that could not be applied, appear here.
          </EmptyState>
        </Card>
      ) : (
        <>
          {open > items.length ? <p className="text-sm text-slate-600">Showing the oldest {items.length} of {open} open items.</p> : null}
          <ul className="space-y-4" aria-label="Open review items">
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
          onDone({ tone: result.data.state === "OPEN" ? "error" : "success", text: `${title}: ${result.data.message}` });
          router.refresh();
        }
      } catch {
        setError("We could not reach the server. Nothing was changed; try again.");
      }
    });
  const can = (action: string) => item.actions.includes(action);

  return (
    <Card className="p-5">
      <article aria-labelledby={headingId} aria-busy={pending}>
        <div className="flex flex-wrap items-center gap-2">
          <h2 id={headingId} className="font-semibold text-slate-900">{title}</h2>
          <Badge tone={REASON_TONES[item.reason] ?? "slate"}>{item.reasonLabel}</Badge>
          <span className="text-xs text-slate-500">
            {item.providerName} · {item.recordType} <code>{item.remoteId}</code> · since {formatDateTime(item.createdAt)}
          </span>
        </div>
        <p className="mt-1 text-sm text-slate-700">{item.message}</p>

        <div className="mt-4 grid gap-4 md:grid-cols-2">
          <section aria-label="The provider's record">
            <h3 className="text-xs font-medium uppercase tracking-wide text-slate-500">The provider&apos;s record</h3>
            <dl className="mt-1 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
              {item.record.name ? <Row term="Name">{item.record.name}</Row> : null}
              {item.record.birthDate ? <Row term="Birth date">{formatDate(item.record.birthDate)}</Row> : null}
              {item.record.email ? <Row term="Email">{item.record.email}</Row> : null}
              {item.record.city ? <Row term="City">{item.record.city}</Row> : null}
              {item.record.status !== null ? <Row term="Status">{item.record.status}</Row> : null}
              {item.record.productId ? <Row term="Product">{item.record.productId}</Row> : null}
              {item.record.extra.map(([key, value]) => (
                <Row key={key} term={<code>{key}</code>}>{value}</Row>
              ))}
            </dl>
          </section>
          {can("match") ? (
            <section aria-label="Suggested client">
              <h3 className="text-xs font-medium uppercase tracking-wide text-slate-500">Suggested client</h3>
              {item.suggested ? (
                <p className="mt-1 text-sm text-slate-800">
                  {item.suggested.displayName}
                  {item.suggested.birthDate ? `, born ${formatDate(item.suggested.birthDate)}` : ""} (advisor {item.suggested.ownerName})
                </p>
              ) : (
                <p className="mt-1 text-sm text-slate-600">No client of the firm has this name. Find one below, or create the client.</p>
              )}
            </section>
          ) : null}
        </div>

        {error ? <div className="mt-3"><Alert tone="error">{error}</Alert></div> : null}

        <div className="mt-4 flex flex-wrap items-end gap-3 border-t border-slate-100 pt-4">
          {can("match") && item.suggested ? (
            <Button disabled={pending} onClick={() => decide({ action: "match", clientId: item.suggested!.id })}>
              {pending ? <Spinner /> : null} Match to {item.suggested.displayName}
            </Button>
          ) : null}
          {can("create") ? <CreateControl advisors={advisors} defaultAdvisorId={defaultAdvisorId} pending={pending} onCreate={(advisorId) => decide({ action: "create", advisorId })} /> : null}
          {can("retry") ? (
            <Button variant="secondary" disabled={pending} onClick={() => decide({ action: "retry" })}>
              {pending ? <Spinner /> : null} Retry
            </Button>
          ) : null}
          {can("ignore") ? (
            <Button variant="ghost" disabled={pending} onClick={() => decide({ action: "ignore" })}>
              Ignore
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
      <dt className="text-slate-500">{term}</dt>
      <dd className="break-all text-slate-900">{children}</dd>
    </>
  );
}

function CreateControl({ advisors, defaultAdvisorId, pending, onCreate }: { advisors: Advisor[]; defaultAdvisorId: string | null; pending: boolean; onCreate: (advisorId: string) => void }) {
  const id = useId();
  const [advisorId, setAdvisorId] = useState(defaultAdvisorId ?? advisors[0]?.id ?? "");
  return (
    <div className="flex items-end gap-2">
      <div>
        <label htmlFor={id} className="block text-xs font-medium text-slate-600">Create the client for</label>
        <select id={id} value={advisorId} onChange={(e) => setAdvisorId(e.target.value)} className="mt-1 block rounded-lg border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500">
          {advisors.map((advisor) => (
            <option key={advisor.id} value={advisor.id}>
              {advisor.name}
            </option>
          ))}
        </select>
      </div>
      <Button variant="secondary" disabled={pending || !advisorId} onClick={() => onCreate(advisorId)}>
        Create client
      </Button>
    </div>
  );
}

/** Another client to match: searched by name or email, a few at a time. */
function MatchSearch({ pending, onMatch }: { pending: boolean; onMatch: (clientId: string) => void }) {
  const translate = useMsg();
  const id = useId();
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<Array<{ id: string; label: string }> | null>(null);
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
        setError("We could not reach the server; try again.");
      }
    });
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer text-brand-700">Match to another client…</summary>
      <form
        className="mt-2 flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          search();
        }}
      >
        <div>
          <label htmlFor={id} className="block text-xs font-medium text-slate-600">Find a client by name or email</label>
          <input id={id} type="search" value={query} onChange={(e) => setQuery(e.target.value)} minLength={2} className="mt-1 block rounded-lg border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500" />
        </div>
        <Button type="submit" variant="secondary" disabled={searching || query.trim().length < 2}>
          {searching ? <Spinner /> : null} Search
        </Button>
      </form>
      {error ? <p role="alert" className="mt-1 text-red-700">{error}</p> : null}
      <div aria-live="polite">
        {results === null ? null : results.length === 0 ? (
          <p className="mt-2 text-slate-600">No client matches “{query}”.</p>
        ) : (
          <fieldset className="mt-2">
            <legend className="sr-only">Clients found</legend>
            <div className="space-y-1">
              {results.map((client) => (
                <label key={client.id} className="flex gap-2">
                  <input type="radio" name={`${id}-client`} value={client.id} checked={chosen === client.id} onChange={() => setChosen(client.id)} className="accent-brand-600" />
                  {client.label}
                </label>
              ))}
            </div>
            <Button className="mt-2" disabled={pending || !chosen} onClick={() => chosen && onMatch(chosen)}>
              Match to the chosen client
            </Button>
          </fieldset>
        )}
      </div>
    </details>
  );
}
