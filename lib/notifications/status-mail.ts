/**
 * The email that tells a user about an event they chose to hear of by email, in THEIR language:
 * what happened, to which client and product (what the advisor already sees on the contract), and
 * a link to the contract. Nothing else of the customer's data.
 */
import type { Mail } from "../mail/send-mail";
import { translatorOf } from "../i18n/translate";
import type { AppLocale } from "../i18n/locales";
import type { NotificationEvent } from "./events";

export interface StatusMailInput {
  locale: AppLocale;
  to: string;
  recipientName: string;
  firmName: string;
  event: NotificationEvent;
  /** For "approval-decided": which way the customer decided. */
  approved?: boolean;
  clientName: string | null;
  productName: string | null;
  providerName: string | null;
  contractUrl: string;
  settingsUrl: string;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The message key of an event's sentences ("approval-decided" splits by the decision). */
function subjectKeyOf(input: Pick<StatusMailInput, "event" | "approved">): string {
  if (input.event === "approval-decided") return input.approved ? "approved" : "declined";
  return input.event;
}

export function statusMail(input: StatusMailInput): Mail {
  const t = translatorOf(input.locale, "notifications.mail");
  const key = subjectKeyOf(input);
  const client = input.clientName ?? t("someClient");
  const product = input.productName ?? t("someProduct");
  const values = { client, product, provider: input.providerName ?? "", firm: input.firmName, name: input.recipientName };
  const subject = t(`subject.${key}`, values);
  const headline = t(`headline.${key}`, values);
  const lines = [
    t("greeting", values),
    "",
    headline,
    "",
    `${t("client")}: ${client}`,
    `${t("product")}: ${product}${input.providerName ? ` (${input.providerName})` : ""}`,
    "",
    `${t("open")}: ${input.contractUrl}`,
    "",
    t("why"),
    `${t("change")}: ${input.settingsUrl}`,
    "",
    `Proposal Desk · ${input.firmName}`,
  ];
  const e = escapeHtml;
  const html = `<!doctype html><html lang="${input.locale}"><body style="margin:0;background:#f1f5f9;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#0f172a">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:12px;border:1px solid #e2e8f0">
<tr><td style="padding:24px 28px 8px;font-size:14px;font-weight:600;color:#1d40b8">Proposal Desk · ${e(input.firmName)}</td></tr>
<tr><td style="padding:0 28px;font-size:15px;line-height:1.6">
<p>${e(t("greeting", values))}</p>
<p><strong>${e(headline)}</strong></p>
<p>${e(t("client"))}: ${e(client)}<br>${e(t("product"))}: ${e(product)}${input.providerName ? ` (${e(input.providerName)})` : ""}</p>
<p style="text-align:center;margin:28px 0"><a href="${e(input.contractUrl)}" target="_blank" rel="noopener" style="display:inline-block;background:#2552e0;color:#ffffff;text-decoration:none;font-weight:600;padding:12px 22px;border-radius:8px">${e(t("button"))}</a></p>
</td></tr>
<tr><td style="padding:16px 28px 24px;font-size:12px;color:#475569">${e(t("why"))} <a href="${e(input.settingsUrl)}" style="color:#1d40b8">${e(t("change"))}</a></td></tr>
</table></td></tr></table></body></html>`;
  return { to: input.to, subject, text: lines.join("\n"), html };
}
