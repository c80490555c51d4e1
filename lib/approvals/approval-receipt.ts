/**
 * The receipt of a decision, as a PDF: what was shown (from the immutable evidence), who
 * decided, when, from where, and the SHA-256 of the exact proposal document. The customer
 * downloads it through their link once they have decided; the advisor from the contract page.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { z } from "zod";
import { db } from "../db";
import { notFound } from "../errors";
import { contractScope } from "../auth/scope";
import type { SessionUser } from "../auth/session";
import { tokenHashOf } from "./token";
import { formatterFor } from "../format";
import { appLocaleOr, isAppLocale, type AppLocale } from "../i18n/locales";
import { translate, translatorOf } from "../i18n/translate";
import { readStoredText } from "../i18n/stored-text";

const evidenceSchema = z
  .object({
    decision: z.string().optional(),
    ip: z.string().nullish(),
    userAgent: z.string().nullish(),
    email: z.string().nullish(),
    tokenHash: z.string().nullish(),
    documentName: z.string().nullish(),
    method: z.string().nullish(),
    evidenceDocument: z.object({ name: z.string() }).nullish(),
    shown: z.object({ locale: z.string().nullish(), summary: z.array(z.object({ label: z.string(), value: z.string() })).default([]), statement: z.string().nullish(), declineNotice: z.string().nullish() }).optional(),
    reason: z.string().nullish(),
    methodLabel: z.string().nullish(),
    note: z.string().nullish(),
    recordedBy: z.object({ name: z.string() }).nullish(),
    recordedAt: z.string().nullish(),
  })
  .catch({});

const receiptSelect = {
  id: true,
  channel: true,
  status: true,
  proposalVersion: true,
  documentSha256: true,
  adviceSha256: true,
  decidedAt: true,
  decidedName: true,
  declineReason: true,
  voidReason: true,
  evidence: true,
  contract: { select: { id: true, organization: { select: { name: true, defaultLocale: true } }, advisor: { select: { name: true } }, client: { select: { displayName: true, locale: true } }, product: { select: { name: true } }, provider: { select: { name: true } } } },
} as const;

type ReceiptRow = NonNullable<Awaited<ReturnType<typeof findReceiptRow>>>;
const findReceiptRow = (where: Parameters<ReturnType<typeof db>["approvalRequest"]["findFirst"]>[0]) => db().approvalRequest.findFirst({ ...where, select: receiptSelect });

export interface Receipt {
  filename: string;
  bytes: Uint8Array;
  /** Every text put into the PDF, in order (for tests and for a text view). */
  text: string;
  locale: AppLocale;
}

/**
 * The customer's receipt: only once their link has been used for a decision. In the given
 * language (the page's), else the client's.
 */
export async function getCustomerReceipt(token: unknown, locale?: AppLocale): Promise<Receipt> {
  const tokenHash = tokenHashOf(token);
  const row = tokenHash ? await findReceiptRow({ where: { tokenHash, channel: "LINK", decidedAt: { not: null } } }) : null;
  if (!row) throw notFound("receipt.errors.notFound");
  return renderReceipt(row, locale);
}

/** The advisor's copy: scoped like the contract itself; in the client's language unless told otherwise. */
export async function getAdvisorReceipt(viewer: Pick<SessionUser, "id" | "organizationId" | "role">, contractId: string, approvalId: string, locale?: AppLocale): Promise<Receipt> {
  const row = await findReceiptRow({ where: { id: approvalId, contractId, decidedAt: { not: null }, contract: contractScope(viewer) } });
  if (!row) throw notFound("receipt.errors.notFound");
  return renderReceipt(row, locale);
}

// Helvetica speaks WinAnsi only: keep Latin-1 (German umlauts and ß included) and the few extras, replace the rest.
export const pdfSafe = (text: string) => text.replace(/[\u00a0\u202f]/g, " ").replace(/[^\x20-\x7e\u00a1-\u00ff€–—‘’“”„•…]/g, "?");

const OFFLINE_METHOD_KEYS = new Set(["paper", "phone", "email", "in-person"]);

