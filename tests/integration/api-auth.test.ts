import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { revokeApiClient, rotateApiClientSecret, createApiClient } from "@/lib/api/api-clients";
import { setUserDisabled } from "@/lib/users/manage-users";
import { makeClient, makeFirm } from "../factories";
import { ALL_SCOPES, apiClientWithToken, call, callJson, tokenFor } from "./api-support";

describe("OAuth 2.0 client credentials", () => {
  it("issues a 5-minute bearer token for the client's scopes and stores only a hash of the secret", async () => {
    const { admin } = await makeFirm();
    const created = await createApiClient(admin, { name: "CRM", scopes: ["clients:read", "contracts:read"] });
    const row = await db().apiClient.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.secretHash).not.toContain(created.clientSecret);
    expect(JSON.stringify(row)).not.toContain(created.clientSecret);

    const response = await callJson<{ access_token: string; token_type: string; expires_in: number; scope: string }>("POST", "/api/v1/oauth/token", {
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: created.clientId, client_secret: created.clientSecret }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.body).toMatchObject({ token_type: "Bearer", expires_in: 300, scope: "clients:read contracts:read" });
    const claims = JSON.parse(Buffer.from(response.body.access_token.split(".")[1]!, "base64url").toString());
    expect(claims.exp - claims.iat).toBe(300);

    // A narrower scope on request; a wider one is refused.
    expect(await tokenFor(created.clientId, created.clientSecret, "clients:read")).toBeTruthy();
    const wider = await callJson("POST", "/api/v1/oauth/token", { body: { grant_type: "client_credentials", client_id: created.clientId, client_secret: created.clientSecret, scope: "clients:write" } });
    expect(wider).toMatchObject({ status: 400, body: { error: "invalid_scope" } });
  });

  it("refuses wrong secrets, unknown grant types and missing or forged tokens", async () => {
    const { admin } = await makeFirm();
    const created = await createApiClient(admin, { name: "CRM", scopes: ["clients:read"] });
    const wrong = await callJson("POST", "/api/v1/oauth/token", { body: { grant_type: "client_credentials", client_id: created.clientId, client_secret: created.clientSecret + "x" } });
    expect(wrong).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    const grant = await callJson("POST", "/api/v1/oauth/token", { body: { grant_type: "password", client_id: created.clientId, client_secret: created.clientSecret } });
    expect(grant).toMatchObject({ status: 400, body: { error: "unsupported_grant_type" } });

    const none = await callJson("GET", "/api/v1/clients");
    expect(none.status).toBe(401);
    expect(none.headers.get("content-type")).toBe("application/problem+json");
    expect(none.headers.get("www-authenticate")).toMatch(/Bearer/);
    expect(none.body).toMatchObject({ status: 401, code: "INVALID_TOKEN", type: expect.stringContaining("invalid-token") });

    const token = await tokenFor(created.clientId, created.clientSecret);
    const [header, payload] = token.split(".");
    const forged = `${header}.${payload}.${"A".repeat(43)}`;
    expect((await call("GET", "/api/v1/clients", { token: forged })).status).toBe(401);
  });

  it("slows down a client that asks for tokens in a loop", async () => {
    const { admin } = await makeFirm();
    const created = await createApiClient(admin, { name: "Loop", scopes: ["clients:read"] });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const response = await call("POST", "/api/v1/oauth/token", { body: { grant_type: "client_credentials", client_id: created.clientId, client_secret: "wrong" } });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.headers.get("retry-after")).toBe("1");
        break;
      }
    }
    expect(statuses.slice(0, 15).every((status) => status === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it("ends every token at once when the secret is rotated or the client revoked, expired, or its user disabled", async () => {
    const { admin, advisor } = await makeFirm();
    const first = await apiClientWithToken(admin, { scopes: ["clients:read"] });
    expect((await call("GET", "/api/v1/clients", { token: first.token })).status).toBe(200);

    const rotated = await rotateApiClientSecret(admin, first.id);
    expect((await call("GET", "/api/v1/clients", { token: first.token })).status).toBe(401);
    expect((await callJson("POST", "/api/v1/oauth/token", { body: { grant_type: "client_credentials", client_id: first.clientId, client_secret: first.clientSecret } })).status).toBe(401);
    const fresh = await tokenFor(rotated.clientId, rotated.clientSecret);
    expect((await call("GET", "/api/v1/clients", { token: fresh })).status).toBe(200);

    await revokeApiClient(admin, first.id);
    expect((await call("GET", "/api/v1/clients", { token: fresh })).status).toBe(401);
    expect((await callJson("POST", "/api/v1/oauth/token", { body: { grant_type: "client_credentials", client_id: rotated.clientId, client_secret: rotated.clientSecret } })).body).toMatchObject({ error: "invalid_client" });

    const expiring = await apiClientWithToken(admin, { scopes: ["clients:read"], actingUserId: advisor.id });
    await db().apiClient.update({ where: { id: expiring.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await call("GET", "/api/v1/clients", { token: expiring.token })).status).toBe(401);

    const acting = await apiClientWithToken(admin, { scopes: ["clients:read"], actingUserId: advisor.id });
    await setUserDisabled(admin, advisor.id, true);
    expect((await call("GET", "/api/v1/clients", { token: acting.token })).status).toBe(401);
  });

  it("answers 403 with the missing scope when the token lacks it", async () => {
    const { admin } = await makeFirm();
    const { token } = await apiClientWithToken(admin, { scopes: ["contracts:read"] });
    const response = await callJson("GET", "/api/v1/clients", { token });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: "INSUFFICIENT_SCOPE", detail: expect.stringContaining("clients:read") });
    expect(response.headers.get("www-authenticate")).toMatch(/insufficient_scope/);
    const write = await callJson("POST", "/api/v1/clients", { token, body: { kind: "COMPANY", companyName: "Acme" } });
    expect(write).toMatchObject({ status: 403, body: { code: "INSUFFICIENT_SCOPE" } });
    expect(await db().client.count({ where: { organizationId: admin.organizationId } })).toBe(0);
  });
});

