/**
 * The reminder emails, each in its reader's language (the customer's: Client.locale, else the
 * firm's; the advisor's: User.locale, else the firm's).
 *
 * The customer's reminder carries NO link, on purpose: the raw approval token exists only in the
 * first email (lib/mail/approval-request-mail.ts) and is stored only as a hash, so it cannot be
 * repeated, and issuing a new one would silently void the link the customer may be about to use.
 * The reminder asks them to open the earlier email, and to ask their advisor for a new link if they
 * cannot find it (the advisor sends one from the contract page).
 */
import type { Mail } from "../mail/send-mail";
import { formatterFor } from "../format";
import { translate, translatorOf } from "../i18n/translate";
import type { AppLocale } from "../i18n/locales";

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function frame(locale: AppLocale, firm: string, paragraphs: string[], action?: { label: string; href: string }, footer?: string): string {
  const e = escapeHtml;
  const button = action
    ? `<p style="text-align:center;margin:28px 0"><a href="${e(action.href)}" target="_blank" rel="noopener" style="display:inline-block;background:#2552e0;color:#ffffff;text-decoration:none;font-weight:600;padding:12px 22px;border-radius:8px">${e(action.label)}</a></p>`
    : "";
  return `<!doctype html><html lang="${locale}"><body style="margin:0;background:#f1f5f9;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#0f172a">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:12px;border:1px solid #e2e8f0">
<tr><td style="padding:24px 28px 8px;font-size:14px;font-weight:600;color:#1d40b8">${e(firm)}</td></tr>
<tr><td style="padding:0 28px;font-size:15px;line-height:1.6">${paragraphs.map((p) => `<p>${e(p)}</p>`).join("")}${button}</td></tr>
<tr><td style="padding:16px 28px 24px;font-size:12px;color:#475569">${e(footer ?? firm)}</td></tr>
</table></td></tr></table></body></html>`;
}

export interface LinkExpiryReminder {
  locale: AppLocale;
  to: string;
  clientName: string;
  advisorName: string;
  firmName: string;
  productName: string;
  /** When the approval email was sent, so the customer can find it. */
  sentAt: Date;
  expiresAt: Date;
}

export function linkExpiryReminderMail(input: LinkExpiryReminder): Mail {
  const t = translatorOf(input.locale, "office.mail.linkExpiry");
  const format = formatterFor(input.locale);
  const berlin = translatorOf(input.locale, "mail");
  const values = {
    client: input.clientName,
    advisor: input.advisorName,
    firm: input.firmName,
    product: input.productName,
    sent: format.date(input.sentAt),
    expires: berlin("berlinTime", { time: format.dateTime(input.expiresAt) }),
  };
  const paragraphs = [t("greeting", values), t("body", values), t("findIt", values), t("lost", values)];
  return {
    to: input.to,
    subject: t("subject", values),
    text: [...paragraphs.flatMap((p) => [p, ""]), input.firmName].join("\n"),
    html: frame(input.locale, input.firmName, paragraphs, undefined, t("footer", values)),
  };
}

export interface TaskOverdueReminder {
  locale: AppLocale;
  to: string;
  advisorName: string;
  firmName: string;
  clientName: string;
  /** The task kind (tasks.kinds.<kind>.title). */
  kind: string;
  due: Date;
  link: string;
}

export function taskOverdueReminderMail(input: TaskOverdueReminder): Mail {
  const t = translatorOf(input.locale, "office.mail.taskOverdue");
  const task = translate(input.locale, `tasks.kinds.${input.kind}.title`);
  const values = { advisor: input.advisorName, firm: input.firmName, client: input.clientName, task, due: formatterFor(input.locale).date(input.due) };
  const paragraphs = [t("greeting", values), t("body", values)];
  return {
    to: input.to,
    subject: t("subject", values),
    text: [...paragraphs.flatMap((p) => [p, ""]), t("open"), input.link, "", input.firmName].join("\n"),
    html: frame(input.locale, input.firmName, paragraphs, { label: t("open"), href: input.link }, t("footer", values)),
  };
}
