/** The email that carries the customer's approval link: the only place the raw token appears. */
import type { Mail } from "./send-mail";
import { formatDateTime } from "../format";

export interface ApprovalRequestMail {
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
  const expires = `${formatDateTime(input.expiresAt)} (Berlin time)`;
  const subject = `${input.firmName}: please review your ${input.productName} proposal`;
  const text = [
    `Dear ${input.clientName},`,
    "",
    `${input.advisorName} of ${input.firmName} has prepared your proposal for ${input.productName} with ${input.providerName}.`,
    "Please read it and approve or decline it here:",
    "",
    input.link,
    "",
    `The link is personal and works until ${expires}. Do not forward this email.`,
    "",
    `If you have questions, reply to ${input.advisorName} directly.`,
    "",
    `${input.firmName}`,
  ].join("\n");
  const e = escapeHtml;
  const html = `<!doctype html><html><body style="margin:0;background:#f1f5f9;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#0f172a">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:12px;border:1px solid #e2e8f0">
<tr><td style="padding:24px 28px 8px;font-size:14px;font-weight:600;color:#1d40b8">${e(input.firmName)}</td></tr>
<tr><td style="padding:0 28px;font-size:15px;line-height:1.6">
<p>Dear ${e(input.clientName)},</p>
<p>${e(input.advisorName)} of ${e(input.firmName)} has prepared your proposal for <strong>${e(input.productName)}</strong> with ${e(input.providerName)}. Please read it and approve or decline it.</p>
<p style="text-align:center;margin:28px 0"><a href="${e(input.link)}" target="_blank" rel="noopener" style="display:inline-block;background:#2552e0;color:#ffffff;text-decoration:none;font-weight:600;padding:12px 22px;border-radius:8px">Review the proposal</a></p>
<p style="font-size:13px;color:#475569">Or open this link: <a href="${e(input.link)}" target="_blank" rel="noopener" style="color:#1d40b8;word-break:break-all">${e(input.link)}</a></p>
<p style="font-size:13px;color:#475569">The link is personal and works until ${e(expires)}. Do not forward this email. If you have questions, reply to ${e(input.advisorName)} directly.</p>
</td></tr>
<tr><td style="padding:16px 28px 24px;font-size:12px;color:#94a3b8">${e(input.firmName)} · sent with Proposal Desk</td></tr>
</table></td></tr></table></body></html>`;
  return { to: input.to, subject, text, html };
}
