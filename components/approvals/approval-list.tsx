"use client";

import { useTranslations } from "next-intl";
import type { ContractView } from "@/lib/contracts/contract-view";
import { parseStoredMessage } from "@/lib/i18n/stored-message";
import type { Msg } from "@/lib/i18n/message";
import { useMsg } from "@/components/i18n/use-msg";
import { Badge } from "@/components/ui/layout";

/** The contract page's "Approvals" card: every request and decision, newest first. Never the link itself. */
export function ApprovalList({ contractId, approvals }: { contractId: string; approvals: ContractView["approvals"] }) {
  const t = useTranslations("customer.list");
  const translate = useMsg();
  // A void reason is a stored message (key and values); older rows are English text, shown as they are.
  const reasonText = (text: string) => {
    const stored = parseStoredMessage(text);
    return stored ? translate(stored as Msg) : text;
  };
  if (approvals.length === 0) return <p className="px-5 py-4 text-sm text-slate-600">{t("empty")}</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {approvals.map((approval) => {
        const badge =
          approval.status === "APPROVED" ? <Badge tone="emerald">{t("approved")}</Badge>
          : approval.status === "DECLINED" ? <Badge tone="red">{t("declined")}</Badge>
          : approval.status === "VOID" ? <Badge>{t("void")}</Badge>
          : approval.expired ? <Badge tone="amber">{t("linkExpired")}</Badge>
          : <Badge tone="brand">{t("waiting")}</Badge>;
        return (
          <li key={approval.id} className="space-y-1 px-5 py-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <p className="flex items-center gap-2 font-medium">
                {badge} <span className="text-slate-600">v{approval.proposalVersion}</span>
              </p>
              {approval.decidedLabel ? (
                <a className="text-xs font-medium text-brand-700 hover:underline" href={`/contracts/${contractId}/approvals/${approval.id}/receipt`}>
                  {t("receipt")}
                </a>
              ) : null}
            </div>
            <p className="text-slate-600">{approval.channel === "LINK" && approval.email ? t("sentTo", { method: approval.method, email: approval.email }) : approval.method}</p>
            {approval.decidedLabel ? (
              <p className="text-slate-600">{t(approval.status === "DECLINED" ? "declinedBy" : "approvedBy", { name: approval.decidedName ?? t("theCustomer"), when: approval.decidedLabel })}</p>
            ) : (
              <p className="text-slate-600">
                {approval.expiresLabel && approval.status === "PENDING"
                  ? t(approval.expired ? "sentExpired" : "sentExpires", { when: approval.sentLabel, expires: approval.expiresLabel })
                  : t("sent", { when: approval.sentLabel })}
              </p>
            )}
            {approval.declineReason ? <p className="rounded-md bg-red-50 px-2 py-1 text-xs text-red-800">{t("reason", { reason: approval.declineReason })}</p> : null}
            {approval.voidReason ? <p className="text-xs text-amber-800">{t("voidReason", { reason: reasonText(approval.voidReason) })}</p> : null}
          </li>
        );
      })}
    </ul>
  );
}
