import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { env } from "@/lib/env";
import { listOutboxMail } from "@/lib/mail/outbox";
import { getLocale, getTranslations } from "next-intl/server";
import { formatterFor } from "@/lib/format";
import { appLocaleOr } from "@/lib/i18n/locales";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("mail.outbox");
  return { title: t("title"), robots: { index: false, follow: false } };
}

const linkPattern = /https?:\/\/[^\s<>"]+/g;

// Mail stored because SMTP_URL is not set. Development only: it holds customers' personal links.
export default async function OutboxPage() {
  await connection();
  if (env().NODE_ENV === "production") notFound();
  const [mails, t, locale] = await Promise.all([listOutboxMail(), getTranslations("mail.outbox"), getLocale()]);
  const f = formatterFor(appLocaleOr(locale));
  return (
    <main className="mx-auto max-w-4xl px-4 py-8">
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("intro")}</p>
      {mails.length === 0 ? <p className="mt-8 rounded-xl bg-white p-6 text-sm text-slate-600 ring-1 ring-slate-200">{t("empty")}</p> : null}
      <ul className="mt-6 space-y-4">
        {mails.map((mail) => {
          const links = [...new Set(mail.text.match(linkPattern) ?? [])];
          return (
            <li key={mail.id} className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
              <div className="border-b border-slate-100 px-5 py-3">
                <p className="font-medium text-slate-900">{mail.subject}</p>
                <p className="text-xs text-slate-600">{t("to", { to: mail.to, time: f.dateTime(mail.createdAt) })}</p>
              </div>
              <pre className="overflow-x-auto whitespace-pre-wrap break-words px-5 py-3 font-sans text-sm text-slate-800">{mail.text}</pre>
              {links.length ? (
                <div className="flex flex-wrap gap-2 border-t border-slate-100 px-5 py-3">
                  {links.map((link) => (
                    <a key={link} href={link} target="_blank" rel="noopener noreferrer" className="text-sm font-medium text-brand-700 hover:underline">
                      {t("openLink")}
                    </a>
                  ))}
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </main>
  );
}
