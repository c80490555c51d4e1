/**
 * The advice record as a PDF, in the client's language: what the customer reads beside the
 * proposal and what the approval binds by its SHA-256. Rendered once, when a version is completed
 * (or a waiver recorded), and stored with that version; never rendered again for the same version.
 */
import { PDFDocument, StandardFonts, rgb } from "pdf-lib";
import { Writer } from "../approvals/approval-receipt";
import { formatterFor } from "../format";
import type { AppLocale } from "../i18n/locales";
import { translatorOf } from "../i18n/translate";
import type { AdviceChannel } from "./advice-schema";

export interface AdvicePdfInput {
  locale: AppLocale;
  firmName: string;
  advisorName: string;
  clientName: string;
  productName: string | null;
  providerName: string;
  proposalVersion: number;
  version: number;
  completedAt: Date;
  channel: AdviceChannel;
  needs: string;
  advice: string;
  reasons: string;
  productsConsidered: string[];
  waived: boolean;
  waiverReason: string | null;
}

export interface AdvicePdf {
  bytes: Uint8Array;
  /** Every text drawn, in order (tests read it). */
  text: string;
}

export async function renderAdvicePdf(input: AdvicePdfInput): Promise<AdvicePdf> {
  const t = translatorOf(input.locale, "advice.pdf");
  const f = formatterFor(input.locale);
  const none = "—";
  const pdf = await PDFDocument.create();
  pdf.setTitle(t(input.waived ? "titleWaiver" : "title"));
  pdf.setLanguage(input.locale === "de" ? "de-DE" : "en-GB");
  pdf.setProducer("Proposal Desk");
  pdf.setCreationDate(input.completedAt);
  pdf.setModificationDate(input.completedAt);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);

  const writer = new Writer(pdf, regular);
  writer.text(input.firmName, { font: bold, size: 11, color: rgb(0.11, 0.25, 0.72) });
  writer.gap(6);
  writer.text(t(input.waived ? "titleWaiver" : "title"), { font: bold, size: 20 });
  writer.text(t("subtitle", { client: input.clientName, date: f.dateTime(input.completedAt) }), { size: 11, color: rgb(0.28, 0.33, 0.41) });
  writer.gap(14);

  writer.heading(t("sections.about"), bold);
  writer.pairs(
    [
      [t("labels.client"), input.clientName],
      [t("labels.product"), input.productName ?? none],
      [t("labels.provider"), input.providerName],
      [t("labels.proposalVersion"), String(input.proposalVersion)],
      [t("labels.advisor"), `${input.advisorName}, ${input.firmName}`],
      [t("labels.channel"), t(`channels.${input.channel}`)],
      [t("labels.recordVersion"), String(input.version)],
    ],
    bold,
  );

  if (input.waived) {
    writer.heading(t("sections.waiver"), bold);
    writer.paragraph(t("waiverStatement", { client: input.clientName, firm: input.firmName }), 10.5);
    writer.gap(6);
    writer.pairs([[t("labels.waiverReason"), input.waiverReason ?? none]], bold);
    if (input.needs) {
      writer.heading(t("sections.needs"), bold);
      writer.paragraph(input.needs, 10.5);
    }
  } else {
    writer.heading(t("sections.needs"), bold);
    writer.paragraph(input.needs || none, 10.5);
    writer.gap(6);
    writer.heading(t("sections.products"), bold);
    writer.paragraph(input.productsConsidered.length ? input.productsConsidered.map((product) => `• ${product}`).join("\n") : none, 10.5);
    writer.gap(6);
    writer.heading(t("sections.advice"), bold);
    writer.paragraph(input.advice || none, 10.5);
    writer.gap(6);
    writer.heading(t("sections.reasons"), bold);
    writer.paragraph(input.reasons || none, 10.5);
  }
  writer.gap(10);
  writer.paragraph(t("footer"), 8.5, rgb(0.4, 0.45, 0.52));
  const bytes = await pdf.save();
  return { bytes, text: writer.drawn.join("\n") };
}
