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
import { DEFAULT_LOCALE, formatDateTime } from "../format";

const evidenceSchema = z
  .object({
    decision: z.string().optional(),
    ip: z.string().nullish(),
    userAgent: z.string().nullish(),
    email: z.string().nullish(),
    tokenHash: z.string().nullish(),
    documentName: z.string().nullish(),
    shown: z.object({ summary: z.array(z.object({ label: z.string(), value: z.string() })).default([]), statement: z.string().nullish(), declineNotice: z.string().nullish() }).optional(),
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
  decidedAt: true,
  decidedName: true,
  declineReason: true,
  voidReason: true,
  evidence: true,
  contract: { select: { id: true, organization: { select: { name: true } }, advisor: { select: { name: true } }, client: { select: { displayName: true } }, product: { select: { name: true } }, provider: { select: { name: true } } } },
} as const;

type ReceiptRow = NonNullable<Awaited<ReturnType<typeof findReceiptRow>>>;
const findReceiptRow = (where: Parameters<ReturnType<typeof db>["approvalRequest"]["findFirst"]>[0]) => db().approvalRequest.findFirst({ ...where, select: receiptSelect });

export interface Receipt {
  filename: string;
  bytes: Uint8Array;
}

/** The customer's receipt: only once their link has been used for a decision. */
export async function getCustomerReceipt(token: unknown): Promise<Receipt> {
  const tokenHash = tokenHashOf(token);
  const row = tokenHash ? await findReceiptRow({ where: { tokenHash, channel: "LINK", decidedAt: { not: null } } }) : null;
  if (!row) throw notFound("This receipt");
  return renderReceipt(row);
}

/** The advisor's copy: scoped like the contract itself. */
export async function getAdvisorReceipt(viewer: Pick<SessionUser, "id" | "organizationId" | "role">, contractId: string, approvalId: string): Promise<Receipt> {
  const row = await findReceiptRow({ where: { id: approvalId, contractId, decidedAt: { not: null }, contract: contractScope(viewer) } });
  if (!row) throw notFound("This receipt");
  return renderReceipt(row);
}

// Helvetica speaks WinAnsi only: keep Latin-1 and the few extras, replace the rest.
const pdfSafe = (text: string) => text.replace(/[\u00a0\u202f]/g, " ").replace(/[^\x20-\x7e\u00a1-\u00ff€–—‘’“”•…]/g, "?");

export async function renderReceipt(row: ReceiptRow): Promise<Receipt> {
  const evidence = evidenceSchema.parse(row.evidence ?? {});
  const { contract } = row;
  const decision = row.decidedAt && row.status === "DECLINED" ? "Declined" : "Approved";
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Approval receipt ${row.id}`);
  pdf.setProducer("Proposal Desk");
  pdf.setCreationDate(new Date());
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const mono = await pdf.embedFont(StandardFonts.Courier);

  const writer = new Writer(pdf, regular);
  writer.text(contract.organization.name, { font: bold, size: 11, color: rgb(0.11, 0.25, 0.72) });
  writer.gap(6);
  writer.text(`${decision === "Approved" ? "Approval" : "Decision"} receipt`, { font: bold, size: 20 });
  writer.text(`${decision} by ${row.decidedName ?? contract.client.displayName} on ${formatUtc(row.decidedAt!)}`, { size: 11, color: rgb(0.28, 0.33, 0.41) });
  writer.gap(14);

  writer.heading("Decision", bold);
  writer.pairs([
    ["Decision", decision],
    ["Name", row.decidedName ?? "—"],
    ["Time", formatUtc(row.decidedAt!)],
    ["Channel", row.channel === "LINK" ? "Personal link sent by email" : `Outside the portal${evidence.methodLabel ? ` (${evidence.methodLabel})` : ""}`],
    ...(row.channel === "LINK"
      ? ([
          ["Sent to", evidence.email ?? "—"],
          ["IP address", evidence.ip ?? "not recorded"],
          ["Browser", evidence.userAgent ?? "not recorded"],
        ] as Array<[string, string]>)
      : ([
          ["Recorded by", evidence.recordedBy?.name ?? "—"],
          ["Recorded at", evidence.recordedAt ? formatUtc(new Date(evidence.recordedAt)) : "—"],
          ["Note", evidence.note ?? "—"],
        ] as Array<[string, string]>)),
    ...(row.declineReason ? ([["Reason", row.declineReason]] as Array<[string, string]>) : []),
    ...(row.status === "VOID" && row.voidReason ? ([["Later voided", row.voidReason]] as Array<[string, string]>) : []),
  ], bold);

  writer.heading("Proposal", bold);
  const summary = evidence.shown?.summary?.length
    ? evidence.shown.summary.map((line) => [line.label, line.value] as [string, string])
    : ([
        ["Customer", contract.client.displayName],
        ["Product", contract.product?.name ?? "—"],
        ["Provider", contract.provider.name],
        ["Proposal version", String(row.proposalVersion)],
      ] as Array<[string, string]>);
  writer.pairs([...summary, ["Advisor", `${contract.advisor.name}, ${contract.organization.name}`]], bold);
  writer.text("SHA-256 of the proposal document:", { size: 9, color: rgb(0.28, 0.33, 0.41) });
  writer.text(row.documentSha256, { font: mono, size: 8.5 });
  writer.gap(10);

  if (evidence.shown?.statement && decision === "Approved") {
    writer.heading("Statement confirmed", bold);
    writer.paragraph(`“${evidence.shown.statement}”`, 10.5);
    writer.gap(6);
  }

  writer.heading("Reference", bold);
  writer.pairs([["Receipt id", row.id], ...(evidence.tokenHash ? ([["Link (SHA-256 of token)", evidence.tokenHash]] as Array<[string, string]>) : [])], bold, mono);
  writer.gap(8);
  writer.paragraph("This receipt was generated by Proposal Desk from the evidence recorded at the moment of the decision. The evidence itself is kept unchanged.", 8.5, rgb(0.4, 0.45, 0.52));

  const bytes = await pdf.save();
  const filename = `receipt-${contract.client.displayName.replace(/[^\w-]+/g, "-").toLowerCase()}-v${row.proposalVersion}.pdf`;
  return { filename, bytes };
}

function formatUtc(date: Date): string {
  return `${formatDateTime(date, DEFAULT_LOCALE, { seconds: true })} (Berlin time)`;
}

/** A tiny top-to-bottom text layout on A4 with page breaks. */
class Writer {
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
    const lines: string[] = [];
    for (const paragraph of pdfSafe(text).split("\n")) {
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
  text(value: string, options: { font?: PDFFont; size?: number; color?: ReturnType<typeof rgb>; x?: number; maxWidth?: number } = {}) {
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
