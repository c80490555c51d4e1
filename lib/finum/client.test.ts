import { generateKeyPairSync } from "node:crypto";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import { backoffDelayMs, chunk, createFinumClient, fieldErrorsFromDetails, loggedPath, parseRetryAfter, ProviderRejectedError, ProviderResponseError } from "./client";

describe("backoff", () => {
  it("grows exponentially, is capped and fully jittered", () => {
    expect(backoffDelayMs(0, 250, 5000, () => 0.999)).toBe(249);
    expect(backoffDelayMs(3, 250, 5000, () => 0.999)).toBe(1998);
    expect(backoffDelayMs(10, 250, 5000, () => 0.999)).toBe(4995);
    expect(backoffDelayMs(3, 250, 5000, () => 0)).toBe(0);
    const delays = Array.from({ length: 200 }, () => backoffDelayMs(2, 100, 5000));
    expect(Math.max(...delays)).toBeLessThan(400);
    expect(new Set(delays).size).toBeGreaterThan(10);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfter("3")).toBe(3);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:05 GMT", now)).toBe(5);
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", now)).toBe(0);
  });
});

describe("field mapping", () => {
  it("maps FINUM details to form field names", () => {
    expect(
      fieldErrorsFromDetails([
        { field: "data.coverage", message: "must be one of 3000000, 5000000" },
        { field: "data.coverage", message: "is required" },
        { field: "firstName", message: "Too small" },
        { field: "address.city", message: "Required" },
        { field: "(body)", message: "not an object" },
      ]),
    ).toEqual({ coverage: ["must be one of 3000000, 5000000", "is required"], firstName: ["Too small"], city: ["Required"], _form: ["not an object"] });
  });

  it("gives a rejected error its field errors", () => {
    const error = new ProviderRejectedError("P", "create contract", "P rejected", 422, "VALIDATION_FAILED", "invalid", [{ field: "data.startDate", message: "bad date" }]);
    expect(error.fieldErrors).toEqual({ startDate: ["bad date"] });
  });
});

describe("logging helpers", () => {
  it("shortens id lists in logged paths", () => {
    const ids = Array.from({ length: 500 }, (_, i) => `id${i}`).join(",");
    expect(loggedPath("/v1/product-list", { "id-list": ids })).toBe("/v1/product-list?id-list=id0,id1,id2,…(500 ids)");
    expect(loggedPath("/v1/auth-status", {})).toBe("/v1/auth-status");
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});

describe("token", () => {
  afterEach(() => vi.useRealTimers());

  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256", privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });

  /** Records the Authorization headers a client sends (a unit test of the token only; providers are tested over HTTP). */
  function capture() {
    const tokens: string[] = [];
    const fakeFetch = (async (_url: URL, init: RequestInit) => {
      tokens.push(String((init.headers as Record<string, string>).authorization).replace("Bearer ", ""));
      return new Response(JSON.stringify({ ok: true, consumerId: "me" }), { status: 200, headers: { "content-type": "application/json" } });
    }) as unknown as typeof fetch;
    return { tokens, fakeFetch };
  }

  it("signs ES256 with iss, aud, kid and a 1 h lifetime, reused until 5 minutes before expiry", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-03-01T10:00:00Z"));
    const { tokens, fakeFetch } = capture();
    const client = createFinumClient({ name: "P", baseUrl: "http://provider.invalid", consumerId: "me", audience: "aud-x", keyId: "k1", privateKeyPem: privateKey, fetch: fakeFetch });
    await client.authStatus();
    vi.setSystemTime(new Date("2026-03-01T10:54:00Z"));
    await client.authStatus();
    vi.setSystemTime(new Date("2026-03-01T10:56:00Z"));
    await client.authStatus();
    expect(tokens[0]).toBe(tokens[1]);
    expect(tokens[2]).not.toBe(tokens[1]);
    expect(decodeProtectedHeader(tokens[0]!)).toMatchObject({ alg: "ES256", kid: "k1" });
    const claims = decodeJwt(tokens[0]!);
    expect(claims).toMatchObject({ iss: "me", aud: "aud-x" });
    expect(claims.exp! - claims.iat!).toBe(3600);
  });

  it("takes any 2xx from auth-status as a valid token (its body is not in the spec)", async () => {
    const fakeFetch = (async () => new Response(JSON.stringify({ ok: "yes", consumer: "me" }), { status: 200 })) as unknown as typeof fetch;
    const client = createFinumClient({ name: "Acme Insurance", baseUrl: "http://provider.invalid", consumerId: "me", audience: "a", privateKeyPem: privateKey, fetch: fakeFetch });
    await expect(client.authStatus()).resolves.toMatchObject({ ok: true, consumerId: "me" });
  });

  it("turns an answer that is no list of records into an error naming the provider and the operation", async () => {
    const fakeFetch = (async () => new Response("<html>maintenance</html>", { status: 200 })) as unknown as typeof fetch;
    const client = createFinumClient({ name: "Acme Insurance", baseUrl: "http://provider.invalid", consumerId: "me", audience: "a", privateKeyPem: privateKey, fetch: fakeFetch });
    const error = await client.list("contract", ["C-1"]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderResponseError);
    expect((error as Error).message).toMatch(/Acme Insurance sent an answer to list contract that is not JSON/);
  });
});
