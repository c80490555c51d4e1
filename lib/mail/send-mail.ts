/**
 * Outgoing mail. With SMTP_URL set it goes out over SMTP (nodemailer); without it, it is
 * stored in OutboxMail, which the development outbox page (/dev/outbox, never in production)
 * shows. In production without SMTP_URL the mail is still stored, so nothing is lost and the
 * browser tests can read it, but a warning is logged: no customer receives it.
 */
import nodemailer, { type Transporter } from "nodemailer";
import { z } from "zod";
import { db } from "../db";
import { env } from "../env";

const mailSchema = z.object({
  to: z.email(),
  subject: z.string().min(1).max(300),
  text: z.string().min(1),
  html: z.string().optional(),
});

export type Mail = z.infer<typeof mailSchema>;
export type SentMail = { via: "smtp"; messageId: string } | { via: "outbox"; outboxId: string };

const globalForMail = globalThis as unknown as { proposalDeskSmtp?: Transporter; proposalDeskOutboxWarned?: boolean };

function transport(url: string): Transporter {
  return (globalForMail.proposalDeskSmtp ??= nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }));
}

export async function sendMail(input: Mail): Promise<SentMail> {
  const mail = mailSchema.parse(input);
  const { SMTP_URL, MAIL_FROM, NODE_ENV } = env();
  if (SMTP_URL) {
    const info = await transport(SMTP_URL).sendMail({ from: MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
    return { via: "smtp", messageId: String(info.messageId ?? "") };
  }
  if (NODE_ENV === "production" && !globalForMail.proposalDeskOutboxWarned) {
    globalForMail.proposalDeskOutboxWarned = true;
    console.warn(JSON.stringify({ level: "warn", message: "SMTP_URL is not set: mail is stored in OutboxMail and NOT delivered to anyone. Set SMTP_URL in production." }));
  }
  const row = await db().outboxMail.create({ data: { to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? null }, select: { id: true } });
  return { via: "outbox", outboxId: row.id };
}
