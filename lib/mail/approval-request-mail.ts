/** The email that carries the customer's approval link: the only place the raw token appears. */
import type { Mail } from "./send-mail";
import { formatterFor } from "../format";
import { translatorOf } from "../i18n/translate";
import type { AppLocale } from "../i18n/locales";

export interface ApprovalRequestMail {
  /** The client's language (Client.locale, else the firm's default). */
  locale: AppLocale;
  to: string;
  clientName: string;
  advisorName: string;
  firmName: string;
  productName: string;
  providerName: string;
  link: string;
  expiresAt: Date;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function approvalRequestMail(input: ApprovalRequestMail): Mail {
  const t = translatorOf(input.locale, "mail.approvalRequest");
  const expires = translatorOf(input.locale, "mail")("berlinTime", { time: formatterFor(input.locale).dateTime(input.expiresAt) });
  const names = { client: input.clientName, advisor: input.advisorName, firm: input.firmName, product: input.productName, provider: input.providerName, expires };
  const subject = t("subject", names);
  const text = [t("greeting", names), "", t("prepared", names), t("askText"), "", input.link, "", t("personal", names), "", t("questions", names), "", `${input.firmName}`].join("\n");
  const e = escapeHtml;
  // The product's name in bold: the sentence is translated with a marker, then escaped and the marker replaced.
  const prepared = e(t("preparedHtml", { ...names, product: "\u0000" })).replace("\u0000", `<strong>${e(input.productName)}</strong>`);
  const html = `<!doctype html><html lang="${input.locale}"><body style="margin:0;background:#f1f5f9;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#0f172a">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:12px;border:1px solid #e2e8f0">
<tr><td style="padding:24px 28px 8px;font-size:14px;font-weight:600;color:#1d40b8">${e(input.firmName)}</td></tr>
<tr><td style="padding:0 28px;font-size:15px;line-height:1.6">
<p>${e(t("greeting", names))}</p>
<p>${prepared}</p>
<p style="text-align:center;margin:28px 0"><a href="${e(input.link)}" target="_blank" rel="noopener" style="display:inline-block;background:#2552e0;color:#ffffff;text-decoration:none;font-weight:600;padding:12px 22px;border-radius:8px">${e(t("button"))}</a></p>
<p style="font-size:13px;color:#475569">${e(t("orOpen"))} <a href="${e(input.link)}" target="_blank" rel="noopener" style="color:#1d40b8;word-break:break-all">${e(input.link)}</a></p>
<p style="font-size:13px;color:#475569">${e(t("personalHtml", names))}</p>
</td></tr>
<tr><td style="padding:16px 28px 24px;font-size:12px;color:#475569">${e(t("footer", names))}</td></tr>
</table></td></tr></table></body></html>`;
  return { to: input.to, subject, text, html };
}
