"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useRef, useState } from "react";
import type { NewProposalOptions } from "@/lib/contracts/new-proposal-options";
import type { DuplicateSource } from "@/lib/contracts/queries";
import { missingRequiredFields, productDataSchema } from "@/lib/products/product-data";
import { fieldErrorsOf } from "@/lib/clients/schema";
import { createProposalAction } from "@/app/(advisor)/proposals/actions";
import { Button, Spinner } from "@/components/ui/button";
import { Alert } from "@/components/ui/field";
import { Card } from "@/components/ui/layout";
import { ProductFields, productValuesFrom } from "@/components/contracts/product-fields";
import { useFieldMessages, useMsg } from "@/components/i18n/use-msg";

const STEPS = ["Client", "Product", "Details", "Review"] as const;

// `duplicate`: a draft copied from another contract ("try another product or provider"): the
// client and the data entered there are prefilled, the product is chosen again.
export function NewProposalWizard({ options, initialClientId, duplicate }: { options: NewProposalOptions; initialClientId?: string; duplicate?: DuplicateSource }) {
  const translate = useMsg();
  const translateFields = useFieldMessages();
  const router = useRouter();
  const [step, setStep] = useState(duplicate || initialClientId ? 1 : 0);
  const [clientId, setClientId] = useState(duplicate?.clientId ?? initialClientId ?? "");
  const [productId, setProductId] = useState("");
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
  const missing = product ? missingRequiredFields(product.fields, Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ""))) : [];
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
      return true;
    }
    const errors = translateFields(fieldErrorsOf(parsed.error));
    setFieldErrors(errors);
    const missingNow = missingRequiredFields(product.fields, Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== "")));
    // Only missing values (no wrong ones)? Then the advisor may send anyway: the provider will ask (110).
    const onlyMissing = Object.keys(errors).every((name) => missingNow.some((field) => field.name === name));
    if (onlyMissing && allowMissing) return true;
    return false;
  }

  async function submit() {
    if (!client || !product) return;
    setPending(true);
    setMessage(undefined);
    try {
      const result = await createProposalAction({ clientId: client.id, productId: product.id, data: product.id === duplicate?.productId || !duplicate ? values : onlyFieldsOf(product.fields, values), allowMissing: missing.length > 0, requestKey: requestKey.current, ...(duplicate ? { duplicatedFromId: duplicate.fromId } : {}) });
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
          setRejection({ text: (result.data.error ? translate(result.data.error) : null) ?? `${provider?.name ?? "The provider"} did not accept some details.`, draftId: result.data.contractId });
          setStep(2);
        } else {
          setMessage({ text: (result.data.error ? translate(result.data.error) : null) ?? "The provider did not take the request.", draftId: result.data.contractId });
        }
      }
    } catch {
      setMessage({ text: "We could not reach the server. Nothing is lost; try again." });
    }
    setPending(false);
  }

  return (
    <div className="space-y-6">
      {duplicate ? (
        <Alert tone="info">
          A new draft copied from{" "}
          <Link href={`/contracts/${duplicate.fromId}`} className="font-medium underline">
            {duplicate.label}
          </Link>
          : the client and the data entered there are filled in. Choose the product or provider to try.
        </Alert>
      ) : null}
      <nav aria-label="Steps">
        <ol className="grid grid-cols-4 gap-2 text-sm">
          {STEPS.map((label, index) => (
            <li key={label}>
              <button
                type="button"
                disabled={index > step}
                onClick={() => setStep(index)}
                aria-current={index === step ? "step" : undefined}
                className={`w-full border-t-4 pt-2 text-left ${index < step ? "border-brand-600 text-brand-700" : index === step ? "border-brand-600 font-semibold text-slate-900" : "border-slate-200 text-slate-400"}`}
              >
                <span className="block text-xs">Step {index + 1}</span>
                {label}
              </button>
            </li>
          ))}
        </ol>
      </nav>

      {step === 0 ? (
        <Card title="Who is the proposal for?">
          <div className="space-y-4 p-5">
            <label htmlFor="client-filter" className="sr-only">Find a client</label>
            <input id="client-filter" type="search" value={clientFilter} onChange={(e) => setClientFilter(e.target.value)} placeholder="Find a client by name, email or city" className="block w-full rounded-lg border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500" />
            <fieldset>
              <legend className="sr-only">Client</legend>
              <div className="max-h-96 divide-y divide-slate-100 overflow-y-auto rounded-lg ring-1 ring-slate-200">
                {visibleClients.map((c) => (
                  <label key={c.id} className={`flex cursor-pointer items-center gap-3 px-4 py-3 text-sm ${clientId === c.id ? "bg-brand-50" : "hover:bg-slate-50"}`}>
                    <input type="radio" name="client" value={c.id} checked={clientId === c.id} onChange={() => setClientId(c.id)} className="accent-brand-600" />
                    <span className="font-medium">{c.displayName}</span>
                    <span className="text-slate-500">{[c.email, c.city].filter(Boolean).join(" · ")}</span>
                    {c.kind === "PERSON" && !c.birthDate ? <span className="ml-auto text-xs text-amber-700">no date of birth</span> : null}
                  </label>
                ))}
                {visibleClients.length === 0 ? <p className="px-4 py-6 text-center text-sm text-slate-500">No client matches. <Link className="text-brand-700 underline" href="/clients/new">Capture a new client</Link></p> : null}
              </div>
            </fieldset>
            <div className="flex justify-end">
              <Button disabled={!client} onClick={() => setStep(1)}>Continue</Button>
            </div>
          </div>
        </Card>
      ) : null}

      {step === 1 ? (
        <Card title={`Which product for ${client?.displayName ?? "the client"}?`}>
          <div className="space-y-6 p-5">
            {options.providers.map((p) => (
              <fieldset key={p.id}>
                <legend className="mb-2 text-sm font-semibold text-slate-900">{p.name}</legend>
                <div className="grid gap-3 sm:grid-cols-2">
                  {p.products.map((item) => (
                    <label key={item.id} className={`flex cursor-pointer gap-3 rounded-lg p-4 text-sm ring-1 ${productId === item.id ? "bg-brand-50 ring-brand-500" : "ring-slate-200 hover:bg-slate-50"}`}>
                      <input type="radio" name="product" value={item.id} checked={productId === item.id} onChange={() => { setProductId(item.id); setValues(duplicate?.data ?? {}); setFieldErrors({}); }} className="mt-0.5 accent-brand-600" />
                      <span>
                        <span className="block font-medium">{item.name}</span>
                        <span className="block text-xs uppercase tracking-wide text-slate-500">{item.line}</span>
                        {item.description ? <span className="mt-1 block text-slate-600">{item.description}</span> : null}
                      </span>
                    </label>
                  ))}
                </div>
              </fieldset>
            ))}
            <div className="flex justify-between">
              <Button variant="ghost" onClick={() => setStep(0)}>Back</Button>
              <Button disabled={!product} onClick={() => setStep(2)}>Continue</Button>
            </div>
          </div>
        </Card>
      ) : null}

      {step === 2 && product ? (
        <Card title={`${product.name}: the details ${provider?.name} needs`}>
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
                {rejection.text} Correct the highlighted {Object.keys(fieldErrors).length === 1 ? "detail" : "details"} and send again.{" "}
                <Link href={`/contracts/${rejection.draftId}`} className="font-semibold underline">Open the refused draft</Link>
              </Alert>
            ) : Object.keys(fieldErrors).length > 0 ? (
              <Alert>
                {missing.length > 0 && Object.keys(fieldErrors).every((name) => missing.some((field) => field.name === name)) ? (
                  <>
                    {missing.length} required detail{missing.length === 1 ? " is" : "s are"} missing: {missing.map((field) => field.label).join(", ")}. Fill {missing.length === 1 ? "it" : "them"} in, or send without {missing.length === 1 ? "it" : "them"}: {provider?.name} will then ask for the missing data.
                    <label className="mt-2 flex items-center gap-2 font-medium">
                      <input type="checkbox" checked={allowMissing} onChange={(e) => setAllowMissing(e.target.checked)} className="accent-brand-600" />
                      Send without the missing details
                    </label>
                  </>
                ) : (
                  "Some details need your attention."
                )}
              </Alert>
            ) : null}
            <ProductFields key={product.id} fields={product.fields} initial={values} errors={fieldErrors} />
            <div className="flex justify-between">
              <Button type="button" variant="ghost" onClick={() => setStep(1)}>Back</Button>
              <Button type="submit">Review the request</Button>
            </div>
          </form>
        </Card>
      ) : null}

      {step === 3 && client && product ? (
        <Card title="Review and send">
          <div className="space-y-5 p-5">
            {message ? (
              <Alert>
                {message.text}
                {message.draftId ? (
                  <>
                    {" "}
                    <Link href={`/contracts/${message.draftId}`} className="font-semibold underline">Open the saved draft</Link>
                  </>
                ) : null}
              </Alert>
            ) : null}
            <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
              <div><dt className="text-slate-500">Client</dt><dd className="font-medium">{client.displayName}</dd></div>
              <div><dt className="text-slate-500">Product</dt><dd className="font-medium">{product.name} · {provider?.name}</dd></div>
              {product.fields.map((field) => (
                <div key={field.name}>
                  <dt className="text-slate-500">{field.label}</dt>
                  <dd className={values[field.name] ? "font-medium" : "text-amber-700"}>{values[field.name] === "true" ? "Yes" : values[field.name] === "false" ? "No" : values[field.name] || (field.required ? "Missing: the provider will ask" : "—")}</dd>
                </div>
              ))}
            </dl>
            <p className="text-xs text-slate-500">Sending asks {provider?.name} for a proposal (status 120). The proposal is saved first, so nothing is lost if the provider is not reachable.</p>
            <div className="flex justify-between">
              <Button variant="ghost" onClick={() => setStep(2)} disabled={pending}>Back</Button>
              <Button onClick={submit} disabled={pending}>
                {pending ? <Spinner /> : null} {pending ? `Sending to ${provider?.name}…` : "Request proposal"}
              </Button>
            </div>
          </div>
        </Card>
      ) : null}
    </div>
  );
}

/** Only the values the chosen product asks for (a copy from another product may carry others). */
function onlyFieldsOf(fields: Array<{ name: string }>, values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(fields.filter((field) => field.name in values).map((field) => [field.name, values[field.name]!]));
}
