import type { CustomerApproval } from "@/lib/approvals/customer-approval";
import { formatDateTime } from "@/lib/format";
import { EndState } from "./customer-frame";

const receiptLink = (token: string) => (
  <a href={`/approve/${token}/receipt`} className="inline-flex items-center justify-center gap-2 rounded-lg bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700">
    Download your receipt (PDF)
  </a>
);

/** Every state of a link other than "open", each with its own clear page. */
export function LinkEndState({ view, token, justDecided = false }: { view: CustomerApproval; token: string; justDecided?: boolean }) {
  const { status } = view;
  if (status.state === "unknown" || !("firmName" in view)) {
    return (
      <EndState tone="neutral" title="This link does not work">
        <p>It may be incomplete or mistyped. Open the link again from the email you received, or ask your advisor to send you a new one.</p>
      </EndState>
    );
  }
  const decided = view.decidedAt ? formatDateTime(view.decidedAt) : "";
  switch (status.state) {
    case "approved":
      return justDecided ? (
        <EndState tone="success" title="Thank you, your approval is recorded" actions={receiptLink(token)}>
          <p>You approved proposal version {view.proposalVersion} for {view.productName} on {decided}.</p>
          <p>{view.advisorName} at {view.firmName} has been told and takes care of the order. Keep the receipt for your records.</p>
        </EndState>
      ) : (
        <EndState tone="neutral" title="This link has already been used" actions={receiptLink(token)}>
          <p>{view.decidedName ?? view.clientName} approved proposal version {view.proposalVersion} for {view.productName} on {decided}. A decision can be made only once.</p>
          <p>Questions? Contact {view.advisorName} at {view.firmName}.</p>
        </EndState>
      );
    case "declined":
      return justDecided ? (
        <EndState tone="success" title="Your answer has been sent" actions={receiptLink(token)}>
          <p>You declined proposal version {view.proposalVersion} for {view.productName} on {decided}. Nothing will be ordered.</p>
          <p>{view.advisorName} at {view.firmName} has your reason and will get in touch.</p>
        </EndState>
      ) : (
        <EndState tone="neutral" title="This link has already been used" actions={receiptLink(token)}>
          <p>Proposal version {view.proposalVersion} for {view.productName} was declined on {decided}. A decision can be made only once.</p>
          <p>If you changed your mind, contact {view.advisorName} at {view.firmName}.</p>
        </EndState>
      );
    case "expired":
      return (
        <EndState tone="warning" title="This link has expired">
          <p>It was valid until {formatDateTime(status.expiredAt)}. For your security, approval links work only for a limited time.</p>
          <p>Ask {view.advisorName} at {view.firmName} to send you a new link.</p>
        </EndState>
      );
    case "replaced":
      return (
        <EndState tone="warning" title="A newer proposal has replaced this one">
          <p>
            Proposal version {view.proposalVersion} for {view.productName} is no longer current: {view.firmName} has received version {status.currentVersion}. This link
            {view.decidedAt ? " and the decision made with it no longer apply" : " can no longer be used"}.
          </p>
          <p>{view.advisorName} will send you the new proposal to review.</p>
        </EndState>
      );
    case "withdrawn":
      return (
        <EndState tone="neutral" title={status.why === "newer-link" ? "A newer link has been sent to you" : "This request was withdrawn"}>
          {status.why === "newer-link" ? (
            <p>This link was replaced by a newer one. Please use the link in the most recent email from {view.firmName}.</p>
          ) : (
            <p>The proposal for {view.productName} is no longer open for approval. {view.advisorName} at {view.firmName} can tell you more.</p>
          )}
        </EndState>
      );
    case "open":
      return null;
  }
}
