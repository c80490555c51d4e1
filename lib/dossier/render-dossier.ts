/**
 * The dossier as a PDF in one language, from the evidence record: every section the law asks
 * for, then a last page with the SHA-256 of the evidence's canonical JSON and how to check it.
 * The JSON itself is attached to the PDF (dossier-evidence.json), so the PDF carries its own proof.
 */
import { AFRelationship } from "pdf-lib";
import { formatterFor } from "../format";
import type { AppLocale } from "../i18n/locales";
import { hasMessage, translatorOf } from "../i18n/translate";
import { readStoredText } from "../i18n/stored-text";
import { statusLabel } from "../contracts/status";
import { GREY, LIGHT, BRAND, PdfWriter, fileSlug, newPdf } from "./pdf-writer";
import type { DossierEvidence } from "./evidence";

export const EVIDENCE_ATTACHMENT = "dossier-evidence.json";

export interface RenderedDossier {
  bytes: Uint8Array;
  filename: string;
  /** Every text drawn, per page (for tests and checks). */
  pages: string[][];
}

type Obj = Record<string, unknown>;
const asObj = (value: unknown): Obj => (value && typeof value === "object" && !Array.isArray(value) ? (value as Obj) : {});
const str = (value: unknown): string | null => (typeof value === "string" && value.trim() ? value : null);

