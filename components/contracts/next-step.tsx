"use client";

import Link from "next/link";
import { Fragment, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/components/live/query-keys";
import type { ContractView } from "@/lib/contracts/contract-view";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/field";
import { CompleteData, DuplicateLink, OrderButton, SendApprovalButton, SendDraft, WithdrawPanel } from "./contract-actions";
import { OfflineApprovalForm } from "./offline-approval";

const WAITING_ON_PROVIDER: Record<number, string> = {
  120: "is preparing the proposal. This page updates by itself when it arrives.",
  230: "is reviewing the order. The policy appears here when the contract is active.",
  240: "is reviewing the order. The policy appears here when the contract is active.",
};

const ENDED: Record<number, string> = {
  320: "The contract is active.",
  410: "The contract has been terminated.",
  420: "The provider declined this proposal.",
  430: "This proposal was withdrawn.",
};

/**
 * The "Next step" card, chosen by the next step the engine stored with the contract: every state
 * offers a way on, or says plainly that nothing is left to do.
 */
export function NextStep({ view }: { view: ContractView }) {
  const [revising, setRevising] = useState(false);
  const { actions } = view;

  if (revising && actions.revise) {
    return (
      <div className="space-y-4">
        <p className="text-sm text-slate-700">
          Change what needs changing and ask {view.provider.name} for a revised proposal. The new version replaces version {view.proposalVersion}; any approval or open link for it stops counting.
        </p>
        <CompleteData
          contractId={view.id}
          fields={view.productFields}
          data={view.data}
          note={null}
          missing={view.missing}
          submitLabel="Request a revised proposal"
          sentMessage="Sent. The provider is preparing the revised proposal."
          onCancel={() => setRevising(false)}
        />
      </div>
    );
  }

  const reviseButton = actions.revise ? (
    <Button variant="secondary" onClick={() => setRevising(true)}>
      Change data and request a revised proposal
    </Button>
  ) : null;
  const withdraw = actions.withdraw ? <WithdrawPanel contractId={view.id} what={view.status.code === 130 ? `proposal v${view.proposalVersion}` : "this proposal"} /> : null;
  const duplicate = actions.duplicate ? <DuplicateLink contractId={view.id} primary={view.nextStep === "try-another"} /> : null;
  const others = (...items: React.ReactNode[]) =>
    items.some(Boolean) ? (
      <div className="flex flex-wrap items-start gap-3 border-t border-slate-100 pt-4" aria-label="Other options" role="group">
        {items.map((item, index) => (item ? <Fragment key={index}>{item}</Fragment> : null))}
      </div>
    ) : null;
  const offline = actions.recordOffline ? <OfflineToggle contractId={view.id} /> : null;
  const sendApproval = (label: string, variant: "primary" | "secondary" = "primary") =>
    actions.sendApproval && view.client.email ? <SendApprovalButton contractId={view.id} email={view.client.email} label={label} variant={variant} /> : null;
  const noEmail =
    view.status.code === 130 && !view.client.email && view.proposalDocument ? (
      <p className="text-sm text-amber-800">
        This client has no email address, so no approval link can be sent.{" "}
        <Link href={`/clients/${view.client.id}/edit`} className="font-medium underline">
          Add one
        </Link>{" "}
        or record an approval given outside the portal.
      </p>
    ) : null;
  const noDocument = view.status.code === 130 && !view.proposalDocument ? <p className="text-sm text-slate-600">The proposal document of version {view.proposalVersion} has not arrived yet; it appears here by itself.</p> : null;

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
            {view.provider.name} {WAITING_ON_PROVIDER[view.status.code] ?? `is working on it (status “${view.status.label}”). This page updates by itself.`}
          </p>
          {others(withdraw)}
        </Step>
      );
    case "send-approval":
      return (
        <Step>
          <p className="text-sm text-slate-700">Proposal version {view.proposalVersion} is here. Send it to the customer to read and approve; you can order once they have.</p>
          {noDocument}
          {noEmail}
          <div className="flex flex-wrap items-start gap-3">{sendApproval(`Send approval request to ${view.client.email}`)}</div>
          {others(offline, reviseButton, withdraw)}
        </Step>
      );
    case "wait-customer":
      return (
        <Step>
          {view.link?.expired ? (
            <Alert tone="info">
              The approval link sent to {view.link.email} expired on {view.link.expiresLabel} without an answer. Send a new one.
            </Alert>
          ) : (
            <p className="text-sm text-slate-700" role="status">
              Waiting for the customer: approval requested from <span className="font-medium">{view.link?.email ?? view.client.email}</span>
              {view.link ? (
                <>
                  , sent {view.link.sentLabel}
                  {view.link.expiresLabel ? `, link works until ${view.link.expiresLabel}` : ""}
                </>
              ) : null}
              . You can order once they approve.
            </p>
          )}
          <div className="flex flex-wrap items-start gap-3">{sendApproval("Send again", view.link?.expired ? "primary" : "secondary")}</div>
          <p className="text-xs text-slate-500">A new link replaces the one already sent; the old one stops working.</p>
          {others(offline, reviseButton, withdraw)}
        </Step>
      );
    case "order":
      return (
        <Step>
          <p className="text-sm text-slate-700">The customer approved proposal version {view.proposalVersion}. Order it now.</p>
          <OrderButton contractId={view.id} proposalVersion={view.proposalVersion} />
          {others(reviseButton, withdraw)}
        </Step>
      );
    case "after-decline":
      return (
        <Step>
          <Alert tone="error">
            {view.decline ? `${view.decline.name} declined proposal version ${view.proposalVersion} on ${view.decline.atLabel}` : `The customer declined proposal version ${view.proposalVersion}`}
            {view.decline?.reason ? `: “${view.decline.reason}”` : "."}
          </Alert>
          <p className="text-sm text-slate-700">How to go on: ask {view.provider.name} for a revised proposal with changed data, try another product or provider in a new draft, or withdraw it.</p>
          <div className="flex flex-wrap items-start gap-3">
            {actions.revise ? <Button onClick={() => setRevising(true)}>Request a revised proposal</Button> : null}
            {duplicate}
            {withdraw}
          </div>
        </Step>
      );
    case "resend-approval":
      return (
        <Step>
          <Alert tone="info">
            The approval link sent to {view.link?.email ?? "the customer"}
            {view.link?.expiresLabel ? ` expired on ${view.link.expiresLabel}` : " expired"} without an answer.
          </Alert>
          {noEmail}
          <div className="flex flex-wrap items-start gap-3">{sendApproval("Send again")}</div>
          {others(offline, reviseButton, withdraw)}
        </Step>
      );
    case "approval-voided":
      return (
        <Step>
          <Alert tone="info">
            Proposal version {view.proposalVersion} replaced the version the customer was asked about, so that approval or link no longer counts. What changed is shown below. Send the new version to the customer.
          </Alert>
          {noDocument}
          {noEmail}
          <div className="flex flex-wrap items-start gap-3">{sendApproval(`Send version ${view.proposalVersion} for approval`)}</div>
          {others(offline, reviseButton, withdraw)}
        </Step>
      );
    case "try-another":
      return (
        <Step>
          <Alert tone="error">
            {view.provider.name} declined this proposal{view.providerNote ? `: “${view.providerNote}”` : "."}
          </Alert>
          <p className="text-sm text-slate-700">Try another product or provider: a new draft starts with this client and the data entered here.</p>
          <div className="flex flex-wrap gap-3">{duplicate}</div>
        </Step>
      );
    default:
      return (
        <Step>
          {view.successor ? (
            <p className="text-sm text-slate-700">
              Nothing is left to do here: this proposal was copied into a new draft,{" "}
              <Link href={`/contracts/${view.successor.id}`} className="font-medium text-brand-700 hover:underline">
                {view.successor.label}
              </Link>
              .
            </p>
          ) : (
            <p className="text-sm text-slate-700">
              {ENDED[view.status.code] ?? `Status “${view.status.label}”.`}
              {view.status.code === 320 && view.contractNumber ? ` Contract number ${view.contractNumber}.` : ""} Nothing is left to do here.
              {view.policyDocuments.length ? " The policy documents are below." : ""}
            </p>
          )}
          {view.policyDocuments.length ? (
            <ul className="flex flex-wrap gap-3 text-sm">
              {view.policyDocuments.map((document) => (
                <li key={document.id}>
                  <a className="font-medium text-brand-700 hover:underline" href={`/contracts/${view.id}/documents/${document.id}?download=1`}>
                    Download {document.name}
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
  const [open, setOpen] = useState(false);
  const queryClient = useQueryClient();
  const done = () => {
    setOpen(false);
    void queryClient.invalidateQueries({ queryKey: queryKeys.contract(contractId) });
  };
  return (
    <div className="w-full sm:w-auto">
      <Button variant="secondary" onClick={() => setOpen((value) => !value)} aria-expanded={open}>
        Record an approval given outside the portal
      </Button>
      {open ? (
        <div className="mt-3">
          <OfflineApprovalForm contractId={contractId} onDone={done} />
        </div>
      ) : null}
    </div>
  );
}
