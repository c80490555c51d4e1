import crypto from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { ingestCallback } from "@/lib/callbacks/ingest-callback";
import { processCallbackDeliveries, processCallbackDelivery } from "@/lib/callbacks/process-delivery";
import { leaseSize } from "@/lib/callbacks/rate-limit";
import { env } from "@/lib/env";
import { listCallbackDeliveries, replayCallbackDelivery } from "@/lib/callbacks/admin";
import { createProposal } from "@/lib/contracts/create-proposal";
import { webhookHeaders } from "@/lib/finum/webhook-signature";
import { stopBoss } from "@/lib/jobs/boss";
import { makeClient, makeFirm } from "../factories";
import { connectFirmToSandbox, eventually } from "../sandbox";
import { providerClientFor } from "@/lib/providers/provider-client";
import { readStoredText } from "@/lib/i18n/stored-text";

afterAll(() => stopBoss());

async function contractAt120() {
  const firm = await makeFirm();
  const { providerId, consumer } = await connectFirmToSandbox(firm.admin);
  const client = await makeClient(firm.advisor);
  const product = await db().product.findFirstOrThrow({ where: { providerId, name: "Private Liability" } });
  const { contractId } = await createProposal(firm.advisor, { clientId: client.id, productId: product.id, data: { coverage: "5000000", family: "false", startDate: "2027-01-01" }, requestKey: crypto.randomUUID() });
  const contract = await db().contract.findUniqueOrThrow({ where: { id: contractId } });
  return { ...firm, consumer, contract };
}

function signed(secret: string, body: object, id = `msg_${crypto.randomUUID()}`) {
  const text = JSON.stringify(body);
  return { body: text, headers: new Headers({ "content-type": "application/json", ...webhookHeaders({ id, body: text, secret }) }) };
}

const bodyFor = (remoteId: string, status = 130) => ({ recordType: "contract", id: remoteId, status, updatedAt: new Date().toISOString() });
const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected a failure"); }, (error: unknown) => error as AppError);

