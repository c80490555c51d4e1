"use client";

import Link from "next/link";
import { Fragment, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { queryKeys } from "@/components/live/query-keys";
import type { ContractView } from "@/lib/contracts/contract-view";
import { Button, ButtonLink } from "@/components/ui/button";
import { Alert } from "@/components/ui/field";
import { CompleteData, DuplicateLink, OrderButton, SendApprovalButton, SendDraft, WithdrawPanel } from "./contract-actions";
import { OfflineApprovalForm } from "./offline-approval";

// Statuses with their own sentence in contracts.nextStep.waiting.* and contracts.nextStep.ended.*.
const WAITING_ON_PROVIDER = new Set([120, 230, 240]);
const ENDED = new Set([320, 410, 420, 430]);

/**
 * The "Next step" card, chosen by the next step the engine stored with the contract: every state
 * offers a way on, or says plainly that nothing is left to do.
 */
export function NextStep({ view }: { view: ContractView }) {
  const t = useTranslations("contracts.nextStep");
  const [revising, setRevising] = useState(false);
  const { actions } = view;
  const link = (chunks: React.ReactNode, href: string, className = "font-medium text-brand-700 hover:underline") => (
    <Link href={href} className={className}>
      {chunks}
    </Link>
  );

  if (revising && actions.revise) {
    return (
      <div className="space-y-4">
        <p className="text-sm text-slate-700">
          {t("revise.intro", { provider: view.provider.name, version: view.proposalVersion })}
        </p>
        <CompleteData
          contractId={view.id}
          fields={view.productFields}
          data={view.data}
          note={null}
          missing={view.missing}
          submitLabel={t("revise.submit")}
          sentMessage={t("revise.sent")}
          onCancel={() => setRevising(false)}
        />
      </div>
    );
  }

  const reviseButton = actions.revise ? (
    <Button variant="secondary" onClick={() => setRevising(true)}>
      {t("revise.button")}
    </Button>
  ) : null;
  const withdraw = actions.withdraw ? <WithdrawPanel contractId={view.id} what={view.status.code === 130 ? t("withdrawWhat.version", { version: view.proposalVersion }) : t("withdrawWhat.this")} /> : null;
  const duplicate = actions.duplicate ? <DuplicateLink contractId={view.id} primary={view.nextStep === "try-another"} /> : null;
  const others = (...items: React.ReactNode[]) =>
    items.some(Boolean) ? (
      <div className="flex flex-wrap items-start gap-3 border-t border-slate-100 pt-4" aria-label={t("otherOptions")} role="group">
        {items.map((item, index) => (item ? <Fragment key={index}>{item}</Fragment> : null))}
      </div>
    ) : null;
  const offline = actions.recordOffline ? <OfflineToggle contractId={view.id} /> : null;
  const sendApproval = (label: string, variant: "primary" | "secondary" = "primary") =>
    actions.sendApproval && view.client.email ? <SendApprovalButton contractId={view.id} email={view.client.email} label={label} variant={variant} /> : null;
  const noEmail =
    view.status.code === 130 && !view.client.email && view.proposalDocument ? (
      <p className="text-sm text-amber-800">{t.rich("noEmail", { link: (chunks) => link(chunks, `/clients/${view.client.id}/edit`, "font-medium underline") })}</p>
    ) : null;
  const noDocument = view.status.code === 130 && !view.proposalDocument ? <p className="text-sm text-slate-600">{t("noDocument", { version: view.proposalVersion })}</p> : null;

  switch (view.nextStep) {
    case "send-proposal":
      return (
        <Step>
          <SendDraft contractId={view.id} providerName={view.provider.name} lastError={view.pendingWrite?.error} />
        </Step>
      );
    case "complete-data":
      return (
        <Step>
          <CompleteData contractId={view.id} fields={view.productFields} data={view.data} note={view.providerNote} missing={view.missing} />
          {others(withdraw)}
        </Step>
      );
    case "wait-provider":
      return (
        <Step>
          <p className="text-sm text-slate-700">
            {WAITING_ON_PROVIDER.has(view.status.code) ? t(`waiting.${view.status.code}`, { provider: view.provider.name }) : t("waiting.other", { provider: view.provider.name, status: view.status.label })}
          </p>
          {others(withdraw)}
        </Step>
      );
    case "record-advice":
      return (
        <Step>
          <p className="text-sm text-slate-700">{t("recordAdvice.text", { version: view.proposalVersion })}</p>
          {view.advice.versions[0]?.state === "draft" ? <p className="text-sm text-amber-800">{t("recordAdvice.draft", { version: view.advice.versions[0].version })}</p> : null}
          <div className="flex flex-wrap items-start gap-3">
            <ButtonLink href="#advice-needs">{t("recordAdvice.button")}</ButtonLink>
          </div>
          {others(reviseButton, withdraw)}
        </Step>
      );
    case "send-approval":
      return (
        <Step>
          <p className="text-sm text-slate-700">{t("sendApproval.text", { version: view.proposalVersion })}</p>
          {noDocument}
          {noEmail}
          <div className="flex flex-wrap items-start gap-3">{sendApproval(t("sendApproval.button", { email: view.client.email ?? "" }))}</div>
          {others(offline, reviseButton, withdraw)}
        </Step>
      );
    case "wait-customer":
      return (
        <Step>
          {view.link?.expired ? (
            <Alert tone="info">
              {t("waitCustomer.expired", { email: view.link.email, at: view.link.expiresLabel ?? "" })}
            </Alert>
          ) : (
            <p className="text-sm text-slate-700" role="status">
              {t.rich("waitCustomer.waiting", { email: view.link?.email ?? view.client.email ?? "", strong: (chunks) => <span className="font-medium">{chunks}</span> })}
              {view.link ? t("waitCustomer.sent", { at: view.link.sentLabel }) : null}
              {view.link?.expiresLabel ? t("waitCustomer.until", { at: view.link.expiresLabel }) : null}
              {t("waitCustomer.orderOnce")}
            </p>
          )}
          <div className="flex flex-wrap items-start gap-3">{sendApproval(t("sendAgain"), view.link?.expired ? "primary" : "secondary")}</div>
          <p className="text-xs text-slate-600">{t("waitCustomer.replaces")}</p>
          {others(offline, reviseButton, withdraw)}
        </Step>
      );
    case "order":
      return (
        <Step>
          <p className="text-sm text-slate-700">{t("order", { version: view.proposalVersion })}</p>
          <OrderButton contractId={view.id} proposalVersion={view.proposalVersion} />
          {others(reviseButton, withdraw)}
        </Step>
      );
    case "after-decline":
      return (
        <Step>
          <Alert tone="error">
            {view.decline ? t("declined.by", { name: view.decline.name, version: view.proposalVersion, at: view.decline.atLabel }) : t("declined.customer", { version: view.proposalVersion })}
            {view.decline?.reason ? t("declined.reason", { reason: view.decline.reason }) : "."}
          </Alert>
          <p className="text-sm text-slate-700">{t("declined.howToGoOn", { provider: view.provider.name })}</p>
          <div className="flex flex-wrap items-start gap-3">
            {actions.revise ? <Button onClick={() => setRevising(true)}>{t("revise.submit")}</Button> : null}
            {duplicate}
            {withdraw}
          </div>
        </Step>
      );
    case "resend-approval":
      return (
        <Step>
          <Alert tone="info">
            {view.link?.expiresLabel
              ? t("resend.expiredOn", { email: view.link.email, at: view.link.expiresLabel })
              : view.link?.email
                ? t("resend.expired", { email: view.link.email })
                : t("resend.expiredCustomer")}
          </Alert>
          {noEmail}
          <div className="flex flex-wrap items-start gap-3">{sendApproval(t("sendAgain"))}</div>
          {others(offline, reviseButton, withdraw)}
        </Step>
      );
    case "approval-voided":
      return (
        <Step>
          <Alert tone="info">
            {t("voided.text", { version: view.proposalVersion })}
          </Alert>
          {noDocument}
          {noEmail}
          <div className="flex flex-wrap items-start gap-3">{sendApproval(t("voided.button", { version: view.proposalVersion }))}</div>
          {others(offline, reviseButton, withdraw)}
        </Step>
      );
    case "try-another":
      return (
        <Step>
          <Alert tone="error">
            {view.providerNote ? t("tryAnother.declinedWith", { provider: view.provider.name, note: view.providerNote }) : t("tryAnother.declined", { provider: view.provider.name })}
          </Alert>
          <p className="text-sm text-slate-700">{t("tryAnother.text")}</p>
          <div className="flex flex-wrap gap-3">{duplicate}</div>
        </Step>
      );
    default:
      return (
        <Step>
          {view.successor ? (
            <p className="text-sm text-slate-700">{t.rich("done.copied", { label: view.successor.label, link: (chunks) => link(chunks, `/contracts/${view.successor!.id}`) })}</p>
          ) : (
            <p className="text-sm text-slate-700">
              {ENDED.has(view.status.code) ? t(`ended.${view.status.code}`) : t("ended.other", { status: view.status.label })}
              {view.status.code === 320 && view.contractNumber ? ` ${t("done.contractNumber", { number: view.contractNumber })}` : ""} {t("done.nothingLeft")}
              {view.policyDocuments.length ? ` ${t("done.policyBelow")}` : ""}
            </p>
          )}
          {view.policyDocuments.length ? (
            <ul className="flex flex-wrap gap-3 text-sm">
              {view.policyDocuments.map((document) => (
                <li key={document.id}>
                  <a className="font-medium text-brand-700 hover:underline" href={`/contracts/${view.id}/documents/${document.id}?download=1`}>
                    {t("done.download", { name: document.name })}
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
          {others(duplicate)}
        </Step>
      );
  }
}

function Step({ children }: { children: React.ReactNode }) {
  return <div className="space-y-4">{children}</div>;
}

function OfflineToggle({ contractId }: { contractId: string }) {
  const t = useTranslations("contracts.nextStep");
  const [open, setOpen] = useState(false);
  const queryClient = useQueryClient();
  const done = () => {
    setOpen(false);
    void queryClient.invalidateQueries({ queryKey: queryKeys.contract(contractId) });
  };
  return (
    <div className="w-full sm:w-auto">
      <Button variant="secondary" onClick={() => setOpen((value) => !value)} aria-expanded={open}>
        {t("recordOffline")}
      </Button>
      {open ? (
        <div className="mt-3">
          <OfflineApprovalForm contractId={contractId} onDone={done} />
        </div>
      ) : null}
    </div>
  );
}
