/**
 * A small top-to-bottom text layout on A4 with page breaks, in the house style of the approval
 * receipt (Helvetica, WinAnsi): shared by the evidence dossier and the data-subject export. Every
 * text drawn is kept per page, so tests and callers can check what a page says.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { wrapText } from "../approvals/approval-receipt";

// Helvetica speaks WinAnsi only: keep Latin-1 (German umlauts and ß included) and the few extras, replace the rest.
export const pdfSafe = (text: string) =>
  text
    .replace(/[\u00a0\u202f]/g, " ")
    .replace(/→/g, "->")
    .replace(/[^\n\x20-\x7e\u00a1-\u00ff€–—‘’“”„•…]/g, "?");

export const GREY = rgb(0.28, 0.33, 0.41);
export const LIGHT = rgb(0.4, 0.45, 0.52);
export const BRAND = rgb(0.11, 0.25, 0.72);
const INK = rgb(0.06, 0.09, 0.16);

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  mono: PDFFont;
}

export async function newPdf(options: { title: string; locale: "de" | "en"; subject?: string; keywords?: string[] }): Promise<{ pdf: PDFDocument; fonts: Fonts }> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(pdfSafe(options.title));
  pdf.setLanguage(options.locale === "de" ? "de-DE" : "en-GB");
  pdf.setProducer("Proposal Desk");
  pdf.setCreator("Proposal Desk");
  if (options.subject) pdf.setSubject(pdfSafe(options.subject));
  if (options.keywords) pdf.setKeywords(options.keywords);
  pdf.setCreationDate(new Date());
  const fonts = { regular: await pdf.embedFont(StandardFonts.Helvetica), bold: await pdf.embedFont(StandardFonts.HelveticaBold), mono: await pdf.embedFont(StandardFonts.Courier) };
  return { pdf, fonts };
}

export class PdfWriter {
  /** Every text drawn, as given (before the WinAnsi fallback), per page. */
  readonly pages: string[][] = [];
  private page!: PDFPage;
  private y = 0;
  private readonly margin = 56;
  private readonly width = 595.28;
  private readonly height = 841.89;
  constructor(private readonly pdf: PDFDocument, readonly fonts: Fonts) {
    this.newPage();
  }
  newPage() {
    this.page = this.pdf.addPage([this.width, this.height]);
    this.pages.push([]);
    this.y = this.height - this.margin;
  }
  get text(): string {
    return this.pages.map((page) => page.join("\n")).join("\n");
  }
  private ensure(space: number) {
    if (this.y - space < this.margin) this.newPage();
  }
  gap(points: number) {
    this.y -= points;
  }
  private wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
    return wrapText(pdfSafe(text), font, size, maxWidth);
  }
  write(value: string, options: { font?: PDFFont; size?: number; color?: ReturnType<typeof rgb>; x?: number; maxWidth?: number } = {}) {
    const font = options.font ?? this.fonts.regular;
    const size = options.size ?? 10;
    const x = options.x ?? this.margin;
    const lines = this.wrap(value, font, size, options.maxWidth ?? this.width - x - this.margin);
    this.ensure(size * 1.4);
    this.pages.at(-1)!.push(value);
    for (const line of lines) {
      this.ensure(size * 1.4);
      this.y -= size * 1.3;
      this.page.drawText(line, { x, y: this.y, size, font, color: options.color ?? INK });
    }
  }
  paragraph(value: string, size = 10, color = INK) {
    this.write(value, { size, color });
  }
  title(value: string) {
    this.write(value, { font: this.fonts.bold, size: 20 });
  }
  heading(value: string) {
    this.ensure(48);
    this.gap(6);
    this.write(value.toUpperCase(), { font: this.fonts.bold, size: 9, color: LIGHT });
    this.page.drawLine({ start: { x: this.margin, y: this.y - 4 }, end: { x: this.width - this.margin, y: this.y - 4 }, thickness: 0.5, color: rgb(0.85, 0.88, 0.92) });
    this.gap(8);
  }
  subheading(value: string) {
    this.ensure(36);
    this.gap(2);
    this.write(value, { font: this.fonts.bold, size: 10.5 });
    this.gap(2);
  }
  pairs(rows: Array<[string, string]>, options: { mono?: boolean } = {}) {
    const labelWidth = 150;
    for (const [label, value] of rows) {
      this.ensure(9.5 * 1.4);
      const startY = this.y;
      const startPage = this.page;
      this.write(label, { font: this.fonts.bold, size: 9.5, color: GREY, maxWidth: labelWidth - 10 });
      const afterLabel = this.y;
      if (this.page === startPage) this.y = startY;
      this.write(value, { font: options.mono ? this.fonts.mono : this.fonts.regular, size: 9.5, x: this.margin + labelWidth });
      this.y = Math.min(this.y, this.page === startPage ? afterLabel : this.y) - 4;
    }
    this.gap(6);
  }
  mono(value: string, size = 8.5) {
    this.write(value, { font: this.fonts.mono, size });
  }
}

/** A file name from a person's or firm's name: ASCII letters, digits and dashes. */
export const fileSlug = (value: string) =>
  value.normalize("NFKD").replace(/\p{M}+/gu, "").replace(/ß/g, "ss").replace(/[^\w-]+/g, "-").replace(/^-+|-+$/g, "").toLowerCase() || "client";
