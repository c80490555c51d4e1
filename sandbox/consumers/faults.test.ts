/**
 * The fault knobs of issue 8 over HTTP, each on a consumer of its own: 503 before and after the
 * write commits, fault windows (a 429 storm that ends), slow list calls, lying callbacks, a
 * proposal PDF over 5 MB, and the admin's staging of any status and of an exact updatedAt.
 */
import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CallbackListener } from "../../lib/finum/conformance/callback-listener";
import { ConsumerClient } from "../../lib/finum/conformance/client";
import { effectiveFaults } from "./faults";

type Raw = Record<string, unknown>;

const listener = new CallbackListener();
beforeAll(() => listener.start("127.0.0.1"));
afterAll(() => listener.stop());

async function admin(method: string, path: string, body?: unknown): Promise<Raw & Raw[]> {
  const response = await fetch(inject("sandboxUrl") + path, {
    method,
    headers: { authorization: `Bearer ${inject("sandboxAdminToken")}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  expect(response.ok, `${method} ${path}: ${response.status} ${text}`).toBe(true);
  return JSON.parse(text);
}

/** A consumer of the test's own (the run's standard consumer's key), with these faults. */
async function consumerWith(faults: Raw) {
  const base = inject("sandboxConsumer");
  const consumerId = `faults-${randomBytes(4).toString("hex")}`;
  await admin("POST", "/admin/consumers", { consumerId, publicKeyPem: base.publicKeyPem, webhookSecret: base.webhookSecret, faults });
  const client = new ConsumerClient({ baseUrl: inject("sandboxUrl"), consumerId, privateKeyPem: base.privateKeyPem, audience: inject("sandboxAudience") });
  return { consumerId, client, setFaults: (next: Raw) => admin("PUT", `/admin/consumers/${consumerId}/faults`, next) };
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const person = { type: "person", firstName: "Fau", lastName: "Lt", birthDate: "1980-02-03" };
const householdData = { livingArea: 80, sumInsured: 50_000, postalCode: "01067", buildingType: "apartment", startDate: "2031-01-01" };
const HOUSEHOLD = "pr_hh4contentsplus01";
const clientIds = async (client: ConsumerClient) => (await client.get("/v1/client-id-list-updated", { since: "1970-01-01T00:00:00Z" })).json as string[];

async function proposal(client: ConsumerClient, callback?: string) {
  const holder = (await client.request("POST", "/v1/client", { body: person })).json as Raw;
  const created = (await client.request("POST", "/v1/contract", { body: { holderId: holder.id, productId: HOUSEHOLD, status: 120, data: householdData, callback } })).json as Raw;
  const id = String(created.id);
  const proposed = await until(async () => {
    const [record] = (await client.get("/v1/contract-list", { "id-list": id })).json as Raw[];
    return record?.status === 130 ? record : undefined;
  }, "130");
  return { id, proposed };
}

describe("fault windows", () => {
  it("a fault set with `until` is off afterwards", () => {
    const now = Date.parse("2026-12-01T10:00:00Z");
    expect(effectiveFaults({}, { rateLimitRate: 1, until: "2026-12-01T10:00:01Z" }, now).rateLimitRate).toBe(1);
    expect(effectiveFaults({}, { rateLimitRate: 1, until: "2026-12-01T10:00:00Z" }, now).rateLimitRate).toBe(0);
  });

  it("a 429 storm for a window (forMs), then service again", async () => {
    const { client, setFaults } = await consumerWith({});
    const { faults } = await setFaults({ rateLimitRate: 1, retryAfterSeconds: 1, forMs: 800 });
    expect((faults as Raw).until).toBeTruthy();
    const limited = await client.get("/v1/auth-status");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    const recovered = await until(async () => {
      const answer = await client.get("/v1/auth-status");
      return answer.status === 200 ? answer : undefined;
    }, "the end of the storm", 5_000);
    expect(recovered.status).toBe(200);
    expect(Date.parse(String((faults as Raw).until))).toBeLessThanOrEqual(Date.now());
  });
});

describe("503 around a write's commit", () => {
  it("before the commit: nothing is written", async () => {
    const { client } = await consumerWith({ writeUnavailableBeforeCommitRate: 1 });
    const before = await clientIds(client);
    const answer = await client.request("POST", "/v1/client", { body: person, headers: { "idempotency-key": "k-before" } });
    expect(answer.status).toBe(503);
    expect(await clientIds(client)).toEqual(before);
  });

  it("after the commit: the write is done, the retry with the same key gets it, nothing twice", async () => {
    const { client, setFaults } = await consumerWith({ writeUnavailableAfterCommitRate: 1 });
    const before = await clientIds(client);
    const lost = await client.request("POST", "/v1/client", { body: person, headers: { "idempotency-key": "k-after" } });
    expect(lost.status).toBe(503);
    expect(lost.json).toMatchObject({ error: { code: "UNAVAILABLE" } });
    const written = await clientIds(client);
    expect(written.length).toBe(before.length + 1);
    await setFaults({});
    const retried = await client.request("POST", "/v1/client", { body: person, headers: { "idempotency-key": "k-after" } });
    expect(retried.status).toBe(201);
    expect(retried.headers.get("idempotent-replayed")).toBe("true");
    expect(written).toContain((retried.json as Raw).id);
    expect((await clientIds(client)).length).toBe(before.length + 1);
  });
});

describe("slow lists", () => {
  it("slows *-list and *-id-list-updated only", async () => {
    const { client } = await consumerWith({ slowListMs: 700 });
    const list = await client.get("/v1/contract-list", { "id-list": "a,b" });
    const ids = await client.get("/v1/user-id-list-updated", { since: "1970-01-01T00:00:00Z" });
    const auth = await client.get("/v1/auth-status");
    expect(list.status).toBe(200);
    expect(list.ms).toBeGreaterThanOrEqual(690);
    expect(ids.ms).toBeGreaterThanOrEqual(690);
    expect(auth.ms).toBeLessThan(690);
  });
});

describe("callbacks and documents", () => {
  it("lying callbacks: status and updatedAt in the body are not the record's", async () => {
    const { client } = await consumerWith({ lyingCallbackRate: 1 });
    const callback = listener.url();
    const { id, proposed } = await proposal(client, callback);
    const [received] = await listener.waitFor(callback, (list) => list.length > 0, 15_000, "a callback");
    const body = JSON.parse(received!.body) as Raw;
    expect(body.id).toBe(id);
    expect(body.status).not.toBe(proposed.status);
    expect(Date.parse(String(body.updatedAt))).toBeGreaterThan(Date.parse(String(proposed.updatedAt)));
    const log = await admin("GET", `/admin/callbacks?contractId=${id}`);
    expect(log.map((delivery) => delivery.fault)).toContain("lying");
  });

  it("a proposal PDF over 5 MB: a valid PDF, size and SHA-256 as the file record says", async () => {
    const minBytes = 5 * 1024 * 1024 + 200_000;
    const { client } = await consumerWith({ proposalPdfMinBytes: minBytes });
    const { proposed } = await proposal(client);
    const fileId = String((proposed.data as Raw).proposalFileId);
    const [file] = (await client.get("/v1/file-list", { "id-list": fileId })).json as Raw[];
    const content = await client.get("/v1/file-content", { id: fileId });
    expect(content.bytes.length).toBeGreaterThanOrEqual(minBytes);
    expect(content.bytes.length).toBe(file!.size);
    expect(createHash("sha256").update(content.bytes).digest("hex")).toBe(file!.sha256);
    expect(content.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(content.bytes.subarray(-8).toString("latin1")).toContain("%%EOF");
  });
});

describe("staging through the admin API", () => {
  it("moves a contract to any status (with its callback), and stamps an exact updatedAt for the since boundary", async () => {
    const { client } = await consumerWith({});
    const callback = listener.url();
    const { id } = await proposal(client, callback);

    const moved = await admin("POST", `/admin/contracts/${id}/status`, { status: 510, statusNote: "Changed by the provider" });
    expect(moved).toMatchObject({ id, status: 510, statusNote: "Changed by the provider" });
    await listener.waitFor(callback, (list) => list.some((c) => c.body.includes('"status":510')), 15_000, "the 510 callback");
    const events = (await admin("GET", `/admin/contracts/${id}/events`)).map((event) => event.to);
    expect(events.at(-1)).toBe(510);

    const instant = new Date(Date.now() + 60_000);
    instant.setUTCMilliseconds(250);
    const stamped = await admin("PUT", `/admin/contracts/${id}/updated-at`, { updatedAt: instant.toISOString(), statusNote: "Re-rated" });
    expect(stamped).toMatchObject({ id, updatedAt: instant.toISOString(), statusNote: "Re-rated" });
    const since = async (at: number) => (await client.get("/v1/contract-id-list-updated", { since: new Date(at).toISOString() })).json as string[];
    expect(await since(instant.getTime())).toContain(id);
    expect(await since(instant.getTime() + 1)).not.toContain(id);
    const [record] = (await client.get("/v1/contract-list", { "id-list": id })).json as Raw[];
    expect(record!.updatedAt).toBe(instant.toISOString());
  });

  it("switches a consumer's dialect", async () => {
    const { consumerId, client } = await consumerWith({});
    const view = await admin("PUT", `/admin/consumers/${consumerId}/dialect`, { dialect: "problem-json" });
    expect(view.dialect).toBe("problem-json");
    const answer = await client.get("/v1/file-content", { id: "nope" });
    expect(answer.headers.get("content-type")).toBe("application/problem+json");
    const dialects = await admin("GET", "/admin/dialects");
    expect(dialects.map((dialect) => dialect.name)).toEqual(["standard", "numeric-ids", "problem-json"]);
  });
});
