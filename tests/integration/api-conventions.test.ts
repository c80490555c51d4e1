import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { makeClient, makeFirm } from "../factories";
import { ALL_SCOPES, apiClientWithToken, call, callJson, ROUTE_PATTERNS } from "./api-support";

describe("API conventions", () => {
  it("echoes X-Request-Id and X-Correlation-Id, answers with API-Version, and writes the ids to the audit rows", async () => {
    const { admin } = await makeFirm();
    const { token, id: apiClientId } = await apiClientWithToken(admin, { scopes: ALL_SCOPES });
    const requestId = `req-${crypto.randomUUID()}`;
    const response = await callJson<{ id: string }>("POST", "/api/v1/clients", { token, body: { kind: "COMPANY", companyName: "Acme GmbH" }, headers: { "x-request-id": requestId, "x-correlation-id": "order-4711" } });
    expect(response.status).toBe(201);
    expect(response.headers.get("x-request-id")).toBe(requestId);
    expect(response.headers.get("x-correlation-id")).toBe("order-4711");
    expect(response.headers.get("api-version")).toBe("1.0");
    expect(response.headers.get("location")).toBe(`/api/v1/clients/${response.body.id}`);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { entityId: response.body.id, action: "client.create" } });
    expect(audit.requestId).toBe(requestId);
    expect(audit.data).toMatchObject({ correlationId: "order-4711", apiClientId });

    const generated = await call("GET", "/api/v1/clients", { token });
    expect(generated.headers.get("x-request-id")).toMatch(/^[0-9a-f]{16}$/);
    expect(generated.headers.get("x-correlation-id")).toBe(generated.headers.get("x-request-id"));
  });

  it("replays the first answer for the same Idempotency-Key and body, and refuses the key with another body", async () => {
    const { admin } = await makeFirm();
    const { token } = await apiClientWithToken(admin, { scopes: ALL_SCOPES });
    const key = crypto.randomUUID();
    const body = { kind: "PERSON", firstName: "Ida", lastName: "Empotent" };
    const first = await callJson<{ id: string }>("POST", "/api/v1/clients", { token, body, headers: { "idempotency-key": key } });
    const again = await callJson<{ id: string }>("POST", "/api/v1/clients", { token, body, headers: { "idempotency-key": key } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await db().client.count({ where: { organizationId: admin.organizationId } })).toBe(1);

    const other = await callJson("POST", "/api/v1/clients", { token, body: { ...body, firstName: "Other" }, headers: { "idempotency-key": key } });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED" });
    expect(await db().client.count({ where: { organizationId: admin.organizationId } })).toBe(1);

    // A validation error is an answer too: replayed, not re-run.
    const badKey = crypto.randomUUID();
    const bad = await callJson("POST", "/api/v1/clients", { token, body: { kind: "PERSON" }, headers: { "idempotency-key": badKey } });
    expect(bad).toMatchObject({ status: 422, body: { code: "VALIDATION", errors: { firstName: expect.any(Array), lastName: expect.any(Array) } } });
    const badAgain = await callJson("POST", "/api/v1/clients", { token, body: { kind: "PERSON" }, headers: { "idempotency-key": badKey } });
    expect(badAgain.headers.get("idempotent-replayed")).toBe("true");

    // Two requests racing with one key: one runs, the other waits its turn (409) or replays.
    const raceKey = crypto.randomUUID();
    const racing = { kind: "COMPANY", companyName: "Race GmbH" };
    const raced = await Promise.all([0, 1].map(() => call("POST", "/api/v1/clients", { token, body: racing, headers: { "idempotency-key": raceKey } })));
    expect(raced.map((response) => response.status).sort()).toEqual(expect.arrayContaining([201]));
    for (const response of raced) expect([201, 409]).toContain(response.status);
    expect(await db().client.count({ where: { organizationId: admin.organizationId, companyName: "Race GmbH" } })).toBe(1);

    // Keys are per API client, and expire after 24 hours.
    const second = await apiClientWithToken(admin, { scopes: ALL_SCOPES, name: "Other system" });
    expect((await call("POST", "/api/v1/clients", { token: second.token, body, headers: { "idempotency-key": key } })).status).toBe(201);
    await db().apiIdempotencyKey.updateMany({ where: { key }, data: { expiresAt: new Date(Date.now() - 1) } });
    const afterExpiry = await call("POST", "/api/v1/clients", { token, body: { ...body, firstName: "Later" }, headers: { "idempotency-key": key } });
    expect(afterExpiry.status).toBe(201);
    expect(afterExpiry.headers.get("idempotent-replayed")).toBeNull();
  });

  it("answers RFC 9457 problems for bad JSON, bad media types and bad query parameters", async () => {
    const { admin } = await makeFirm();
    const { token } = await apiClientWithToken(admin, { scopes: ALL_SCOPES });
    const json = await callJson("POST", "/api/v1/clients", { token, body: "{not json" });
    expect(json).toMatchObject({ status: 400, body: { code: "INVALID_JSON", type: expect.any(String), title: "Bad Request", requestId: expect.any(String) } });
    const media = await callJson("POST", "/api/v1/clients", { token, body: "kind=PERSON", headers: { "content-type": "text/plain" } });
    expect(media).toMatchObject({ status: 415, body: { code: "UNSUPPORTED_MEDIA_TYPE" } });
    const size = await callJson("GET", "/api/v1/contracts?pageSize=1000", { token });
    expect(size).toMatchObject({ status: 400, body: { code: "INVALID_QUERY", errors: { pageSize: expect.any(Array) } } });
    const pageToken = await callJson("GET", "/api/v1/clients?pageToken=garbage", { token });
    expect(pageToken).toMatchObject({ status: 400, body: { code: "INVALID_PAGE_TOKEN" } });
    const missing = await callJson("GET", "/api/v1/contracts/nope", { token });
    expect(missing).toMatchObject({ status: 404, body: { code: "NOT_FOUND" } });
    expect(missing.headers.get("content-type")).toBe("application/problem+json");
  });

  it("pages with pageSize/pageToken without repeating or skipping rows while others are inserted", async () => {
    const { admin, advisor } = await makeFirm();
    const { token } = await apiClientWithToken(admin, { scopes: ALL_SCOPES });
    const originals: string[] = [];
    for (let index = 0; index < 23; index += 1) originals.push((await makeClient(advisor, { lastName: `Page ${index}` })).id);

    const seen: string[] = [];
    let pageToken: string | null = null;
    let pages = 0;
    do {
      const query: string = `/api/v1/clients?pageSize=5${pageToken ? `&pageToken=${pageToken}` : ""}`;
      const page: { status: number; body: { data: Array<{ id: string }>; nextPageToken: string | null } } = await callJson("GET", query, { token });
      expect(page.status).toBe(200);
      seen.push(...page.body.data.map((row) => row.id));
      pageToken = page.body.nextPageToken;
      pages += 1;
      // Someone else keeps creating clients while we page.
      await Promise.all([makeClient(advisor, { lastName: `Concurrent ${pages}a` }), makeClient(advisor, { lastName: `Concurrent ${pages}b` })]);
    } while (pageToken);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.sort()).toEqual([...originals].sort());
    expect(pages).toBe(5);

    // A token only works with the query it came from.
    const first = await callJson<{ nextPageToken: string }>("GET", "/api/v1/clients?pageSize=5", { token });
    const mixed = await callJson("GET", `/api/v1/clients?pageSize=5&updatedSince=2020-01-01T00:00:00Z&pageToken=${first.body.nextPageToken}`, { token });
    expect(mixed).toMatchObject({ status: 400, body: { code: "INVALID_PAGE_TOKEN" } });
  });

  it("pages contracts with filters by status, turn, provider, advisor and updatedSince, stable under inserts", async () => {
    const { admin, advisor, otherAdvisor } = await makeFirm();
    const { token } = await apiClientWithToken(admin, { scopes: ALL_SCOPES });
    const provider = await db().provider.create({ data: { organizationId: admin.organizationId, name: "Direct", baseUrl: "https://provider.invalid", consumerId: "c", publicKeyPem: "-", privateKeyEnc: "-" } });
    const client = await makeClient(advisor);
    const make = (status: number, advisorId: string, turn: "ADVISOR" | "PROVIDER" = "ADVISOR") =>
      db().contract.create({ data: { organizationId: admin.organizationId, providerId: provider.id, clientId: client.id, advisorId, status, turn, callbackToken: crypto.randomUUID() }, select: { id: true } });
    const created: string[] = [];
    for (let index = 0; index < 12; index += 1) created.push((await make(index % 3 === 0 ? 110 : 130, index % 2 ? advisor.id : otherAdvisor.id, index % 3 === 0 ? "ADVISOR" : "PROVIDER")).id);
    const since = new Date();

    const seen: string[] = [];
    let pageToken: string | null = null;
    do {
      const page: { body: { data: Array<{ id: string }>; nextPageToken: string | null } } = await callJson("GET", `/api/v1/contracts?pageSize=4&provider=${provider.id}${pageToken ? `&pageToken=${pageToken}` : ""}`, { token });
      seen.push(...page.body.data.map((row) => row.id));
      pageToken = page.body.nextPageToken;
      await make(130, advisor.id, "PROVIDER");
    } while (pageToken);
    expect(seen.sort()).toEqual([...created].sort());

    const byStatus = await callJson<{ data: Array<{ status: number }> }>("GET", `/api/v1/contracts?status=110&pageSize=100`, { token });
    expect(byStatus.body.data).toHaveLength(4);
    expect(byStatus.body.data.every((row) => row.status === 110)).toBe(true);
    const byTurn = await callJson<{ data: Array<{ turn: string }> }>("GET", `/api/v1/contracts?turn=advisor&pageSize=100`, { token });
    expect(byTurn.body.data).toHaveLength(4);
    const byAdvisor = await callJson<{ data: Array<{ advisorId: string }> }>("GET", `/api/v1/contracts?advisor=${otherAdvisor.id}&pageSize=100`, { token });
    expect(byAdvisor.body.data).toHaveLength(6);
    const changed = await callJson<{ data: Array<{ id: string }> }>("GET", `/api/v1/contracts?updatedSince=${since.toISOString()}&pageSize=100`, { token });
    expect(changed.body.data.some((row) => created.includes(row.id))).toBe(false);
    expect(changed.body.data.length).toBeGreaterThan(0);

    // An advisor-scoped client sees only that advisor's contracts, whatever the filter says.
    const scoped = await apiClientWithToken(admin, { scopes: ALL_SCOPES, actingUserId: advisor.id });
    const own = await callJson<{ data: Array<{ advisorId: string }> }>("GET", `/api/v1/contracts?advisor=${otherAdvisor.id}`, { token: scoped.token });
    expect(own.body.data).toEqual([]);
  });

  it("runs client batches record by record, or all or none", async () => {
    const { admin } = await makeFirm();
    const { token } = await apiClientWithToken(admin, { scopes: ALL_SCOPES });
    const records = [
      { ref: "a", kind: "PERSON", firstName: "Anna", lastName: "Batch" },
      { ref: "b", kind: "PERSON", firstName: "Bad", email: "not-an-email" },
      { ref: "c", kind: "COMPANY", companyName: "Batch AG" },
    ];
    const partial = await callJson<{ succeeded: number; failed: number; results: Array<{ index: number; ref: string; outcome: string; id?: string; error?: { code: string; errors: Record<string, string[]> } }> }>("POST", "/api/v1/clients/batch", { token, body: { records } });
    expect(partial.status).toBe(200);
    expect(partial.body).toMatchObject({ succeeded: 2, failed: 1 });
    expect(partial.body.results.map((result) => [result.ref, result.outcome])).toEqual([["a", "created"], ["b", "error"], ["c", "created"]]);
    expect(partial.body.results[1]!.error).toMatchObject({ code: "VALIDATION", errors: { lastName: expect.any(Array), email: expect.any(Array) } });
    expect(await db().client.count({ where: { organizationId: admin.organizationId } })).toBe(2);

    // An update in the batch, and all-or-none rolling back the good records.
    const annaId = partial.body.results[0]!.id!;
    const allOrNone = await callJson<{ failed: number; results: Array<{ outcome: string }> }>("POST", "/api/v1/clients/batch", {
      token,
      body: { allOrNone: true, records: [{ id: annaId, city: "Hamburg" }, { kind: "COMPANY", companyName: "Rolled AG" }, { kind: "COMPANY" }] },
    });
    expect(allOrNone.body.failed).toBe(1);
    expect(allOrNone.body.results.map((result) => result.outcome)).toEqual(["rolled_back", "rolled_back", "error"]);
    expect(await db().client.count({ where: { organizationId: admin.organizationId } })).toBe(2);
    expect((await db().client.findUniqueOrThrow({ where: { id: annaId } })).city).toBeNull();

    const good = await callJson<{ succeeded: number; results: Array<{ outcome: string }> }>("POST", "/api/v1/clients/batch", { token, body: { allOrNone: true, records: [{ id: annaId, city: "Hamburg" }, { kind: "COMPANY", companyName: "Kept AG" }] } });
    expect(good.body.results.map((result) => result.outcome)).toEqual(["updated", "created"]);
    expect((await db().client.findUniqueOrThrow({ where: { id: annaId } })).city).toBe("Hamburg");

    const tooMany = await callJson("POST", "/api/v1/clients/batch", { token, body: { records: Array.from({ length: 1001 }, () => ({ kind: "COMPANY", companyName: "X" })) } });
    expect(tooMany).toMatchObject({ status: 422, body: { code: "VALIDATION", errors: { records: expect.any(Array) } } });
  });

  it("publishes an OpenAPI 3.1 document that covers every route", async () => {
    const response = await callJson<{ openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } }>("GET", "/api/v1/openapi.json");
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe("3.1.0");
    const documented = Object.keys(response.body.paths).map((path) => `/api/v1${path.replace(/\{(\w+)\}/g, ":$1")}`);
    for (const pattern of ROUTE_PATTERNS.filter((pattern) => pattern !== "/api/v1/openapi.json")) expect(documented).toContain(pattern);
    expect(response.body.components.schemas).toHaveProperty("ClientCreate.properties.birthDate");
  });
});
