/** The client's data as a PDF for a person to read (the JSON export carries the documents themselves). */
import { formatterFor } from "../format";
import type { AppLocale } from "../i18n/locales";
import { hasMessage, translatorOf } from "../i18n/translate";
import { readStoredText } from "../i18n/stored-text";
import { statusLabel } from "../contracts/status";
import { recordAudit } from "../audit";
import { BRAND, GREY, PdfWriter, fileSlug, newPdf } from "../dossier/pdf-writer";
import { visibleClient, type Viewer } from "./access";
import { collectClientData, type ClientData } from "./export";

export async function renderClientDataPdf(data: ClientData, locale: AppLocale, exportedAt = new Date()): Promise<{ bytes: Uint8Array; pages: string[][] }> {
  const t = translatorOf(locale, "privacy.pdf");
  const f = formatterFor(locale);
  const none = "—";
  const when = (value: Date | string | null | undefined) => (value ? f.dateTime(value) : none);
  const { client } = data;
  // Known event kinds and audit actions in words; one added later by another part keeps its code.
  const eventLabel = (kind: string) => (hasMessage(`privacy.pdf.events.${kind}`, locale) ? t(`events.${kind}`) : kind);
  const actionLabel = (action: string) => (hasMessage(`privacy.pdf.actions.${action}`, locale) ? t(`actions.${action}`) : action);
  const { pdf, fonts } = await newPdf({ title: t("documentTitle", { client: client.displayName }), locale });
  const w = new PdfWriter(pdf, fonts);
  w.write(data.organization.name, { font: fonts.bold, size: 11, color: BRAND });
  w.gap(6);
  w.title(t("title"));
  w.write(t("subtitle", { client: client.displayName, time: when(exportedAt) }), { size: 11, color: GREY });
  w.gap(6);
  w.paragraph(t("intro"), 9.5, GREY);

  w.heading(t("sections.client"));
  w.pairs([
    [t("labels.name"), client.displayName],
    [t("labels.email"), client.email ?? none],
    [t("labels.phone"), client.phone ?? none],
    [t("labels.birthDate"), client.birthDate ? f.date(client.birthDate) : none],
    [t("labels.address"), [client.street, [client.postalCode, client.city].filter(Boolean).join(" "), client.country].filter(Boolean).join(", ") || none],
    [t("labels.language"), client.locale ?? none],
    [t("labels.advisor"), client.advisor.name],
    [t("labels.captured"), when(client.createdAt)],
    ...(data.erasure ? ([[t("labels.anonymised"), when(data.erasure.erasedAt)]] as Array<[string, string]>) : []),
  ]);
  for (const link of data.providers) w.pairs([[t("labels.atProvider", { provider: link.provider.name }), link.remoteId]]);

  w.heading(t("sections.consents"));
  if (data.consents.length === 0) w.paragraph(t("empty.consents"), 10, GREY);
  for (const consent of data.consents) {
    w.pairs([
      [t(`purposes.${consent.purpose}`), `${t("consentGiven", { time: when(consent.givenAt) })}${consent.withdrawnAt ? `\n${t("consentWithdrawn", { time: when(consent.withdrawnAt) })}` : ""}\n${t("quoted", { text: consent.text })}`],
    ]);
  }

  w.heading(t("sections.contracts"));
  if (data.contracts.length === 0) w.paragraph(t("empty.contracts"), 10, GREY);
  for (const contract of data.contracts) {
    w.subheading(`${contract.product?.name ?? t("proposal")} · ${contract.provider.name}`);
    w.pairs([
      [t("labels.status"), `${statusLabel(contract.status, locale)} (${contract.status}), ${when(contract.statusChangedAt)}`],
      [t("labels.contractNumber"), contract.contractNumber ?? none],
      [t("labels.premium"), contract.premium ? (f.money(contract.premium, contract.currency) ?? contract.premium) : none],
      [t("labels.advisor"), contract.advisor.name],
      [t("labels.approvals"), contract.approvals.length ? contract.approvals.map((a) => `${t("approval", { version: a.proposalVersion, status: t(`approvalStatus.${a.status}`) })}${a.decidedAt ? `, ${when(a.decidedAt)}` : ""}`).join("\n") : none],
      [t("labels.adviceRecords"), contract.adviceRecords.length ? contract.adviceRecords.map((r) => t("adviceRecord", { version: r.version, time: when(r.completedAt ?? r.createdAt) })).join("\n") : none],
    ]);
    if (contract.documents.length) {
      w.pairs([[t("labels.documents"), contract.documents.map((d) => `${d.name} (${when(d.createdAt)})`).join("\n")]]);
    }
    if (contract.timeline.length) {
      w.pairs([[t("labels.timeline"), contract.timeline.map((e) => `${when(e.at)}: ${e.kind === "status" ? statusLabel(e.to, locale) : eventLabel(e.kind)}${e.note ? `, ${readStoredText(e.note, locale)}` : ""}`).join("\n")]]);
    }
  }

  w.heading(t("sections.audit"));
  if (data.auditEntries.length === 0) w.paragraph(t("empty.audit"), 10, GREY);
  for (const entry of data.auditEntries) w.pairs([[when(entry.at), actionLabel(entry.action)]]);
  w.gap(8);
  w.paragraph(t("footer"), 8.5, GREY);
  return { bytes: await pdf.save(), pages: w.pages };
}

/** The PDF export, scoped like the client, in the reader's language; audited. */
export async function exportClientPdf(viewer: Viewer, clientId: string, locale: AppLocale): Promise<{ filename: string; bytes: Uint8Array; pages: string[][] }> {
  const client = await visibleClient(viewer, clientId);
  const data = await collectClientData(client.id);
  await recordAudit({ organizationId: client.organizationId, actorId: viewer.id, action: "privacy.export", entityType: "Client", entityId: client.id, data: { format: "pdf", locale } });
  const rendered = await renderClientDataPdf(data, locale);
  return { filename: `${translatorOf(locale, "privacy.pdf")("filenamePrefix")}-${fileSlug(client.displayName)}.pdf`, ...rendered };
}