export async function renderReceipt(row: ReceiptRow, requested?: AppLocale): Promise<Receipt> {
  const evidence = evidenceSchema.parse(row.evidence ?? {});
  const { contract } = row;
  const locale = requested ?? appLocaleOr(contract.client.locale ?? contract.organization.defaultLocale);
  const t = translatorOf(locale, "receipt");
  const f = formatterFor(locale);
  const when = (date: Date) => t("berlinTime", { time: f.dateTime(date, { seconds: true }) });
  const declined = Boolean(row.decidedAt) && row.status === "DECLINED";
  const decision = t(declined ? "decision.declined" : "decision.approved");
  const none = "—";
  const pdf = await PDFDocument.create();
  pdf.setTitle(t("documentTitle", { id: row.id }));
  pdf.setLanguage(locale === "de" ? "de-DE" : "en-GB");
  pdf.setProducer("Proposal Desk");
  pdf.setCreationDate(new Date());
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const mono = await pdf.embedFont(StandardFonts.Courier);

  const writer = new Writer(pdf, regular);
  writer.text(contract.organization.name, { font: bold, size: 11, color: rgb(0.11, 0.25, 0.72) });
  writer.gap(6);
  writer.text(t(declined ? "title.declined" : "title.approved"), { font: bold, size: 20 });
  writer.text(t("subtitle", { decision, name: row.decidedName ?? contract.client.displayName, time: when(row.decidedAt!) }), { size: 11, color: rgb(0.28, 0.33, 0.41) });
  writer.gap(14);

  // An offline approval's method, rebuilt from the evidence's parts in this language when it has them.
  const method = evidence.method && OFFLINE_METHOD_KEYS.has(evidence.method) && evidence.recordedBy
    ? t("offlineMethod", { method: translate(locale, `customer.offlineMethods.${evidence.method}`), name: evidence.recordedBy.name, evidence: evidence.evidenceDocument?.name ?? none })
    : evidence.methodLabel;

  writer.heading(t("sections.decision"), bold);
  writer.pairs([
    [t("labels.decision"), decision],
    [t("labels.name"), row.decidedName ?? none],
    [t("labels.time"), when(row.decidedAt!)],
    [t("labels.channel"), row.channel === "LINK" ? t("channel.link") : method ? t("channel.offlineWith", { method }) : t("channel.offline")],
    ...(row.channel === "LINK"
      ? ([
          [t("labels.sentTo"), evidence.email ?? none],
          [t("labels.ip"), evidence.ip ?? t("notRecorded")],
          [t("labels.browser"), evidence.userAgent ?? t("notRecorded")],
        ] as Array<[string, string]>)
      : ([
          [t("labels.recordedBy"), evidence.recordedBy?.name ?? none],
          [t("labels.recordedAt"), evidence.recordedAt ? when(new Date(evidence.recordedAt)) : none],
          [t("labels.note"), evidence.note ?? none],
        ] as Array<[string, string]>)),
    ...(row.declineReason ? ([[t("labels.reason"), row.declineReason]] as Array<[string, string]>) : []),
    ...(row.status === "VOID" && row.voidReason ? ([[t("labels.laterVoided"), readStoredText(row.voidReason, locale)]] as Array<[string, string]>) : []),
  ], bold);

  writer.heading(t("sections.proposal"), bold);
  // What the customer was shown is quoted as shown (in the language it was shown in).
  const summary = evidence.shown?.summary?.length
    ? evidence.shown.summary.map((line) => [line.label, line.value] as [string, string])
    : ([
        [t("labels.customer"), contract.client.displayName],
        [t("labels.product"), contract.product?.name ?? none],
        [t("labels.provider"), contract.provider.name],
        [t("labels.proposalVersion"), String(row.proposalVersion)],
      ] as Array<[string, string]>);
  writer.pairs([...summary, [t("labels.advisor"), `${contract.advisor.name}, ${contract.organization.name}`]], bold);
  writer.text(t("sha256"), { size: 9, color: rgb(0.28, 0.33, 0.41) });
  writer.text(row.documentSha256, { font: mono, size: 8.5 });
  // The advice record (or waiver) shown beside the proposal: the approval binds both.
  if (row.adviceSha256) {
    writer.gap(4);
    writer.text(t("adviceSha256"), { size: 9, color: rgb(0.28, 0.33, 0.41) });
    writer.text(row.adviceSha256, { font: mono, size: 8.5 });
  }
  writer.gap(10);

  if (evidence.shown?.statement && !declined) {
    writer.heading(t("sections.statement"), bold);
    writer.paragraph(t("quoted", { text: evidence.shown.statement }), 10.5);
    writer.gap(6);
  }
  const shownIn = evidence.shown?.locale;
  if (shownIn && shownIn !== locale && isAppLocale(shownIn)) {
    writer.paragraph(t("shownIn", { language: t(`languageNames.${shownIn}`) }), 9, rgb(0.28, 0.33, 0.41));
    writer.gap(6);
  }

  writer.heading(t("sections.reference"), bold);
  writer.pairs([[t("labels.receiptId"), row.id], ...(evidence.tokenHash ? ([[t("labels.tokenHash"), evidence.tokenHash]] as Array<[string, string]>) : [])], bold, mono);
  writer.gap(8);
  writer.paragraph(t("footer"), 8.5, rgb(0.4, 0.45, 0.52));

  const bytes = await pdf.save();
  const filename = t("filename", { name: contract.client.displayName.normalize("NFKD").replace(/\p{M}+/gu, "").replace(/ß/g, "ss").replace(/[^\w-]+/g, "-").toLowerCase(), version: String(row.proposalVersion) });
  return { filename, bytes, text: writer.drawn.join("\n"), locale };
}

