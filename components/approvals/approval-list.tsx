import type { ContractView } from "@/lib/contracts/contract-view";
import { Badge } from "@/components/ui/layout";

/** The contract page's "Approvals" card: every request and decision, newest first. Never the link itself. */
export function ApprovalList({ contractId, approvals }: { contractId: string; approvals: ContractView["approvals"] }) {
  if (approvals.length === 0) return <p className="px-5 py-4 text-sm text-slate-500">No approval yet.</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {approvals.map((approval) => {
        const badge =
          approval.status === "APPROVED" ? <Badge tone="emerald">Approved</Badge>
          : approval.status === "DECLINED" ? <Badge tone="red">Declined</Badge>
          : approval.status === "VOID" ? <Badge>Void</Badge>
          : approval.expired ? <Badge tone="amber">Link expired</Badge>
          : <Badge tone="brand">Waiting for the customer</Badge>;
        return (
          <li key={approval.id} className="space-y-1 px-5 py-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="flex items-center gap-2 font-medium">
                {badge} <span className="text-slate-500">v{approval.proposalVersion}</span>
              </p>
              {approval.decidedLabel ? (
                <a className="text-xs font-medium text-brand-700 hover:underline" href={`/contracts/${contractId}/approvals/${approval.id}/receipt`}>
                  Receipt
                </a>
              ) : null}
            </div>
            <p className="text-slate-600">
              {approval.method}
              {approval.channel === "LINK" && approval.email ? ` to ${approval.email}` : ""}
            </p>
            {approval.decidedLabel ? (
              <p className="text-slate-600">
                {approval.status === "DECLINED" ? "Declined" : "Approved"} by {approval.decidedName ?? "the customer"}, {approval.decidedLabel}
              </p>
            ) : (
              <p className="text-slate-600">
                Sent {approval.sentLabel}
                {approval.expiresLabel && approval.status === "PENDING" ? ` · ${approval.expired ? "expired" : "expires"} ${approval.expiresLabel}` : ""}
              </p>
            )}
            {approval.declineReason ? <p className="rounded-md bg-red-50 px-2 py-1 text-xs text-red-800">Reason: {approval.declineReason}</p> : null}
            {approval.voidReason ? <p className="text-xs text-amber-800">Void: {approval.voidReason}</p> : null}
          </li>
        );
      })}
    </ul>
  );
}