export async function renderDossier(evidence: DossierEvidence, json: string, sha256: string, locale: AppLocale): Promise<RenderedDossier> {
  const t = translatorOf(locale, "dossier.pdf");
  const f = formatterFor(locale);
  const none = "—";
  const when = (value: string | null | undefined) => (value ? t("berlinTime", { time: f.dateTime(value, { seconds: true }) }) : none);
  const who = (ref: { id: string; name: string | null } | null, label?: string | null) => (ref ? (ref.name ?? ref.id) : (readStoredText(label ?? null, locale) ?? none));
  const status = (code: number | null) => (code === null ? none : `${statusLabel(code, locale)} (${code})`);
  const source = (value: string) => t(`sources.${value}`);
  // "through the provider's callback" alone when nobody in particular acted.
  const changedBy = (from: string, actor: { id: string; name: string | null } | null, label: string | null) =>
    actor || label ? t("changedBy", { source: source(from), actor: who(actor, label) }) : t("changedBySource", { source: source(from) });
  const eventLabel = (kind: string) => (hasMessage(`dossier.pdf.events.${kind}`, locale) ? t(`events.${kind}`) : kind);
  const { contract, client } = evidence;

  const { pdf, fonts } = await newPdf({ title: t("documentTitle", { client: client.name }), locale, subject: `SHA-256 ${sha256}`, keywords: [`sha256:${sha256}`, evidence.format] });
  const w = new PdfWriter(pdf, fonts);
  w.write(evidence.organization.name, { font: fonts.bold, size: 11, color: BRAND });
  w.gap(6);
  w.title(t("title"));
  w.write(t("subtitle", { client: client.name, product: contract.product?.name ?? t("noProduct"), provider: contract.provider.name }), { size: 11, color: GREY });
  w.gap(10);

  w.heading(t("sections.contract"));
  w.pairs([
    [t("labels.client"), client.name],
    [t("labels.birthDate"), client.birthDate ? f.date(client.birthDate) : none],
    [t("labels.product"), contract.product?.name ?? none],
    [t("labels.provider"), contract.provider.name],
    [t("labels.contractNumber"), contract.contractNumber ?? none],
    [t("labels.providerContractId"), contract.providerContractId ?? none],
    [t("labels.status"), `${status(contract.status)}, ${when(contract.statusChangedAt)}`],
    [t("labels.premium"), contract.premium ? (f.money(contract.premium, contract.currency) ?? contract.premium) : none],
    [t("labels.advisor"), contract.advisor.name],
    [t("labels.contractId"), contract.id],
    [t("labels.generatedAt"), when(evidence.generatedAt)],
  ]);

  w.heading(t("sections.advice"));
  if (evidence.adviceRecords.length === 0) w.paragraph(t("empty.advice"), 10, GREY);
  for (const record of evidence.adviceRecords) {
    const state = record.waived ? t("advice.waived") : record.completedAt ? t("advice.completed") : t("advice.draft");
    w.subheading(t("advice.version", { version: record.version, state }));
    w.pairs([
      [t("labels.channel"), t(`adviceChannels.${record.channel}`)],
      [t("labels.recordedBy"), `${who(record.createdBy)}, ${when(record.createdAt)}`],
      [t("labels.completedAt"), when(record.completedAt)],
      [t("labels.needs"), record.needs || none],
      [t("labels.advice"), record.advice || none],
      [t("labels.reasons"), record.reasons || none],
      [t("labels.productsConsidered"), record.productsConsidered.join(", ") || none],
      ...(record.waived ? ([[t("labels.waiverReason"), record.waiverReason ?? none]] as Array<[string, string]>) : []),
    ]);
    w.pairs([[t("labels.pdfSha256"), record.pdfSha256 ?? t("notFrozen")]], { mono: true });
  }

  w.heading(t("sections.consents"));
  if (evidence.consents.length === 0) w.paragraph(t("empty.consents"), 10, GREY);
  for (const consent of evidence.consents) {
    const proof = asObj(consent.evidence);
    w.subheading(`${t(`purposes.${consent.purpose}`)} · ${consent.withdrawnAt ? t("consent.withdrawn") : t("consent.active")}`);
    w.pairs([
      [t("labels.givenAt"), when(consent.givenAt)],
      [t("labels.source"), t(`consentSources.${consent.source}`)],
      ...(consent.recordedBy ? ([[t("labels.recordedBy"), who(consent.recordedBy)]] as Array<[string, string]>) : []),
      [t("labels.textShown"), t("quoted", { text: consent.text })],
      [t("labels.language"), consent.locale],
      ...(str(proof.ip) ? ([[t("labels.ip"), str(proof.ip)!]] as Array<[string, string]>) : []),
      ...(str(proof.userAgent) ? ([[t("labels.browser"), str(proof.userAgent)!]] as Array<[string, string]>) : []),
      ...(consent.withdrawnAt
        ? ([[t("labels.withdrawnAt"), `${when(consent.withdrawnAt)}${consent.withdrawalSource ? `, ${t(`consentSources.${consent.withdrawalSource}`)}` : ""}${consent.withdrawnBy ? `, ${who(consent.withdrawnBy)}` : ""}`]] as Array<[string, string]>)
        : []),
    ]);
  }

  w.heading(t("sections.versions"));
  if (evidence.proposalVersions.length === 0) w.paragraph(t("empty.versions"), 10, GREY);
  for (const version of evidence.proposalVersions) {
    w.subheading(t("versionTitle", { version: version.version }));
    w.pairs([
      [t("labels.receivedAt"), when(version.at)],
      [t("labels.premium"), version.premium ? (f.money(version.premium, version.currency) ?? version.premium) : none],
      [t("labels.document"), version.document?.name ?? t("noDocument")],
    ]);
    if (version.document) w.pairs([[t("labels.sha256"), version.document.sha256]], { mono: true });
  }

  w.heading(t("sections.approvals"));
  if (evidence.approvals.length === 0) w.paragraph(t("empty.approvals"), 10, GREY);
  for (const approval of evidence.approvals) {
    const proof = asObj(approval.evidence);
    const shown = asObj(proof.shown);
    const recordedBy = asObj(proof.recordedBy);
    w.subheading(t("approvalTitle", { version: approval.proposalVersion, status: t(`approvalStatus.${approval.status}`), channel: t(`approvalChannels.${approval.channel}`) }));
    w.pairs([
      [t("labels.requestedAt"), `${when(approval.createdAt)}${approval.createdBy ? `, ${who(approval.createdBy)}` : ""}`],
      ...(approval.sentTo ? ([[t("labels.sentTo"), approval.sentTo]] as Array<[string, string]>) : []),
      ...(approval.expiresAt ? ([[t("labels.expiresAt"), when(approval.expiresAt)]] as Array<[string, string]>) : []),
      [t("labels.decidedAt"), when(approval.decidedAt)],
      [t("labels.decidedBy"), approval.decidedName ?? none],
      ...(approval.channel === "LINK"
        ? ([
            [t("labels.ip"), str(proof.ip) ?? t("notRecorded")],
            [t("labels.browser"), str(proof.userAgent) ?? t("notRecorded")],
          ] as Array<[string, string]>)
        : ([
            [t("labels.method"), str(proof.methodLabel) ?? str(proof.method) ?? none],
            [t("labels.recordedBy"), `${str(recordedBy.name) ?? none}${str(proof.recordedAt) ? `, ${when(str(proof.recordedAt))}` : ""}`],
            ...(str(proof.note) ? ([[t("labels.note"), str(proof.note)!]] as Array<[string, string]>) : []),
          ] as Array<[string, string]>)),
      ...(str(shown.statement) ? ([[t("labels.statementShown"), t("quoted", { text: str(shown.statement)! })]] as Array<[string, string]>) : []),
      ...(Array.isArray(shown.summary) && shown.summary.length
        ? ([[t("labels.summaryShown"), shown.summary.map((line) => `${str(asObj(line).label) ?? ""}: ${str(asObj(line).value) ?? ""}`).join("\n")]] as Array<[string, string]>)
        : []),
      ...(approval.declineReason ? ([[t("labels.declineReason"), approval.declineReason]] as Array<[string, string]>) : []),
      ...(approval.voidReason ? ([[t("labels.voidReason"), readStoredText(approval.voidReason, locale)]] as Array<[string, string]>) : []),
    ]);
    w.pairs(
      [
        [t("labels.proposalSha256"), approval.proposalSha256],
        [t("labels.adviceSha256"), approval.adviceSha256 ?? none],
      ],
      { mono: true },
    );
  }

  w.heading(t("sections.order"));
  if (evidence.order) {
    w.pairs([
      [t("labels.orderedAt"), when(evidence.order.at)],
      [t("labels.orderedBy"), `${who(evidence.order.actor, evidence.order.actorLabel)} (${source(evidence.order.source)})`],
    ]);
  } else w.paragraph(t("empty.order"), 10, GREY);

  w.heading(t("sections.statusChanges"));
  if (evidence.statusChanges.length === 0) w.paragraph(t("empty.statusChanges"), 10, GREY);
  for (const change of evidence.statusChanges) {
    const note = readStoredText(change.note, locale);
    w.pairs([[when(change.at), `${change.from === null ? "" : `${status(change.from)} → `}${status(change.to)}\n${changedBy(change.source, change.actor, change.actorLabel)}${note ? `\n${note}` : ""}`]]);
  }
  if (evidence.otherEvents.length > 0) {
    w.subheading(t("otherEvents"));
    for (const event of evidence.otherEvents) w.pairs([[when(event.at), `${eventLabel(event.kind)} · ${changedBy(event.source, event.actor, event.actorLabel)}`]]);
  }

  w.heading(t("sections.documents"));
  w.subheading(t("policyDocuments"));
  if (evidence.policyDocuments.length === 0) w.paragraph(t("empty.policyDocuments"), 10, GREY);
  for (const document of evidence.policyDocuments) {
    w.pairs([[document.name, `${when(document.receivedAt)} · ${f.number(Math.ceil(document.size / 1024))} KB`]]);
    w.mono(document.sha256);
    w.gap(4);
  }
  const others = evidence.documents.filter((document) => document.kind !== "POLICY");
  if (others.length > 0) {
    w.subheading(t("otherDocuments"));
    for (const document of others) {
      w.pairs([[document.name, `${t(`documentKinds.${document.kind}`)} · ${when(document.receivedAt)}`]]);
      w.mono(document.sha256);
      w.gap(4);
    }
  }

  // The proof, always on a page of its own: the last one.
  w.newPage();
  w.heading(t("sections.verification"));
  w.paragraph(t("verify.hashLabel"), 10);
  w.gap(4);
  w.write(sha256, { font: fonts.mono, size: 10.5 });
  w.gap(10);
  w.paragraph(t("verify.what", { file: EVIDENCE_ATTACHMENT }), 10);
  w.gap(6);
  w.paragraph(t("verify.how", { file: EVIDENCE_ATTACHMENT }), 10);
  w.gap(4);
  w.write(`sha256sum ${EVIDENCE_ATTACHMENT}`, { font: fonts.mono, size: 9.5 });
  w.write(`certutil -hashfile ${EVIDENCE_ATTACHMENT} SHA256`, { font: fonts.mono, size: 9.5 });
  w.gap(6);
  w.paragraph(t("verify.audit", { time: when(evidence.generatedAt), firm: evidence.organization.name }), 10);
  w.gap(6);
  w.paragraph(t("verify.documents"), 10);
  w.gap(10);
  w.paragraph(t("footer", { format: evidence.format }), 8.5, LIGHT);

  await pdf.attach(new TextEncoder().encode(json), EVIDENCE_ATTACHMENT, {
    mimeType: "application/json",
    description: t("attachmentDescription"),
    creationDate: new Date(evidence.generatedAt ?? Date.now()),
    modificationDate: new Date(evidence.generatedAt ?? Date.now()),
    afRelationship: AFRelationship.Source,
  });
  const bytes = await pdf.save();
  return { bytes, filename: t("filename", { client: fileSlug(client.name), id: contract.id.slice(-8) }), pages: w.pages };
}