/** A tiny top-to-bottom text layout on A4 with page breaks (the advice record's PDF uses it too). */
/** Lines of `text` (already made safe for the font) that fit `maxWidth`: by words, and a word wider than a line by characters. Every PDF of the portal wraps with it. */
export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(/\s+/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      // A single word wider than the line (a hash, a user agent): break it by characters.
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > maxWidth) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > maxWidth) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

export class Writer {
  /** Every text drawn, as given (before the WinAnsi fallback). */
  readonly drawn: string[] = [];
  private page: PDFPage;
  private y: number;
  private readonly margin = 56;
  private readonly width = 595.28;
  private readonly height = 841.89;
  constructor(private readonly pdf: PDFDocument, private readonly font: PDFFont) {
    this.page = pdf.addPage([this.width, this.height]);
    this.y = this.height - this.margin;
  }
  private ensure(space: number) {
    if (this.y - space < this.margin) {
      this.page = this.pdf.addPage([this.width, this.height]);
      this.y = this.height - this.margin;
    }
  }
  gap(points: number) {
    this.y -= points;
  }
  private wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
    return wrapText(pdfSafe(text), font, size, maxWidth);
  }
  text(value: string, options: { font?: PDFFont; size?: number; color?: ReturnType<typeof rgb>; x?: number; maxWidth?: number } = {}) {
    this.drawn.push(value);
    const font = options.font ?? this.font;
    const size = options.size ?? 10;
    const x = options.x ?? this.margin;
    for (const line of this.wrap(value, font, size, options.maxWidth ?? this.width - x - this.margin)) {
      this.ensure(size * 1.4);
      this.y -= size * 1.3;
      this.page.drawText(line, { x, y: this.y, size, font, color: options.color ?? rgb(0.06, 0.09, 0.16) });
    }
  }
  paragraph(value: string, size: number, color = rgb(0.06, 0.09, 0.16)) {
    this.text(value, { size, color });
  }
  heading(value: string, font: PDFFont) {
    this.ensure(40);
    this.gap(4);
    this.text(value.toUpperCase(), { font, size: 9, color: rgb(0.4, 0.45, 0.52) });
    this.page.drawLine({ start: { x: this.margin, y: this.y - 4 }, end: { x: this.width - this.margin, y: this.y - 4 }, thickness: 0.5, color: rgb(0.85, 0.88, 0.92) });
    this.gap(8);
  }
  pairs(rows: Array<[string, string]>, labelFont: PDFFont, valueFont: PDFFont = this.font) {
    const labelWidth = 150;
    for (const [label, value] of rows) {
      const startY = this.y;
      const startPage = this.page;
      this.text(label, { font: labelFont, size: 9.5, color: rgb(0.28, 0.33, 0.41), maxWidth: labelWidth - 10 });
      const afterLabel = this.y;
      if (this.page === startPage) this.y = startY;
      this.text(value, { font: valueFont, size: 9.5, x: this.margin + labelWidth });
      this.y = Math.min(this.y, this.page === startPage ? afterLabel : this.y) - 4;
    }
    this.gap(6);
  }
}
