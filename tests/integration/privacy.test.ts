import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { exportClientJson } from "@/lib/privacy/export";
import { exportClientPdf } from "@/lib/privacy/export-pdf";
import { eraseClient, erasureOf, previewErasure } from "@/lib/privacy/erase";
import { runPrivacyRetention } from "@/lib/privacy/retention";
import { getRetentionSettings, saveRetentionSettings } from "@/lib/privacy/settings";
import { generateDossierFor, storeDossier } from "@/lib/dossier/dossier";
import { makeClient, makeFirm } from "../factories";
import { makeContractWithHistory, PROPOSAL_V1 } from "./dossier-fixtures";

const YEAR = 365.25 * 86_400_000;
const rowOf = (id: string) => db().client.findUniqueOrThrow({ where: { id } });

describe("data-subject requests", () => {
  it("exports everything about a client as JSON (documents included) and PDF, audited, for their advisor and the admin only", async () => {
    const { advisor, otherAdvisor, admin } = await makeFirm();
    const stranger = (await makeFirm()).admin;
    const client = await makeClient(advisor, { firstName: "Greta", lastName: "Lindqvist", phone: "+49 40 555 1234", street: "Elbchaussee 1", city: "Hamburg", postalCode: "22763" }, { consents: false });
    const fixture = await makeContractWithHistory(advisor, client.id);
    await generateDossierFor(advisor, fixture.contractId, "en");

    const { json, filename } = await exportClientJson(advisor, client.id);
    expect(filename).toMatch(/^client-data-lindqvist-greta\.json$/);
    const data = JSON.parse(json);
    expect(data.client).toMatchObject({ firstName: "Greta", lastName: "Lindqvist", email: (await rowOf(client.id)).email, phone: "+49 40 555 1234", birthDate: "1980-05-17", street: "Elbchaussee 1" });
    expect(data.consents.map((c: { purpose: string }) => c.purpose).sort()).toEqual(["CONTACT_PHONE", "PROVIDER_SHARING"]);
    const [contract] = data.contracts;
    expect(contract.id).toBe(fixture.contractId);
    expect(contract.timeline.map((e: { kind: string; to: number }) => `${e.kind}:${e.to}`)).toEqual(expect.arrayContaining(["status:120", "status:230", "status:320", "approval.approved:130"]));
    expect(contract.approvals[0]).toMatchObject({ decidedName: "Erika Mustermann", evidence: { ip: "203.0.113.7" } });
    expect(contract.approvals[0].tokenHash).toBeUndefined();
    expect(contract.adviceRecords.map((r: { version: number }) => r.version)).toEqual([1, 2]);
    expect(contract.proposalVersions).toHaveLength(2);
    // The documents themselves, byte for byte.
    const v1 = contract.documents.find((d: { name: string }) => d.name === "Angebot v1.pdf");
    expect(Buffer.from(v1.contentBase64, "base64").toString()).toBe(PROPOSAL_V1);
    expect(contract.documents).toHaveLength(3);
    // The audit entries about them.
    expect(data.auditEntries.map((a: { action: string }) => a.action)).toContain("dossier.generated");

    const pdf = await exportClientPdf(admin, client.id, "de");
    const text = pdf.pages.flat().join("\n");
    for (const expected of ["Ihre personenbezogenen Daten", "Lindqvist, Greta", "+49 40 555 1234", "Weitergabe an den Anbieter", "Privathaftpflicht Komfort", "Angebot v1.pdf", "Nachweisakte erstellt", "Vom Kunden zugestimmt"]) expect(text).toContain(expected);
    expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString()).toBe("%PDF-");

    const audits = await db().auditEvent.findMany({ where: { entityType: "Client", entityId: client.id, action: "privacy.export" }, orderBy: { at: "asc" } });
    expect(audits.map((a) => [a.actorId, (a.data as { format: string }).format])).toEqual([
      [advisor.id, "json"],
      [admin.id, "pdf"],
    ]);

    await expect(exportClientJson(otherAdvisor, client.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(exportClientPdf(stranger, client.id, "en")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("erases a client after the typed confirmation: the person is anonymised, what the law requires is kept with its date", async () => {
    const { advisor, admin } = await makeFirm();
    const stranger = (await makeFirm()).admin;
    const client = await makeClient(advisor, { firstName: "Jörg", lastName: "Bäcker", phone: "+49 30 1234" });
    const active = await makeContractWithHistory(advisor, client.id);
    // A proposal never ordered, last touched four years ago: past the 3-year period, so it goes at once.
    const old = await makeContractWithHistory(advisor, client.id, { status: 130, at: new Date(Date.now() - 4 * YEAR) });
    await db().contractEvent.deleteMany({ where: { contractId: old.contractId, toStatus: { gte: 230 } } });
    await storeDossier(active.contractId);
    await db().notification.create({ data: { userId: advisor.id, contractId: active.contractId, kind: "approval", title: "Jörg Bäcker approved" } });

    // Advisors may not erase; another firm does not see the client; a wrong name changes nothing.
    await expect(eraseClient(advisor, client.id, { confirmName: (await rowOf(client.id)).displayName })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(eraseClient(stranger, client.id, { confirmName: (await rowOf(client.id)).displayName })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(eraseClient(admin, client.id, { confirmName: "Becker, Jörg" })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { confirmName: [expect.any(String)] } });
    expect((await db().client.findUniqueOrThrow({ where: { id: client.id } })).lastName).toBe("Bäcker");

    const preview = await previewErasure(admin, client.id);
    expect(preview.kept.map((k) => `${k.kind}:${k.running}`)).toEqual(expect.arrayContaining(["contract:true", "proposal:false", "consents:false"]));

    await eraseClient(admin, client.id, { confirmName: `  ${(await rowOf(client.id)).displayName.toLowerCase().replace(" ", "  ")} ` });
    const after = await db().client.findUniqueOrThrow({ where: { id: client.id } });
    expect(after).toMatchObject({ displayName: "Anonymised client", firstName: null, lastName: null, email: null, phone: null, birthDate: null, street: null, searchText: "", extra: {} });
    // Kept: the running contract's documents, approval evidence, advice, dossier.
    expect(await db().document.count({ where: { contractId: active.contractId } })).toBe(3);
    expect(await db().adviceRecord.count({ where: { contractId: active.contractId } })).toBe(2);
    expect(await db().contractDossier.count({ where: { contractId: active.contractId } })).toBe(1);
    expect((await db().approvalRequest.findFirstOrThrow({ where: { contractId: active.contractId } })).decidedName).toBe("Erika Mustermann");
    // Gone: the old proposal's records, names on the timeline, notifications; consents withdrawn, their proof kept.
    expect(await db().document.count({ where: { contractId: old.contractId } })).toBe(0);
    expect(await db().adviceRecord.count({ where: { contractId: old.contractId } })).toBe(0);
    expect((await db().approvalRequest.findFirstOrThrow({ where: { contractId: old.contractId } })).decidedName).toBeNull();
    expect(await db().contractEvent.count({ where: { contractId: active.contractId, actorLabel: { not: null } } })).toBe(0);
    expect(await db().notification.count({ where: { contractId: active.contractId } })).toBe(0);
    const consents = await db().consent.findMany({ where: { clientId: client.id } });
    expect(consents.length).toBeGreaterThan(0);
    expect(consents.every((c) => c.withdrawnAt)).toBe(true);
    // The contracts still add up.
    expect(await db().contract.count({ where: { clientId: client.id } })).toBe(2);

    const audit = await db().auditEvent.findFirstOrThrow({ where: { entityType: "Client", entityId: client.id, action: "privacy.erase" } });
    expect(audit.actorId).toBe(admin.id);
    const state = await erasureOf(admin, client.id);
    expect(state).toMatchObject({ erasedBy: admin.name, completedAt: null });
    expect(state!.kept.map((k) => k.kind).sort()).toEqual(["consents", "contract"]);
    await expect(eraseClient(admin, client.id, { confirmName: "Anonymised client" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("the retention job removes what passed its period, and anonymises clients nobody needs any more", async () => {
    const { advisor, admin, org } = await makeFirm();
    await saveRetentionSettings(admin, { contractRetentionYears: "6", otherRetentionYears: "2" });
    expect(await getRetentionSettings(org.id)).toEqual({ contractRetentionYears: 6, otherRetentionYears: 2 });
    await expect(saveRetentionSettings(advisor, { contractRetentionYears: 6, otherRetentionYears: 2 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(saveRetentionSettings(admin, { contractRetentionYears: 0, otherRetentionYears: 99 })).rejects.toMatchObject({ code: "VALIDATION" });

    const client = await makeClient(advisor, { firstName: "Ute", lastName: "Ende" });
    const ended = await makeContractWithHistory(advisor, client.id);
    await db().contract.update({ where: { id: ended.contractId }, data: { status: 410, statusChangedAt: new Date() } });
    await eraseClient(admin, client.id, { confirmName: (await rowOf(client.id)).displayName });
    const kept = (await erasureOf(admin, client.id))!.kept;
    expect(kept.find((k) => k.kind === "contract")!.until!.slice(0, 4)).toBe(String(new Date().getUTCFullYear() + 6));

    // Five years on: the consents' proof (2 years) is gone, the contract (6 years from its end) stays.
    await runPrivacyRetention(new Date(Date.now() + 5 * YEAR), { organizationId: org.id });
    expect(await db().consent.count({ where: { clientId: client.id } })).toBe(0);
    expect(await db().document.count({ where: { contractId: ended.contractId } })).toBe(3);
    // Seven years on: the contract's records go; the erasure is complete; the contract row stays.
    const result = await runPrivacyRetention(new Date(Date.now() + 7 * YEAR), { organizationId: org.id });
    expect(result.purgedContracts).toBe(1);
    expect(await db().document.count({ where: { contractId: ended.contractId } })).toBe(0);
    expect(await db().adviceRecord.count({ where: { contractId: ended.contractId } })).toBe(0);
    expect((await db().approvalRequest.findFirstOrThrow({ where: { contractId: ended.contractId } })).evidence).toEqual({});
    expect(await db().contract.count({ where: { id: ended.contractId } })).toBe(1);
    expect((await db().clientErasure.findUniqueOrThrow({ where: { clientId: client.id } })).completedAt).not.toBeNull();
    expect(await db().auditEvent.count({ where: { entityId: client.id, action: "privacy.retention-purge" } })).toBe(2);
    // A further run removes nothing twice.
    expect((await runPrivacyRetention(new Date(Date.now() + 8 * YEAR), { organizationId: org.id })).purgedContracts).toBe(0);

    // A client untouched for longer than the period with nothing running is anonymised by the job alone;
    // one with a running contract is not.
    const forgotten = await makeClient(advisor, { firstName: "Vera", lastName: "Gessen" });
    const running = await makeClient(advisor, { firstName: "Rita", lastName: "Läuft" });
    await makeContractWithHistory(advisor, running.id, { at: new Date(Date.now() - 5 * YEAR) });
    await db().$executeRaw`UPDATE "Client" SET "updatedAt" = now() - interval '3 years' WHERE "id" IN (${forgotten.id}, ${running.id})`;
    await db().$executeRaw`UPDATE "Contract" SET "statusChangedAt" = now() - interval '5 years' WHERE "clientId" = ${running.id}`;
    const auto = await runPrivacyRetention(new Date(), { organizationId: org.id });
    expect(auto.anonymised).toBe(1);
    expect((await db().client.findUniqueOrThrow({ where: { id: forgotten.id } })).lastName).toBeNull();
    expect((await db().client.findUniqueOrThrow({ where: { id: running.id } })).lastName).toBe("Läuft");
    expect(await db().auditEvent.count({ where: { entityId: forgotten.id, action: "privacy.erase-by-retention" } })).toBe(1);
  });
});
