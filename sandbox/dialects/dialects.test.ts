/**
 * Each dialect's wire shapes over HTTP, against the run's sandbox and the consumer
 * tests/setup/sandbox.ts registered for that dialect: ids, premium, null vs absent, timestamps,
 * where the proposal file sits, error bodies, the id cap, 110 at once or later, extra statuses,
 * callback bodies, product field types and required fields.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CallbackListener } from "../../lib/finum/conformance/callback-listener";
import { ConsumerClient } from "../../lib/finum/conformance/client";
import type { DialectName } from "./table";

type Raw = Record<string, unknown>;

const listener = new CallbackListener();
beforeAll(() => listener.start("127.0.0.1"));
afterAll(() => listener.stop());

function clientFor(dialect: DialectName) {
  const consumer = inject("sandboxDialects")[dialect];
  return new ConsumerClient({ baseUrl: inject("sandboxUrl"), consumerId: consumer.consumerId, privateKeyPem: consumer.privateKeyPem, audience: inject("sandboxAudience") });
}

async function admin(method: string, path: string, body?: unknown) {
  const response = await fetch(inject("sandboxUrl") + path, {
    method,
    headers: { authorization: `Bearer ${inject("sandboxAdminToken")}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
  return response.json() as Promise<unknown>;
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

async function productOf(client: ConsumerClient, line: string): Promise<Raw> {
  const ids = (await client.get("/v1/product-id-list-updated", { since: "1970-01-01T00:00:00Z" })).json as string[];
  const products = (await client.get("/v1/product-list", { "id-list": ids.join(",") })).json as Raw[];
  return products.find((product) => product.line === line)!;
}

const person = { type: "person", firstName: "Dia", lastName: "Lect", birthDate: "1980-02-03" };
const readContract = async (client: ConsumerClient, id: string) => ((await client.get("/v1/contract-list", { "id-list": id })).json as Raw[])[0]!;
const waitForStatus = (client: ConsumerClient, id: string, status: number) =>
  until(async () => {
    const record = await readContract(client, id);
    return record.status === status ? record : undefined;
  }, `status ${status}`);
const events = async (id: string) => ((await admin("GET", `/admin/contracts/${encodeURIComponent(id)}/events`)) as { to: number }[]).map((event) => event.to);

describe("numeric-ids dialect", () => {
  const client = clientFor("numeric-ids");
  const household = { livingArea: 80, sumInsured: 50_000, postalCode: "01067", buildingType: "apartment", startDate: "2031-01-01" };

  it("sends digit ids (leading zeros kept as strings; short file/user ids as numbers), plain-text auth-status", async () => {
    const created = await client.request("POST", "/v1/client", { body: person });
    expect(created.status).toBe(201);
    const clientRecord = created.json as Raw;
    expect(clientRecord.id).toMatch(/^000\d{15}$/);
    expect(clientRecord.customerSegment).toBe("retail");
    const listed = (await client.get("/v1/client-list", { "id-list": String(clientRecord.id) })).json as Raw[];
    expect(listed[0]!.id).toBe(clientRecord.id);
    const userIds = (await client.get("/v1/user-id-list-updated", { since: "1970-01-01T00:00:00Z" })).json as unknown[];
    expect(userIds.length).toBeGreaterThan(0);
    for (const id of userIds) expect(typeof id).toBe("number");
    const users = (await client.get("/v1/user-list", { "id-list": userIds.join(",") })).json as Raw[];
    expect(users.map((user) => user.id).sort()).toEqual([...userIds].sort());
    const auth = await client.get("/v1/auth-status");
    expect(auth.status).toBe(200);
    expect(auth.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(auth.text).toBe("OK");
  });

  it("answers 120 first and 110 later; 130 with a numeric-string premium, the proposal file at the top level, no nulls, whole seconds", async () => {
    const holder = (await client.request("POST", "/v1/client", { body: person })).json as Raw;
    const product = await productOf(client, "household");
    expect((product.fields as Raw[]).map((field) => field.type)).toEqual(["integer", "decimal", "text", "select", "boolean", "date"]);
    const callback = listener.url();
    const partial = { ...household, postalCode: undefined };
    const created = (await client.request("POST", "/v1/contract", { body: { holderId: holder.id, productId: product.id, status: 120, data: partial, callback } })).json as Raw;
    expect(created.status).toBe(120);
    expect(created.id).toMatch(/^000\d{15}$/);
    expect("premium" in created).toBe(false);
    const waiting = await waitForStatus(client, String(created.id), 110);
    expect(waiting.statusNote).toContain("postalCode");
    expect(waiting.updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    await client.request("PATCH", "/v1/contract", { body: { id: created.id, status: 120, data: { postalCode: "01067" } } });
    const proposed = await waitForStatus(client, String(created.id), 130);
    expect(proposed.premium).toMatch(/^\d+\.\d\d$/);
    expect(typeof proposed.proposalFileId).toBe("number");
    expect(proposed.proposalVersion).toBe(1);
    expect(proposed.data).not.toHaveProperty("proposalFileId");
    expect("contractNumber" in proposed).toBe(false);
    const [file] = (await client.get("/v1/file-list", { "id-list": String(proposed.proposalFileId) })).json as Raw[];
    expect(file).toMatchObject({ id: proposed.proposalFileId, mimeType: "application/pdf" });
    expect(file).not.toHaveProperty("contentType");
    const content = await client.get("/v1/file-content", { id: String(proposed.proposalFileId) });
    expect(content.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");

    await client.request("PATCH", "/v1/contract", { body: { id: created.id, status: 230 } });
    await waitForStatus(client, String(created.id), 510);
    expect(await events(String(created.id))).toEqual(expect.arrayContaining([120, 110, 130, 230, 240, 320, 510]));
    const received = await listener.waitFor(callback, (list) => list.some((c) => c.body.includes('"status":510')), 15_000, "the 510 callback");
    const body = JSON.parse(received[0]!.body) as Raw;
    expect(body).toMatchObject({ event: "contract.status_changed", recordType: "contract", id: created.id });
    expect(body.updatedAt).toMatch(/:\d\dZ$/);
  });

  it("caps id lists at 200 (414 as plain text), 404 with an empty body, 5xx as HTML, 401 in its own format", async () => {
    const ids = (count: number) => Array.from({ length: count }, (_, index) => `x${index}`).join(",");
    expect((await client.get("/v1/contract-list", { "id-list": ids(200) })).status).toBe(200);
    const over = await client.get("/v1/contract-list", { "id-list": ids(201) });
    expect(over.status).toBe(414);
    expect(over.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(over.text).toMatch(/^414 URI Too Long: At most 200 ids per call; got 201/);
    const missing = await client.get("/v1/file-content", { id: "404040" });
    expect(missing.status).toBe(404);
    expect(missing.text).toBe("");
    const bad = await client.get("/v1/auth-status", undefined, { token: await client.token({ audience: "someone-else" }) });
    expect(bad.status).toBe(401);
    expect(bad.text).toMatch(/^401 Unauthorized: /);
    const anonymous = await client.get("/v1/auth-status", undefined, { token: null });
    expect(anonymous.json).toMatchObject({ error: { code: "UNAUTHORIZED" } });
  });
});

describe("problem-json dialect", () => {
  const client = clientFor("problem-json");

  it("sends UUIDs, nested _ objects, +00:00 offsets and an introspection auth-status; ignores the consumer's _ fields", async () => {
    const created = (await client.request("POST", "/v1/client", { body: { ...person, _mine: "x" } })).json as Raw;
    expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(created._credit).toEqual({ result: "passed" });
    expect(created).not.toHaveProperty("_mine");
    expect(created.updatedAt).toMatch(/\.\d{3}\+00:00$/);
    const auth = await client.get("/v1/auth-status");
    expect(auth.json).toMatchObject({ active: true, sub: inject("sandboxDialects")["problem-json"].consumerId });
  });

  it("requires its own fields (bicycleCover) with 110 at once; number premium; 250 between 240 and 320; CloudEvents-like callbacks", async () => {
    const holder = (await client.request("POST", "/v1/client", { body: person })).json as Raw;
    const product = await productOf(client, "household");
    const fields = Object.fromEntries((product.fields as Raw[]).map((field) => [field.name, field.required]));
    expect(fields).toMatchObject({ bicycleCover: true, postalCode: false });
    const callback = listener.url();
    const data = { livingArea: 80, sumInsured: 50_000, buildingType: "house", startDate: "2031-01-01" };
    const created = (await client.request("POST", "/v1/contract", { body: { holderId: holder.id, productId: product.id, status: 120, data, callback } })).json as Raw;
    expect(created.status).toBe(110);
    expect(created.statusNote).toContain("bicycleCover");
    expect(created.statusNote).not.toContain("postalCode");
    expect(created.channel).toBe("broker-api");
    await client.request("PATCH", "/v1/contract", { body: { id: created.id, status: 120, data: { bicycleCover: true } } });
    const proposed = await waitForStatus(client, String(created.id), 130);
    expect(typeof proposed.premium).toBe("number");
    expect(proposed._risk).toEqual({ class: expect.any(String) });
    expect(typeof (proposed.data as Raw).proposalFileId).toBe("string");
    await client.request("PATCH", "/v1/contract", { body: { id: created.id, status: 230 } });
    const active = await waitForStatus(client, String(created.id), 320);
    expect(active.contractNumber).toBeTruthy();
    expect(await events(String(created.id))).toEqual([120, 110, 120, 130, 230, 240, 250, 320]);
    const received = await listener.waitFor(callback, (list) => list.some((c) => c.body.includes('"status":320')), 15_000, "the 320 callback");
    expect(JSON.parse(received.at(-1)!.body)).toMatchObject({ specversion: "1.0", type: "com.example.contract.status", recordType: "contract", id: created.id, data: { contractNumber: active.contractNumber } });
  });

  it("answers errors as RFC 9457 problem details with JSON pointers, and 413 above 1000 ids", async () => {
    const product = await productOf(client, "household");
    const holder = (await client.request("POST", "/v1/client", { body: person })).json as Raw;
    const invalid = await client.request("POST", "/v1/contract", { body: { holderId: holder.id, productId: product.id, status: 120, data: { sumInsured: 1 } } });
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get("content-type")).toBe("application/problem+json");
    expect(invalid.json).toMatchObject({ status: 422, title: "Unprocessable Content", errors: [{ pointer: "#/data/sumInsured", detail: "must be at least 5000" }] });
    const ids = (count: number) => Array.from({ length: count }, (_, index) => `x${index}`).join(",");
    expect((await client.get("/v1/contract-list", { "id-list": ids(1000) })).status).toBe(200);
    const over = await client.get("/v1/contract-list", { "id-list": ids(1001) });
    expect(over.status).toBe(413);
    expect(over.json).toMatchObject({ type: "/problems/payload-too-large", status: 413 });
  });
});
