/** A small one-page A4 document writer over pdf-lib, shared by proposal and policy PDFs. */
import { createCipheriv, createHash } from "node:crypto";
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from "pdf-lib";

/** The standard fonts encode WinAnsi only: keep Latin-1 (and €), fold or replace the rest. */
export function pdfSafe(text: string): string {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || char === "€") out += char;
    else {
      const folded = char.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
      out += /^[\x20-\x7e]+$/.test(folded) ? folded : "?";
    }
  }
  return out;
}

export interface DocumentSpec {
  title: string;
  subtitle: string;
  rows: [label: string, value: string][];
  paragraphs: string[];
  footer: string;
  /** Pad the file to at least this many bytes with an embedded attachment (a valid PDF, bytes a function of the content). */
  minBytes?: number;
}

/** Incompressible but deterministic bytes (AES-CTR over zeros, keyed by `seed`). */
function paddingBytes(seed: string, length: number): Uint8Array {
  const cipher = createCipheriv("aes-256-ctr", createHash("sha256").update(seed).digest(), Buffer.alloc(16));
  return new Uint8Array(Buffer.concat([cipher.update(Buffer.alloc(length)), cipher.final()]));
}

export async function renderDocument(spec: DocumentSpec): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(pdfSafe(spec.title));
  pdf.setAuthor("FiNUM Sandbox Insurance");
  pdf.setProducer("finum-sandbox");
  // Fixed dates keep the bytes a function of the content (same input, same SHA-256).
  pdf.setCreationDate(new Date(0));
  pdf.setModificationDate(new Date(0));
  const page = pdf.addPage([595.28, 841.89]);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const writer = new Writer(page, regular, bold);

  writer.text("FiNUM Sandbox Insurance", { size: 10, color: 0.4 });
  writer.gap(14);
  writer.text(spec.title, { size: 20, font: "bold" });
  writer.text(spec.subtitle, { size: 11, color: 0.3 });
  writer.gap(16);
  for (const [label, value] of spec.rows) writer.row(label, value);
  writer.gap(14);
  for (const paragraph of spec.paragraphs) {
    writer.wrapped(paragraph, 10);
    writer.gap(6);
  }
  page.drawText(pdfSafe(spec.footer), { x: 50, y: 40, size: 8, font: regular, color: rgb(0.45, 0.45, 0.45) });
  if (spec.minBytes && spec.minBytes > 0) {
    await pdf.attach(paddingBytes(spec.footer, spec.minBytes), "padding.bin", {
      mimeType: "application/octet-stream",
      description: "Sandbox padding (large-document fault)",
      creationDate: new Date(0),
      modificationDate: new Date(0),
    });
  }
  return Buffer.from(await pdf.save());
}

class Writer {
  private y = 790;
  constructor(
    private readonly page: PDFPage,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {}

  gap(points: number) {
    this.y -= points;
  }

  text(value: string, options: { size: number; font?: "bold"; color?: number }) {
    const font = options.font === "bold" ? this.bold : this.regular;
    const grey = options.color ?? 0;
    this.page.drawText(pdfSafe(value), { x: 50, y: this.y, size: options.size, font, color: rgb(grey, grey, grey) });
    this.y -= options.size + 6;
  }

  row(label: string, value: string) {
    this.page.drawText(pdfSafe(label), { x: 50, y: this.y, size: 10, font: this.bold });
    this.page.drawText(pdfSafe(value).slice(0, 80), { x: 210, y: this.y, size: 10, font: this.regular });
    this.y -= 16;
  }

  wrapped(value: string, size: number) {
    const words = pdfSafe(value).split(/\s+/);
    let line = "";
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (this.regular.widthOfTextAtSize(candidate, size) > 495 && line) {
        this.text(line, { size });
        line = word;
      } else line = candidate;
    }
    if (line) this.text(line, { size });
  }
}
