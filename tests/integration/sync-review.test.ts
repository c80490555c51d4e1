/**
 * The review queue against the real sandbox: contracts of holders the firm does not know are
 * queued (policy REVIEW), never dropped; an admin's "create", "match" and "ignore" do what they
 * say, and the contracts then sit in the right advisor's pipeline. Policy CREATE places them
 * without review. Also: the sync health read model and the stale-sync alert.
 */
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { FinumClient } from "@/lib/finum/client";
import { providerClientFor } from "@/lib/providers/provider-client";
import { syncProvider } from "@/lib/sync/sync-provider";
import { resolveReviewItem } from "@/lib/sync/resolve-review-item";
import { listReviewItems } from "@/lib/sync/review-queue";
import { getSyncSettings, updateSyncSettings } from "@/lib/sync/sync-settings";
import { syncHealth } from "@/lib/sync/health";
import { alertStaleSyncs, STALE_ALERT_KIND } from "@/lib/sync/stale-sync-alert";
import { makeClient, makeFirm } from "../factories";
import { connectFirmToSandbox } from "../sandbox";
import { readStoredText } from "@/lib/i18n/stored-text";

const data = { coverage: "5000000", family: false, startDate: "2027-01-01" };
const unique = () => crypto.randomBytes(3).toString("hex");

/** A client and `count` contracts made in the provider's own tools (the portal has not seen them). */
async function holderAtProvider(finum: FinumClient, productRemoteId: string, person: { firstName: string; lastName: string; birthDate: string }, count: number) {
  const holder = await finum.createClient({ type: "person", ...person, _hasEverBeenInDebt: false }, { idempotencyKey: crypto.randomUUID() });
  const contracts = [];
  for (let i = 0; i < count; i++) contracts.push(await finum.createContract({ holderId: holder.id, productId: productRemoteId, status: 120, data }, { idempotencyKey: crypto.randomUUID() }));
  return { holderId: holder.id, contractIds: contracts.map((c) => c.id) };
}

async function connected() {
  const firm = await makeFirm();
  const { providerId } = await connectFirmToSandbox(firm.admin);
  const finum = await providerClientFor(providerId, firm.admin.organizationId);
  const product = await db().product.findFirstOrThrow({ where: { providerId, name: "Private Liability" } });
  return { firm, providerId, finum, product };
}

