"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from "react";
import { useTranslations } from "next-intl";
import type { NewProposalOptions } from "@/lib/contracts/new-proposal-options";
import type { DuplicateSource } from "@/lib/contracts/queries";
import { missingRequiredFields, productDataSchema, productFieldErrorsOf } from "@/lib/products/product-data";
import { createProposalAction } from "@/app/(advisor)/proposals/actions";
import type { WizardSharingConsent } from "@/lib/consents/consents";
import { Button, Spinner } from "@/components/ui/button";
import { Alert } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import { useFormat } from "@/components/i18n/use-format";
import { ProductFields, productValuesFrom } from "@/components/contracts/product-fields";
import { useFieldMessages, useMsg } from "@/components/i18n/use-msg";

const STEPS = ["client", "product", "details", "review"] as const;
const LAST_STEP = STEPS.length - 1;

/** The step in the URL (?step=1 … 4, as people count), or null when there is none or it is not one. */
function stepOf(value: string | null): number | null {
  const number = Number(value);
  return value && Number.isInteger(number) && number >= 1 && number <= STEPS.length ? number - 1 : null;
}

// `duplicate`: a draft copied from another contract ("try another product or provider"): the
// client and the data entered there are prefilled, the product is chosen again.
export function NewProposalWizard({ options, sharing, initialClientId, duplicate }: { options: NewProposalOptions; sharing: WizardSharingConsent; initialClientId?: string; duplicate?: DuplicateSource }) {
  const t = useTranslations("proposals.wizard");
  const tc = useTranslations("consents.wizard");
  // The client's consent to share their data with the provider: asked here if missing, recorded when sent.
  const [sharingGiven, setSharingGiven] = useState(false);
  const [sharingError, setSharingError] = useState<string>();
  const translate = useMsg();
  const translateFields = useFieldMessages();
  const format = useFormat();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const productParam = searchParams.get("product") ?? "";
  const [clientId, setClientId] = useState(duplicate?.clientId ?? initialClientId ?? "");
  const [productId, setProductId] = useState(() => (options.providers.some((p) => p.products.some((item) => item.id === productParam)) ? productParam : ""));
  // The details were checked in this visit: only then may the review step show (after a reload the
  // form data is gone, so ?step=4 comes back to the details).
  const [detailsChecked, setDetailsChecked] = useState(false);
  const [clientFilter, setClientFilter] = useState("");
  const [values, setValues] = useState<Record<string, string>>(duplicate?.data ?? {});
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [allowMissing, setAllowMissing] = useState(false);
  const [message, setMessage] = useState<{ text: string; draftId?: string }>();
  // The provider refused some details: shown on the details step, at those fields.
  const [rejection, setRejection] = useState<{ text: string; draftId: string }>();
  const [pending, setPending] = useState(false);
  // One key per form: a double click or a retry finds the same draft instead of making a second one.
  const requestKey = useRef<string>(crypto.randomUUID());
  const detailsForm = useRef<HTMLFormElement>(null);

  const client = options.clients.find((c) => c.id === clientId);
  const provider = options.providers.find((p) => p.products.some((product) => product.id === productId));
  const product = provider?.products.find((p) => p.id === productId);

  // The step lives in the URL, so the browser's Back goes to the step before and a reload keeps it;
  // it is never further than what has been chosen (no client: step 1; no product: step 2).
  const requested = stepOf(searchParams.get("step")) ?? (duplicate || initialClientId ? 1 : 0);
  const reachable = !client ? 0 : !product ? 1 : detailsChecked ? LAST_STEP : 2;
  const step = Math.min(requested, reachable);
  function setStep(next: number, how: { replace?: boolean } = {}) {
    const params = new URLSearchParams(searchParams.toString());
    params.set("step", String(next + 1));
    const chosenClient = clientId;
    const chosenProduct = productId;
    if (chosenClient) params.set("client", chosenClient);
    else params.delete("client");
    if (chosenProduct) params.set("product", chosenProduct);
    else params.delete("product");
    const href = `${pathname}?${params.toString()}`;
    if (how.replace) router.replace(href, { scroll: false });
    else router.push(href, { scroll: false });
  }

  // Focus goes to the new step's heading at every step change (not on the first paint).
  const heading = useRef<HTMLHeadingElement>(null);
  const shownStep = useRef(step);
  useEffect(() => {
    if (shownStep.current === step) return;
    shownStep.current = step;
    heading.current?.focus();
  }, [step]);
  const missing = product ? missingRequiredFields(product.fields, Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ""))) : [];
  const reviewValue = (field: { required: boolean }, value: string | undefined) =>
    value === "true" ? t("review.yes") : value === "false" ? t("review.no") : value || (field.required ? t("review.missing") : "—");
  const visibleClients = useMemo(() => {
    const q = clientFilter.trim().toLowerCase();
    return q ? options.clients.filter((c) => `${c.displayName} ${c.email ?? ""} ${c.city ?? ""}`.toLowerCase().includes(q)) : options.clients;
  }, [clientFilter, options.clients]);

  function readDetails(): boolean {
    if (!product || !detailsForm.current) return false;
    const raw = productValuesFrom(detailsForm.current, product.fields);
    setValues(raw);
    const parsed = productDataSchema(product.fields).safeParse(raw);
    if (parsed.success) {
      setFieldErrors({});
      setAllowMissing(false);
      setDetailsChecked(true);
      return true;
    }
    const errors = translateFields(productFieldErrorsOf(parsed.error, product.fields));
    setFieldErrors(errors);
    const missingNow = missingRequiredFields(product.fields, Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== "")));
    // Only missing values (no wrong ones)? Then the advisor may send anyway: the provider will ask (110).
    const onlyMissing = Object.keys(errors).every((name) => missingNow.some((field) => field.name === name));
    if (onlyMissing && allowMissing) {
      setDetailsChecked(true);
      return true;
    }
    return false;
  }

  async function submit() {
    if (!client || !product) return;
    const needsSharing = !sharing.given.includes(client.id);
    if (needsSharing && !sharingGiven) {
      setSharingError(tc("needed"));
      document.getElementById("sharing-consent")?.focus();
      return;
    }
    setSharingError(undefined);
    setPending(true);
    setMessage(undefined);
    try {
      const result = await createProposalAction({ clientId: client.id, productId: product.id, data: product.id === duplicate?.productId || !duplicate ? values : onlyFieldsOf(product.fields, values), allowMissing: missing.length > 0, requestKey: requestKey.current, ...(duplicate ? { duplicatedFromId: duplicate.fromId } : {}), ...(needsSharing ? { providerSharingConsent: { given: true, locale: sharing.locale } } : {}) });
      if (!result.ok) {
        setFieldErrors(translateFields(result.fieldErrors));
        setMessage({ text: translate(result.error) });
      } else if (result.data.sent) {
        router.push(`/contracts/${result.data.contractId}`);
        return;
      } else {
        const providerErrors = result.data.fieldErrors ?? {};
        const atFields = Object.fromEntries(Object.entries(providerErrors).filter(([name]) => product.fields.some((field) => field.name === name)));
        if (Object.keys(atFields).length > 0) {
          // Back to the details, with the provider's words at each field it refused. The next send
          // is a new request (the refused draft is kept and stays reachable from the notice).
          requestKey.current = crypto.randomUUID();
          setFieldErrors(translateFields(atFields));
          setRejection({ text: result.data.error ? translate(result.data.error) : t("notAccepted", { provider: provider?.name ?? t("theProvider") }), draftId: result.data.contractId });
          setDetailsChecked(false);
          setStep(2);
        } else {
          setMessage({ text: result.data.error ? translate(result.data.error) : t("notTaken"), draftId: result.data.contractId });
        }
      }
    } catch {
      setMessage({ text: t("unreachable") });
    }
    setPending(false);
  }

  return (
    <div className="space-y-6">
      {duplicate ? (
        <Alert tone="info">
          {t.rich("duplicate", {
            label: duplicate.label,
            link: (chunks) => (
              <Link href={`/contracts/${duplicate.fromId}`} className="font-medium underline">
                {chunks}
              </Link>
            ),
          })}
        </Alert>
      ) : null}
      <nav aria-label={t("stepsLabel")}>
        <ol className="grid grid-cols-4 gap-2 text-sm">
          {STEPS.map((name, index) => (
            <li key={name}>
              <button
                type="button"
                disabled={index > step}
                onClick={() => setStep(index)}
                aria-current={index === step ? "step" : undefined}
                className={`w-full border-t-4 pt-2 text-left ${index < step ? "border-brand-600 text-brand-700" : index === step ? "border-brand-600 font-semibold text-slate-900" : "border-slate-200 text-slate-600"}`}
              >
                <span className="block text-xs">{t("step", { number: format.number(index + 1) ?? String(index + 1) })}</span>
                {t(`steps.${name}`)}
              </button>
            </li>
          ))}
        </ol>
      </nav>

      {step === 0 ? (
        <StepCard title={t("client.title")} heading={heading}>
          <div className="space-y-4 p-5">
            <label htmlFor="client-filter" className="sr-only">{t("client.find")}</label>
            <input id="client-filter" type="search" value={clientFilter} onChange={(e) => setClientFilter(e.target.value)} placeholder={t("client.placeholder")} className="block w-full rounded-lg border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-500 focus:ring-2 focus:ring-brand-500" />
            <fieldset>
              <legend className="sr-only">{t("client.legend")}</legend>
              <div className="max-h-96 divide-y divide-slate-100 overflow-y-auto rounded-lg ring-1 ring-slate-200">
                {visibleClients.map((c) => (
                  <label key={c.id} className={`flex cursor-pointer items-center gap-3 px-4 py-3 text-sm ${clientId === c.id ? "bg-brand-50" : "hover:bg-slate-50"}`}>
                    <input type="radio" name="client" value={c.id} checked={clientId === c.id} onChange={() => setClientId(c.id)} className="accent-brand-600" />
                    <span className="font-medium">{c.displayName}</span>
                    <span className="text-slate-600">{[c.email, c.city].filter(Boolean).join(" · ")}</span>
                    {c.kind === "PERSON" && !c.birthDate ? <span className="ml-auto text-xs text-amber-700">{t("client.noBirthDate")}</span> : null}
                  </label>
                ))}
                {visibleClients.length === 0 ? <p className="px-4 py-6 text-center text-sm text-slate-600">{t("client.noMatch")} <Link className="text-brand-700 underline" href="/clients/new">{t("client.capture")}</Link></p> : null}
              </div>
            </fieldset>
            <div className="flex justify-end">
              <Button disabled={!client} onClick={() => setStep(1)}>{t("continue")}</Button>
            </div>
          </div>
        </StepCard>
      ) : null}

      {step === 1 ? (
        <StepCard title={t("product.title", { client: client?.displayName ?? t("product.theClient") })} heading={heading}>
          <div className="space-y-6 p-5">
            {options.providers.map((p) => (
              <fieldset key={p.id}>
                <legend className="mb-2 text-sm font-semibold text-slate-900">{p.name}</legend>
                <div className="grid gap-3 sm:grid-cols-2">
                  {p.products.map((item) => (
                    <label key={item.id} className={`flex cursor-pointer gap-3 rounded-lg p-4 text-sm ring-1 ${productId === item.id ? "bg-brand-50 ring-brand-500" : "ring-slate-200 hover:bg-slate-50"}`}>
                      <input type="radio" name="product" value={item.id} checked={productId === item.id} onChange={() => { setProductId(item.id); setValues(duplicate?.data ?? {}); setFieldErrors({}); setDetailsChecked(false); }} className="mt-0.5 accent-brand-600" />
                      <span>
                        <span className="block font-medium">{item.name}</span>
                        <span className="block text-xs uppercase tracking-wide text-slate-600">{item.line}</span>
                        {item.description ? <span className="mt-1 block text-slate-600">{item.description}</span> : null}
                      </span>
                    </label>
                  ))}
                </div>
              </fieldset>
            ))}
            <div className="flex justify-between">
              <Button variant="ghost" onClick={() => setStep(0)}>{t("back")}</Button>
              <Button disabled={!product} onClick={() => setStep(2)}>{t("continue")}</Button>
            </div>
          </div>
        </StepCard>
      ) : null}

      {step === 2 && product ? (
        <StepCard title={t("details.title", { product: product.name, provider: provider?.name ?? "" })} heading={heading}>
          <form
            ref={detailsForm}
            noValidate
            className="space-y-5 p-5"
            onSubmit={(event) => {
              event.preventDefault();
              if (readDetails()) {
                setRejection(undefined);
                setMessage(undefined);
                setStep(3);
              }
            }}
          >
            {rejection ? (
              <Alert>
                {rejection.text} {t("details.correct", { count: Object.keys(fieldErrors).length })}{" "}
                <Link href={`/contracts/${rejection.draftId}`} className="font-semibold underline">{t("details.openRefused")}</Link>
              </Alert>
            ) : Object.keys(fieldErrors).length > 0 ? (
              <Alert>
                {missing.length > 0 && Object.keys(fieldErrors).every((name) => missing.some((field) => field.name === name)) ? (
                  <>
                    {t("details.missing", { count: missing.length, fields: missing.map((field) => field.label).join(", "), provider: provider?.name ?? "" })}
                    <label className="mt-2 flex items-center gap-2 font-medium">
                      <input type="checkbox" checked={allowMissing} onChange={(e) => setAllowMissing(e.target.checked)} className="accent-brand-600" />
                      {t("details.sendWithout")}
                    </label>
                  </>
                ) : (
                  t("details.needAttention")
                )}
              </Alert>
            ) : null}
            {product.fields.some((field) => field.required) ? <p className="text-xs text-slate-600">{t("details.requiredNote")}</p> : null}
            <ProductFields key={product.id} fields={product.fields} initial={values} errors={fieldErrors} />
            <div className="flex justify-between">
              <Button type="button" variant="ghost" onClick={() => setStep(1)}>{t("back")}</Button>
              <Button type="submit">{t("details.review")}</Button>
            </div>
          </form>
        </StepCard>
      ) : null}

      {step === 3 && client && product ? (
        <StepCard title={t("review.title")} heading={heading}>
          <div className="space-y-5 p-5">
            {message ? (
              <Alert>
                {message.text}
                {message.draftId ? (
                  <>
                    {" "}
                    <Link href={`/contracts/${message.draftId}`} className="font-semibold underline">{t("review.openDraft")}</Link>
                  </>
                ) : null}
              </Alert>
            ) : null}
            <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
              <div><dt className="text-slate-600">{t("review.client")}</dt><dd className="font-medium">{client.displayName}</dd></div>
              <div><dt className="text-slate-600">{t("review.product")}</dt><dd className="font-medium">{product.name} · {provider?.name}</dd></div>
              {product.fields.map((field) => (
                <div key={field.name}>
                  <dt className="text-slate-600">{field.label}</dt>
                  <dd className={values[field.name] ? "font-medium" : "text-amber-700"}>{reviewValue(field, values[field.name])}</dd>
                </div>
              ))}
            </dl>
            {sharing.given.includes(client.id) ? (
              <p className="text-sm text-slate-700" data-testid="sharing-consent-given">{tc("already")}</p>
            ) : (
              <fieldset className="rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200" data-testid="sharing-consent">
                <legend className="px-1 text-sm font-semibold text-slate-900">{tc("title")}</legend>
                <label className="flex items-start gap-3 text-sm text-slate-800">
                  <input
                    id="sharing-consent"
                    type="checkbox"
                    checked={sharingGiven}
                    onChange={(event) => {
                      setSharingGiven(event.target.checked);
                      if (event.target.checked) setSharingError(undefined);
                    }}
                    required
                    aria-invalid={Boolean(sharingError)}
                    aria-describedby={sharingError ? "sharing-consent-error" : undefined}
                    className="mt-0.5 h-4 w-4 shrink-0 accent-brand-600"
                  />
                  <span>
                    <span className="block font-medium">{tc("checkbox")}</span>
                    <span className="mt-1 block text-slate-700">{sharing.text}</span>
                  </span>
                </label>
                {sharingError ? (
                  <p id="sharing-consent-error" className="mt-2 text-sm text-red-700">
                    {sharingError}
                  </p>
                ) : null}
              </fieldset>
            )}
            <p className="text-xs text-slate-600">{t("review.explain", { provider: provider?.name ?? "" })}</p>
            <div className="flex justify-between">
              <Button variant="ghost" onClick={() => setStep(2)} disabled={pending}>{t("back")}</Button>
              <Button onClick={submit} disabled={pending}>
                {pending ? <Spinner /> : null} {pending ? t("review.sending", { provider: provider?.name ?? "" }) : t("review.submit")}
              </Button>
            </div>
          </div>
        </StepCard>
      ) : null}
    </div>
  );
}

/** A wizard step: its heading takes the focus when the step changes (tabIndex -1: focusable by script only). */
function StepCard({ title, heading, children }: { title: string; heading: RefObject<HTMLHeadingElement | null>; children: ReactNode }) {
  return (
    <Card>
      <header className="border-b border-slate-100 px-5 py-3.5">
        <h2 ref={heading} tabIndex={-1} className="text-sm font-semibold text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500">
          {title}
        </h2>
      </header>
      {children}
    </Card>
  );
}

/** Only the values the chosen product asks for (a copy from another product may carry others). */
function onlyFieldsOf(fields: Array<{ name: string }>, values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(fields.filter((field) => field.name in values).map((field) => [field.name, values[field.name]!]));
}