describe("provider callbacks", () => {
  it("stores a signed callback once, however often it arrives at the same time, and queues one job", async () => {
    const { contract, consumer } = await contractAt120();
    const delivery = signed(consumer.webhookSecret, bodyFor(contract.remoteId!));
    const results = await Promise.all(Array.from({ length: 10 }, () => ingestCallback({ token: contract.callbackToken, ...delivery, ip: "127.0.0.1" })));
    expect(results.filter((r) => r.status === 202)).toHaveLength(1);
    expect(results.filter((r) => r.duplicate)).toHaveLength(9);
    const stored = await db().callbackDelivery.findMany({ where: { contractId: contract.id } });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.verified).toBe(true);
    const jobs = await db().$queryRaw<Array<{ n: bigint }>>`SELECT count(*) AS n FROM pgboss.job WHERE name = 'callback-process' AND data->>'deliveryId' = ${stored[0]!.id}`;
    expect(Number(jobs[0]!.n)).toBe(1);
  });

  it("refuses a bad signature, missing headers or an old timestamp, and stores nothing", async () => {
    const { contract, consumer } = await contractAt120();
    const good = signed(consumer.webhookSecret, bodyFor(contract.remoteId!));
    const forged = signed(`whsec_${crypto.randomBytes(24).toString("base64")}`, bodyFor(contract.remoteId!));
    const old = { body: good.body, headers: new Headers(webhookHeaders({ id: "msg_old", body: good.body, secret: consumer.webhookSecret, timestamp: Math.floor(Date.now() / 1000) - 600 })) };
    const tampered = { body: good.body.replace("130", "320"), headers: good.headers };
    for (const attempt of [forged, old, tampered, { body: good.body, headers: new Headers() }]) {
      const error = await failure(ingestCallback({ token: contract.callbackToken, ...attempt, ip: "127.0.0.1" }));
      expect(error).toMatchObject({ code: "UNAUTHENTICATED", status: 401 });
    }
    expect(await db().callbackDelivery.count({ where: { contractId: contract.id } })).toBe(0);
  });

  it("answers malformed and oversized bodies with clear errors", async () => {
    const { contract, consumer } = await contractAt120();
    const notJson = signed(consumer.webhookSecret, {});
    expect(await failure(ingestCallback({ token: contract.callbackToken, body: "{oops", headers: new Headers(webhookHeaders({ id: "m1", body: "{oops", secret: consumer.webhookSecret })), ip: "x" }))).toMatchObject({ status: 400 });
    // Any JSON is a trigger: providers shape their bodies their own way, and the token names the contract.
    const otherShape = await ingestCallback({ token: contract.callbackToken, ...notJson, ip: "x" });
    expect(otherShape.status).toBe(202);
    expect(await failure(ingestCallback({ token: contract.callbackToken, body: "x".repeat(70_000), headers: new Headers(), ip: "x" }))).toMatchObject({ status: 413 });
  });

  it("answers unknown and missing tokens 404 without storing them; counts them and keeps a bounded sample; each firm sees only its own deliveries", async () => {
    const { contract, consumer, admin } = await contractAt120();
    const before = await db().callbackDelivery.count();
    const body = JSON.stringify(bodyFor("ct_unknown0000000000"));
    const summaryBefore = (await listCallbackDeliveries(admin, "all")).rejected.total;
    for (const token of ["no-such-token", null, "x".repeat(500)]) {
      expect(await failure(ingestCallback({ token, body, headers: new Headers({ "user-agent": "scanner" }), ip: "203.0.113.9" }))).toMatchObject({ status: 404, code: "NOT_FOUND" });
    }
    expect(await db().callbackDelivery.count()).toBe(before);
    const { rejected } = await listCallbackDeliveries(admin, "all");
    expect(rejected.total - summaryBefore).toBe(3);
    expect(rejected.samples[0]).toMatchObject({ bodyBytes: Buffer.byteLength(body), userAgent: "scanner" });

    // A scan from one address is slowed down with 429s, without a database write per request.
    const answers = await Promise.all(Array.from({ length: 60 }, () => failure(ingestCallback({ token: "scan", body, headers: new Headers(), ip: "198.51.100.7" }))));
    expect(answers.some((error) => error.status === 429)).toBe(true);

    const ours = await ingestCallback({ token: contract.callbackToken, ...signed(consumer.webhookSecret, bodyFor(contract.remoteId!)), ip: "x" });
    const other = await makeFirm();
    expect((await listCallbackDeliveries(admin, "all")).items.some((item) => item.id === ours.deliveryId)).toBe(true);
    expect((await listCallbackDeliveries(other.admin, "all")).items.some((item) => item.id === ours.deliveryId)).toBe(false);
  });

  it("checks the signature before spending the provider's allowance, which is kept in PostgreSQL", async () => {
    const { contract, consumer } = await contractAt120();
    const forged = signed(`whsec_${crypto.randomBytes(24).toString("base64")}`, bodyFor(contract.remoteId!));
    for (let i = 0; i < 5; i++) expect(await failure(ingestCallback({ token: contract.callbackToken, ...forged, ip: "x" }))).toMatchObject({ status: 401 });
    const spent = await db().rateLimit.findUnique({ where: { key: `callback:${contract.providerId}` } });
    expect(spent).toBeNull();
    await ingestCallback({ token: contract.callbackToken, ...signed(consumer.webhookSecret, bodyFor(contract.remoteId!)), ip: "x" });
    // The instance took a lease of points at once; the next callback spends it without a query.
    const lease = leaseSize(env().CALLBACK_RATE_PER_SECOND);
    expect((await db().rateLimit.findUniqueOrThrow({ where: { key: `callback:${contract.providerId}` } })).points).toBe(lease);
    await ingestCallback({ token: contract.callbackToken, ...signed(consumer.webhookSecret, bodyFor(contract.remoteId!, 120)), ip: "x" });
    expect((await db().rateLimit.findUniqueOrThrow({ where: { key: `callback:${contract.providerId}` } })).points).toBe(lease);
  });

  it("processing re-reads the contract from the provider; duplicates and stale callbacks change nothing", async () => {
    const { contract, consumer, admin } = await contractAt120();
    // Whatever the body claims (320 here), the contract is read from the provider.
    const lie = await ingestCallback({ token: contract.callbackToken, ...signed(consumer.webhookSecret, bodyFor(contract.remoteId!, 320)), ip: "x" });
    const finum = await providerClientFor(contract.providerId, contract.organizationId);
    await eventually(async () => (await finum.list("contract", [contract.remoteId!])).records[0]?.status === 130, 10_000, "the sandbox's proposal");
    expect(await processCallbackDelivery(lie.deliveryId)).toBe("applied");
    const after = await db().contract.findUniqueOrThrow({ where: { id: contract.id }, include: { events: { orderBy: { at: "desc" }, take: 1 } } });
    expect(after.status).toBe(130);
    expect(after.events[0]).toMatchObject({ toStatus: 130, source: "CALLBACK" });

    const again = await ingestCallback({ token: contract.callbackToken, ...signed(consumer.webhookSecret, bodyFor(contract.remoteId!)), ip: "x" });
    expect(await processCallbackDelivery(again.deliveryId)).toBe("unchanged");
    expect(await processCallbackDelivery(again.deliveryId)).toBe("unchanged"); // a job run twice
    expect(await db().contractEvent.count({ where: { contractId: contract.id, toStatus: 130 } })).toBe(1);

    const notification = await db().notification.findFirst({ where: { contractId: contract.id } });
    // Stored as a message with the status name inside, read in each advisor's language.
    expect(readStoredText(notification?.title, "en")).toMatch(/^Proposal available: .*Private Liability$/);
    expect(readStoredText(notification?.title, "de")).toMatch(/^Angebot liegt vor: .*Private Liability$/);

    await expect(replayCallbackDelivery(admin, again.deliveryId)).resolves.toBeUndefined();
    const other = await makeFirm();
    await expect(replayCallbackDelivery(other.admin, again.deliveryId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a contract the provider now sends unusable is 'not taken in': processed, with the reason, needing attention, and can be replayed", async () => {
    const { contract, consumer, admin } = await contractAt120();
    // Once the sandbox has made its proposal (nothing more changes the record by itself), the record is spoilt.
    const finum = await providerClientFor(contract.providerId, contract.organizationId);
    await eventually(async () => (await finum.list("contract", [contract.remoteId!])).records[0]?.status === 130, 10_000, "the sandbox's proposal");
    const sandboxDb = new pg.Client({ connectionString: inject("sandboxDatabaseUrl") });
    await sandboxDb.connect();
    try {
      await sandboxDb.query(`update contracts set record = jsonb_set(record, '{status}', '"soon"'), updated_at = date_trunc('milliseconds', now()) where id = $1`, [contract.remoteId]);
    } finally {
      await sandboxDb.end();
    }
    const received = await ingestCallback({ token: contract.callbackToken, ...signed(consumer.webhookSecret, bodyFor(contract.remoteId!)), ip: "x" });
    expect(await processCallbackDelivery(received.deliveryId)).toBe("not-applied");
    const delivery = await db().callbackDelivery.findUniqueOrThrow({ where: { id: received.deliveryId } });
    expect(delivery).toMatchObject({ outcome: "not-applied" });
    // The reader's reason, stored as a message and shown in the admin's language.
    expect(readStoredText(delivery.lastError, "en")).toBe('status "soon" is not a status code');
    expect(readStoredText(delivery.lastError, "de")).toBe('Status "soon" ist kein Statuscode');
    expect(delivery.processedAt).not.toBeNull();
    // What we had is kept.
    expect((await db().contract.findUniqueOrThrow({ where: { id: contract.id } })).status).toBe(120);
    const { items, counts } = await listCallbackDeliveries(admin, "attention");
    expect(items.map((item) => item.id)).toContain(received.deliveryId);
    expect(counts["not-applied"]).toBe(1);
    await expect(replayCallbackDelivery(admin, received.deliveryId)).resolves.toBeUndefined();
  });

  it("processes a worker's batch together: one provider read for all its contracts, a burst for one contract costs one read", async () => {
    const { contract, consumer, advisor } = await contractAt120();
    const client = await makeClient(advisor);
    const product = await db().product.findFirstOrThrow({ where: { providerId: contract.providerId, name: "Private Liability" } });
    const second = await db().contract.findUniqueOrThrow({
      where: { id: (await createProposal(advisor, { clientId: client.id, productId: product.id, data: { coverage: "3000000", family: "false", startDate: "2027-01-01" }, requestKey: crypto.randomUUID() })).contractId },
    });
    const finum = await providerClientFor(contract.providerId, contract.organizationId);
    await eventually(async () => (await finum.list("contract", [contract.remoteId!, second.remoteId!])).records.every((record) => record.status === 130), 10_000, "the sandbox's proposals");
    const send = (target: typeof contract) => ingestCallback({ token: target.callbackToken, ...signed(consumer.webhookSecret, bodyFor(target.remoteId!)), ip: "x" });
    const deliveries = [await send(contract), await send(contract), await send(contract), await send(second)];
    const outcomes = await processCallbackDeliveries([...deliveries.map((d) => d.deliveryId), "no-such-delivery"]);
    expect(deliveries.map((d) => outcomes.get(d.deliveryId))).toEqual(Array.from({ length: 4 }, () => ({ ok: true, outcome: "applied" })));
    expect(outcomes.get("no-such-delivery")).toEqual({ ok: true, outcome: "gone" });
    const stored = await db().callbackDelivery.findMany({ where: { id: { in: deliveries.map((d) => d.deliveryId) } } });
    expect(stored.every((delivery) => delivery.processedAt && delivery.outcome === "applied")).toBe(true);
    // Both contracts were read in the same provider call (one read time), each moved once.
    const read = await db().contract.findMany({ where: { id: { in: [contract.id, second.id] } }, select: { status: true, lastReadAt: true } });
    expect(read.map((c) => c.status)).toEqual([130, 130]);
    expect(new Set(read.map((c) => c.lastReadAt?.toISOString())).size).toBe(1);
    expect(await db().contractEvent.count({ where: { contractId: contract.id, toStatus: 130 } })).toBe(1);
  });
});