describe("the sync review queue", () => {
  it("queues unknown holders under REVIEW; create, match and ignore place (or hide) their contracts", async () => {
    const { firm, providerId, finum, product } = await connected();
    const lastName = `Quelle${unique()}`;
    const known = await makeClient(firm.advisor, { firstName: "Berta", lastName, birthDate: "1970-01-01" });
    const a = await holderAtProvider(finum, product.remoteId, { firstName: "Alma", lastName: `Neu${unique()}`, birthDate: "1985-03-04" }, 2);
    // Same last name as the firm's client, another first name: not matched, but suggested.
    const b = await holderAtProvider(finum, product.remoteId, { firstName: "Bertha", lastName, birthDate: "1970-01-01" }, 1);
    const c = await holderAtProvider(finum, product.remoteId, { firstName: "Carl", lastName: `Fremd${unique()}`, birthDate: "1990-12-24" }, 1);

    const report = await syncProvider(providerId, firm.admin.organizationId);
    expect(report.contract).toMatchObject({ applied: 0, failed: 0 });
    expect(await db().contract.count({ where: { providerId } })).toBe(0);

    const queue = await listReviewItems(firm.admin);
    expect(queue.open).toBe(3);
    const itemOf = (holderId: string) => queue.items.find((item) => item.remoteId === holderId)!;
    expect(itemOf(a.holderId)).toMatchObject({ reason: "UNKNOWN_HOLDER", record: { birthDate: "1985-03-04" }, suggested: null, actions: ["match", "create", "ignore"] });
    expect(itemOf(a.holderId).record.name).toMatch(/^Alma Neu/);
    expect(itemOf(a.holderId).record.extra).toContainEqual(["_hasEverBeenInDebt", "false"]);
    expect(itemOf(b.holderId).suggested).toMatchObject({ id: known.id });

    // The health page counts the queue.
    const [health] = await syncHealth(firm.admin, { providerId });
    expect(health!.reviewOpen).toBe(3);
    expect(health!.recordTypes.find((t) => t.recordType === "contract")).toMatchObject({ lastError: null, lastCount: 4, run: { state: "DONE", total: 4 } });

    // Create: the client is made for the chosen advisor and both contracts are in that advisor's pipeline.
    const created = await resolveReviewItem(firm.admin, itemOf(a.holderId).id, { action: "create", advisorId: firm.otherAdvisor.id });
    expect(created).toMatchObject({ state: "RESOLVED", contracts: 2, stillInReview: 0 });
    const client = await db().client.findUniqueOrThrow({ where: { id: created.clientId! } });
    expect(client).toMatchObject({ ownerId: firm.otherAdvisor.id, firstName: "Alma", organizationId: firm.org.id });
    expect(client.birthDate?.toISOString().slice(0, 10)).toBe("1985-03-04");
    const placed = await db().contract.findMany({ where: { providerId, remoteId: { in: a.contractIds } } });
    expect(placed).toHaveLength(2);
    expect(placed.every((contract) => contract.advisorId === firm.otherAdvisor.id && contract.clientId === client.id)).toBe(true);
    expect(await db().providerClientLink.findFirst({ where: { providerId, remoteId: a.holderId } })).toMatchObject({ clientId: client.id });

    // Twice is refused: someone already dealt with it.
    await expect(resolveReviewItem(firm.admin, itemOf(a.holderId).id, { action: "ignore" })).rejects.toMatchObject({ code: "CONFLICT" });
    // Advisors cannot resolve.
    await expect(resolveReviewItem(firm.advisor, itemOf(b.holderId).id, { action: "ignore" })).rejects.toBeInstanceOf(AppError);

    // Match: linked to the existing client; the contract goes to that client's advisor.
    const matched = await resolveReviewItem(firm.admin, itemOf(b.holderId).id, { action: "match", clientId: known.id });
    expect(matched).toMatchObject({ state: "RESOLVED", clientId: known.id, contracts: 1 });
    expect(await db().contract.findFirst({ where: { providerId, remoteId: b.contractIds[0] } })).toMatchObject({ clientId: known.id, advisorId: firm.advisor.id });

    // Ignore: hidden from the queue, nothing imported, and the next sync does not bring it back.
    await resolveReviewItem(firm.admin, itemOf(c.holderId).id, { action: "ignore" });
    expect((await listReviewItems(firm.admin)).open).toBe(0);
    await finum.createContract({ holderId: c.holderId, productId: product.remoteId, status: 120, data }, { idempotencyKey: crypto.randomUUID() });
    await syncProvider(providerId, firm.admin.organizationId);
    expect((await listReviewItems(firm.admin)).open).toBe(0);
    expect(await db().contract.count({ where: { providerId } })).toBe(3);

    const audit = await db().auditEvent.findMany({ where: { organizationId: firm.org.id, entityType: "SyncReviewItem" }, select: { action: true } });
    expect(audit.map((row) => row.action).sort()).toEqual(["sync-review.create", "sync-review.ignore", "sync-review.match"]);
  }, 90_000);

  it("matches holders to the firm's clients by name and birth date, and companies by name, whatever the case", async () => {
    const { firm, providerId, finum, product } = await connected();
    const lastName = `Abgleich${unique()}`;
    const person = await makeClient(firm.advisor, { firstName: "Greta", lastName, birthDate: "1982-02-02" });
    const companyName = `Muster ${unique()} GmbH`;
    const company = await makeClient(firm.otherAdvisor, { kind: "COMPANY", companyName, firstName: undefined, lastName: undefined, birthDate: undefined });
    // Another first name, or another birth date: not the same person.
    const gretel = await makeClient(firm.advisor, { firstName: "Gretel", lastName, birthDate: "1982-02-02" });
    const p = await holderAtProvider(finum, product.remoteId, { firstName: "GRETA", lastName: lastName.toLowerCase(), birthDate: "1982-02-02" }, 2);
    const other = await holderAtProvider(finum, product.remoteId, { firstName: "Greta", lastName, birthDate: "1982-02-03" }, 1);
    const c = await finum.createClient({ type: "company", companyName: companyName.toUpperCase() }, { idempotencyKey: crypto.randomUUID() });
    const companyContract = await finum.createContract({ holderId: c.id, productId: product.remoteId, status: 120, data }, { idempotencyKey: crypto.randomUUID() });

    await syncProvider(providerId, firm.admin.organizationId);
    const placed = await db().contract.findMany({ where: { providerId, remoteId: { in: [...p.contractIds, companyContract.id] } }, select: { remoteId: true, clientId: true, advisorId: true } });
    expect(placed.filter((row) => row.clientId === person.id && row.advisorId === firm.advisor.id).map((row) => row.remoteId).sort()).toEqual([...p.contractIds].sort());
    expect(placed.find((row) => row.remoteId === companyContract.id)).toMatchObject({ clientId: company.id, advisorId: firm.otherAdvisor.id });
    expect(await db().providerClientLink.findFirst({ where: { providerId, remoteId: p.holderId } })).toMatchObject({ clientId: person.id });
    // The one born a day later waits for an admin, with a client of that last name as the suggestion.
    expect(await db().contract.count({ where: { providerId, remoteId: { in: other.contractIds } } })).toBe(0);
    const item = await db().syncReviewItem.findFirstOrThrow({ where: { providerId, remoteId: other.holderId } });
    expect(item).toMatchObject({ reason: "UNKNOWN_HOLDER", state: "OPEN" });
    expect([person.id, gretel.id]).toContain(item.suggestedClientId ?? "none");
  }, 90_000);

  it("under CREATE places unknown holders' contracts with the default advisor, without review", async () => {
    const { firm, providerId, finum, product } = await connected();
    await expect(updateSyncSettings(firm.admin, { unknownHolderPolicy: "CREATE", defaultAdvisorId: "someone-else" })).rejects.toMatchObject({ code: "VALIDATION" });
    await updateSyncSettings(firm.admin, { unknownHolderPolicy: "CREATE", defaultAdvisorId: firm.otherAdvisor.id });
    expect(await getSyncSettings(firm.admin)).toMatchObject({ unknownHolderPolicy: "CREATE", defaultAdvisorId: firm.otherAdvisor.id });
    const d = await holderAtProvider(finum, product.remoteId, { firstName: "Dora", lastName: `Auto${unique()}`, birthDate: "1975-07-07" }, 2);

    const report = await syncProvider(providerId, firm.admin.organizationId);
    expect(report.contract).toMatchObject({ applied: 2, failed: 0 });
    expect((await listReviewItems(firm.admin)).open).toBe(0);
    const contracts = await db().contract.findMany({ where: { providerId, remoteId: { in: d.contractIds } }, include: { client: true } });
    expect(contracts).toHaveLength(2);
    expect(contracts.every((contract) => contract.advisorId === firm.otherAdvisor.id && contract.client.firstName === "Dora")).toBe(true);
  }, 60_000);

  it("retries a contract that failed to apply, and alerts admins once per period when a provider is stale", async () => {
    const { firm, providerId, finum, product } = await connected();
    const holder = await makeClient(firm.advisor, { firstName: "Eva", lastName: `Retry${unique()}`, birthDate: "1980-01-01" });
    const link = await finum.createClient({ type: "person", firstName: "Eva", lastName: holder.id, birthDate: "1980-01-01" }, { idempotencyKey: crypto.randomUUID() });
    await db().providerClientLink.create({ data: { providerId, remoteId: link.id, clientId: holder.id } });
    const contract = await finum.createContract({ holderId: link.id, productId: product.remoteId, status: 120, data }, { idempotencyKey: crypto.randomUUID() });
    // What the apply path leaves when a record fails: an APPLY_FAILED item.
    const item = await db().syncReviewItem.create({
      data: { organizationId: firm.org.id, providerId, recordType: "contract", remoteId: contract.id, reason: "APPLY_FAILED", message: "deadlock detected", raw: { id: contract.id } },
    });
    const retried = await resolveReviewItem(firm.admin, item.id, { action: "retry" });
    expect(retried).toMatchObject({ state: "RESOLVED", contracts: 1 });
    expect(await db().contract.findFirst({ where: { providerId, remoteId: contract.id } })).toMatchObject({ clientId: holder.id, advisorId: firm.advisor.id });
    expect(await db().syncReviewItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ state: "RESOLVED", resolvedById: firm.admin.id });

    // Stale: registered three hours ago, never synced.
    await db().provider.update({ where: { id: providerId }, data: { createdAt: new Date(Date.now() - 3 * 3600_000) } });
    const now = new Date();
    expect((await alertStaleSyncs({ now, thresholdMinutes: 120 })).alerted).toContain(providerId);
    expect((await alertStaleSyncs({ now: new Date(now.getTime() + 60_000), thresholdMinutes: 120 })).alerted).not.toContain(providerId);
    const notes = await db().notification.findMany({ where: { userId: firm.admin.id, kind: STALE_ALERT_KIND } });
    expect(notes).toHaveLength(1);
    expect(readStoredText(notes[0]!.title, "en")).toMatch(/has not synced for 3 hours/);
    expect(readStoredText(notes[0]!.title, "de")).toMatch(/seit 3 Stunden nicht synchronisiert/);
    expect(await db().notification.count({ where: { userId: firm.advisor.id, kind: STALE_ALERT_KIND } })).toBe(0);
    // A period later, still stale: one more.
    expect((await alertStaleSyncs({ now: new Date(now.getTime() + 121 * 60_000), thresholdMinutes: 120 })).alerted).toContain(providerId);
    // Synced successfully since: no alert.
    await syncProvider(providerId, firm.admin.organizationId);
    await db().auditEvent.deleteMany({ where: { entityId: providerId, action: "provider.sync-stale-alert" } });
    expect((await alertStaleSyncs({ thresholdMinutes: 120 })).alerted).not.toContain(providerId);
  }, 60_000);
});