describe("object-level and field-level security", () => {
  it("lets a client acting as an advisor see exactly what that advisor sees, and nothing of another organization", async () => {
    const firm = await makeFirm();
    const other = await makeFirm();
    const mine = await makeClient(firm.advisor);
    const colleagues = await makeClient(firm.otherAdvisor);
    const foreign = await makeClient(other.advisor);

    const advisorClient = await apiClientWithToken(firm.admin, { scopes: ALL_SCOPES, actingUserId: firm.advisor.id });
    const list = await callJson<{ data: Array<{ id: string }> }>("GET", "/api/v1/clients", { token: advisorClient.token });
    expect(list.body.data.map((row) => row.id)).toEqual([mine.id]);
    expect((await call("GET", `/api/v1/clients/${colleagues.id}`, { token: advisorClient.token })).status).toBe(404);
    expect((await call("GET", `/api/v1/clients/${foreign.id}`, { token: advisorClient.token })).status).toBe(404);
    expect((await call("PATCH", `/api/v1/clients/${colleagues.id}`, { token: advisorClient.token, body: { city: "Köln" } })).status).toBe(404);

    const adminClient = await apiClientWithToken(firm.admin, { scopes: ALL_SCOPES });
    const all = await callJson<{ data: Array<{ id: string }> }>("GET", "/api/v1/clients", { token: adminClient.token });
    expect(all.body.data.map((row) => row.id).sort()).toEqual([mine.id, colleagues.id].sort());
    expect((await call("GET", `/api/v1/clients/${foreign.id}`, { token: adminClient.token })).status).toBe(404);
  });

  it("omits and refuses personal fields without clients:pii, and keeps them on a partial update", async () => {
    const { admin, advisor } = await makeFirm();
    const existing = await makeClient(advisor, { email: "erika@example.com", birthDate: "1980-05-17", city: "Berlin" });
    const withoutPii = await apiClientWithToken(admin, { scopes: ["clients:read", "clients:write"] });
    const withPii = await apiClientWithToken(admin, { scopes: ["clients:read", "clients:write", "clients:pii"] });

    const hidden = await callJson<Record<string, unknown>>("GET", `/api/v1/clients/${existing.id}`, { token: withoutPii.token });
    expect(hidden.status).toBe(200);
    for (const field of ["email", "birthDate", "street", "postalCode", "city", "phone"]) expect(hidden.body).not.toHaveProperty(field);
    const shown = await callJson<Record<string, unknown>>("GET", `/api/v1/clients/${existing.id}`, { token: withPii.token });
    expect(shown.body).toMatchObject({ email: "erika@example.com", birthDate: "1980-05-17", city: "Berlin" });

    const refused = await callJson<{ errors: Record<string, string[]> }>("POST", "/api/v1/clients", { token: withoutPii.token, body: { kind: "PERSON", firstName: "Max", lastName: "Muster", email: "max@example.com" } });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: "FIELD_FORBIDDEN" });
    expect(Object.keys(refused.body.errors)).toEqual(["email"]);
    expect((await callJson("PATCH", `/api/v1/clients/${existing.id}`, { token: withoutPii.token, body: { birthDate: "1981-01-01" } })).status).toBe(403);

    const renamed = await callJson("PATCH", `/api/v1/clients/${existing.id}`, { token: withoutPii.token, body: { firstName: "Erike" } });
    expect(renamed.status).toBe(200);
    const row = await db().client.findUniqueOrThrow({ where: { id: existing.id } });
    expect(row).toMatchObject({ firstName: "Erike", email: "erika@example.com", city: "Berlin" });
    expect(row.birthDate?.toISOString().slice(0, 10)).toBe("1980-05-17");
  });
});
