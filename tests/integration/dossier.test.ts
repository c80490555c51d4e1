import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { attachedEvidence, buildDossier, contractsDueForDossier, dossierSummary, generateDossierFor, getStoredDossier, storeDossier, storeDueDossiers, verifyDossierPdf } from "@/lib/dossier/dossier";
import { canonicalJson } from "@/lib/dossier/canonical";
import { renderDossier } from "@/lib/dossier/render-dossier";
import { DOSSIER_QUEUES, startDossierWorkers } from "@/lib/dossier/worker";
import { boss, stopBoss } from "@/lib/jobs/boss";
import { eventually } from "../sandbox";
import { makeClient, makeFirm } from "../factories";
import { makeContractWithHistory, sha } from "./dossier-fixtures";

afterAll(async () => {
  await stopBoss();
});

describe("contract evidence dossier", () => {
  it("holds every item of the contract's evidence, hashed over its canonical JSON, attached to the PDF and audited", async () => {
    const { advisor } = await makeFirm();
    const client = await makeClient(advisor, { firstName: "Erika", lastName: "Mustermann" });
    const fixture = await makeContractWithHistory(advisor, client.id);

    const dossier = await generateDossierFor(advisor, fixture.contractId, "en");
    const evidence = JSON.parse(dossier.json);
    // Canonical: re-serialising gives the same bytes, and the hash is over those bytes.
    expect(canonicalJson(evidence)).toBe(dossier.json);
    expect(sha(dossier.json)).toBe(dossier.sha256);

    // Advice records, both versions, the completed one with its PDF's hash.
    expect(evidence.adviceRecords.map((r: { version: number; pdfSha256: string | null; completedAt: string | null }) => [r.version, r.pdfSha256, Boolean(r.completedAt)])).toEqual([
      [1, null, false],
      [2, fixture.advice[1]!.sha256, true],
    ]);
    // Consents with purpose, source, time, text and withdrawal.
    expect(evidence.consents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ purpose: "PROVIDER_SHARING", source: "CUSTOMER_LINK", text: "I agree that my data is shared with the provider.", withdrawnAt: null }),
        expect.objectContaining({ purpose: "CONTACT_PHONE", source: "ADVISOR", withdrawnAt: fixture.consents.withdrawn.withdrawnAt!.toISOString(), withdrawalSource: "ADVISOR" }),
      ]),
    );
    // Every proposal version with its document's hash.
    expect(evidence.proposalVersions.map((v: { version: number; document: { sha256: string } }) => [v.version, v.document.sha256])).toEqual([
      [1, sha("%PDF-1.4 proposal version one")],
      [2, sha("%PDF-1.4 proposal version two")],
    ]);
    // The approval evidence binding proposal and advice.
    expect(evidence.approvals[0]).toMatchObject({ channel: "LINK", status: "APPROVED", decidedName: "Erika Mustermann", proposalSha256: fixture.documents.v2.sha256, adviceSha256: fixture.advice[1]!.sha256, evidence: { ip: "203.0.113.7" } });
    // The order with who and when, every status change with its source.
    expect(evidence.order).toMatchObject({ source: "ADVISOR", actor: { id: advisor.id, name: advisor.name } });
    expect(evidence.statusChanges.map((c: { to: number; source: string }) => `${c.to}:${c.source}`)).toEqual(["120:ADVISOR", "130:CALLBACK", "230:ADVISOR", "320:POLL"]);
    expect(evidence.policyDocuments).toEqual([expect.objectContaining({ name: "Police.pdf", sha256: sha("%PDF-1.4 the policy") })]);

    // The PDF says it all, in the reader's language; the hash stands on the last page.
    const text = dossier.pages.flat().join("\n");
    for (const expected of ["Contract evidence dossier", "Liability with family and dog cover", "Sharing with the provider", "I agree that my data is shared with the provider.", "203.0.113.7", "Police.pdf", fixture.documents.v1.sha256, fixture.advice[1]!.sha256, "Ordered (230)", "Active (320)"]) expect(text).toContain(expected);
    expect(dossier.pages.at(-1)).toContain(dossier.sha256);
    expect(dossier.pages.slice(0, -1).flat()).not.toContain(dossier.sha256);
    expect(Buffer.from(dossier.pdf.subarray(0, 5)).toString()).toBe("%PDF-");

    // The attached evidence is the very JSON: a third party hashes it and gets the printed value.
    const attached = await attachedEvidence(dossier.pdf);
    expect(Buffer.from(attached!).toString("utf8")).toBe(dossier.json);
    expect(sha(attached!)).toBe(dossier.sha256);
    // And the audit log has it.
    const audit = await db().auditEvent.findFirst({ where: { entityType: "Contract", entityId: fixture.contractId, action: "dossier.generated" } });
    expect(audit).toMatchObject({ actorId: advisor.id, data: expect.objectContaining({ sha256: dossier.sha256, locale: "en" }) });
    expect(await verifyDossierPdf(advisor, dossier.pdf)).toMatchObject({ sha256: dossier.sha256, contractId: fixture.contractId, auditedAt: audit!.at });
  });

  it("is in German for a German reader", async () => {
    const { advisor } = await makeFirm();
    const client = await makeClient(advisor);
    const fixture = await makeContractWithHistory(advisor, client.id);
    const dossier = await buildDossier(fixture.contractId, "de");
    const text = dossier.pages.flat().join("\n");
    expect(text).toContain("Nachweisakte zum Vertrag");
    expect(text).toContain("Weitergabe an den Anbieter");
    expect(text).toContain("Beantragt (230)");
    expect(text).toContain("SHA-256 der Nachweise dieser Akte");
    expect(dossier.filename).toMatch(/^nachweisakte-/);
  });

  it("refuses a tampered PDF, and one the firm never made", async () => {
    const { advisor } = await makeFirm();
    const client = await makeClient(advisor);
    const fixture = await makeContractWithHistory(advisor, client.id);
    // Built without the audit entry: the hash is right but the firm never issued it.
    const unaudited = await buildDossier(fixture.contractId, "en");
    expect((await verifyDossierPdf(advisor, unaudited.pdf)).auditedAt).toBeNull();
    // Evidence changed after the fact: the hash no longer matches anything the firm recorded.
    const issued = await generateDossierFor(advisor, fixture.contractId, "en");
    expect((await verifyDossierPdf(advisor, issued.pdf)).auditedAt).not.toBeNull();
    // A forger who changes the evidence and re-renders a self-consistent PDF still fails: the firm never recorded that hash.
    const forgedEvidence = { ...issued.evidence, approvals: issued.evidence.approvals.map((a) => ({ ...a, evidence: { ...(a.evidence as object), ip: "198.51.100.1" } })) };
    const forgedJson = canonicalJson(forgedEvidence);
    const forged = await renderDossier(forgedEvidence, forgedJson, sha(forgedJson), "en");
    const verdict = await verifyDossierPdf(advisor, forged.bytes);
    expect(verdict.sha256).not.toBe(issued.sha256);
    expect(verdict).toMatchObject({ contractId: fixture.contractId, auditedAt: null, matchesStored: false });
    // A PDF without evidence is refused.
    await expect(verifyDossierPdf(advisor, fixture.documents.v1.bytes)).rejects.toBeInstanceOf(AppError);
  });

  it("is scoped like the contract: another advisor and another firm are refused", async () => {
    const { advisor, otherAdvisor, admin } = await makeFirm();
    const stranger = (await makeFirm()).admin;
    const client = await makeClient(advisor);
    const fixture = await makeContractWithHistory(advisor, client.id);
    await expect(generateDossierFor(otherAdvisor, fixture.contractId, "en")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(generateDossierFor(stranger, fixture.contractId, "en")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(dossierSummary(stranger, fixture.contractId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await generateDossierFor(admin, fixture.contractId, "en")).sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is stored once, in the firm's language, when the contract reached 320, by the scan job", async () => {
    const { advisor } = await makeFirm();
    const firm = { limit: 100, organizationId: advisor.organizationId };
    const client = await makeClient(advisor);
    const active = await makeContractWithHistory(advisor, client.id);
    const ordered = await makeContractWithHistory(advisor, client.id, { status: 230 });
    const due = await contractsDueForDossier(firm);
    expect(due).toContain(active.contractId);
    expect(due).not.toContain(ordered.contractId);

    const before = await storeDueDossiers(firm);
    expect(before.stored).toBeGreaterThanOrEqual(1);
    const stored = await db().contractDossier.findUniqueOrThrow({ where: { contractId: active.contractId } });
    expect(stored.locale).toBe("en"); // the test firm's default
    expect(sha(stored.evidence)).toBe(stored.sha256);
    expect(sha(Buffer.from((await attachedEvidence(stored.pdf))!))).toBe(stored.sha256);
    expect(await db().auditEvent.count({ where: { entityId: active.contractId, action: "dossier.stored", data: { path: ["sha256"], equals: stored.sha256 } } })).toBe(1);
    expect(await db().contractDossier.count({ where: { contractId: ordered.contractId } })).toBe(0);

    // Once only: a second run and a direct call keep the first.
    await storeDueDossiers(firm);
    expect(await storeDossier(active.contractId)).toBeNull();
    expect(await db().contractDossier.count({ where: { contractId: active.contractId } })).toBe(1);
    expect(await contractsDueForDossier(firm)).not.toContain(active.contractId);

    // The advisor sees it on the contract page and downloads it (audited); a verification finds it.
    expect((await dossierSummary(advisor, active.contractId)).stored).toMatchObject({ sha256: stored.sha256 });
    const download = await getStoredDossier(advisor, active.contractId);
    expect(download.sha256).toBe(stored.sha256);
    expect(await verifyDossierPdf(advisor, download.pdf)).toMatchObject({ matchesStored: true, auditedAt: expect.any(Date) });
    await expect(getStoredDossier(advisor, ordered.contractId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("is stored by the pg-boss worker for a contract that became active", async () => {
    const { advisor } = await makeFirm();
    const client = await makeClient(advisor);
    const active = await makeContractWithHistory(advisor, client.id);
    const instance = await boss();
    await startDossierWorkers(instance);
    await instance.send(DOSSIER_QUEUES.store, { organizationId: advisor.organizationId });
    // The queue is one at a time: a scan of the whole shared test database may be running first.
    await eventually(async () => (await db().contractDossier.count({ where: { contractId: active.contractId } })) === 1 || undefined, 100_000, "the worker to store the dossier");
  }, 120_000);
});
