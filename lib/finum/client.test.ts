/**
 * Unit tests of the provider client. The transport is tested over real HTTP against small local
 * servers on 127.0.0.1 that answer the odd things real providers do (no fetch mocks).
 */
import { generateKeyPairSync } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import {
  backoffDelayMs,
  chunk,
  createFinumClient,
  fieldErrorsFromDetails,
  loggedPath,
  parseRetryAfter,
  ProviderAddressError,
  ProviderAuthError,
  ProviderRejectedError,
  ProviderResponseError,
  ProviderUnavailableError,
  PROVIDER_ADDRESS_REFUSED,
  type FinumClientConfig,
  type ProviderCall,
} from "./client";
import { readErrorBody, textOfHtml } from "./errors";

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

const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256", privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => void | Promise<void>;
const servers: http.Server[] = [];

/** A provider of the test's own on 127.0.0.1: `handler` answers every request. */
async function localProvider(handler: Handler): Promise<string> {
  const server = http.createServer((req, res) => {
    void Promise.resolve(handler(req, res, new URL(req.url ?? "/", "http://local"))).catch(() => res.destroy());
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

const AUTH_OK = { ok: true, consumerId: "me" };

function clientAt(baseUrl: string, overrides: Partial<FinumClientConfig> = {}) {
  const calls: ProviderCall[] = [];
  const client = createFinumClient({ name: "Acme Insurance", baseUrl, consumerId: "me", audience: "aud-x", privateKeyPem: privateKey, retryBaseMs: 5, onCall: (call) => void calls.push(call), ...overrides });
  return { client, calls };
}

describe("token", () => {
  afterEach(() => vi.useRealTimers());

  it("signs ES256 with iss, aud, kid and a 1 h lifetime, reused until 5 minutes before expiry", async () => {
    const tokens: string[] = [];
    const url = await localProvider((req, res) => {
      tokens.push(String(req.headers.authorization).replace("Bearer ", ""));
      json(res, 200, AUTH_OK);
    });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-03-01T10:00:00Z"));
    const { client } = clientAt(url, { keyId: "k1" });
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
    const url = await localProvider((_req, res) => json(res, 200, { ok: "yes", consumer: "me" }));
    await expect(clientAt(url).client.authStatus()).resolves.toMatchObject({ ok: true, consumerId: "me" });
  });

  it("turns an answer that is no list of records into an error naming the provider and the operation", async () => {
    const url = await localProvider((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html>maintenance</html>");
    });
    const error = await clientAt(url).client.list("contract", ["C-1"]).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderResponseError);
    expect((error as Error).message).toMatch(/^Acme Insurance .*list contract/);
  });
});

describe("error bodies", () => {
  const html = `<!doctype html><html><head><title>502 Bad Gateway</title><style>body{color:red}</style><script>alert("x")</script></head><body><h1>Bad &amp; gateway</h1><p>nginx</p></body></html>`;
  const table: Array<{ name: string; status: number; type?: string; body: string; code: string; message: RegExp; details?: Array<{ field: string; message: string }> }> = [
    {
      name: "FINUM.md's shape",
      status: 422,
      type: "application/json",
      body: JSON.stringify({ error: { code: "VALIDATION_FAILED", message: "Invalid contract data", details: [{ field: "data.coverage", message: "must be one of 3000000" }] } }),
      code: "VALIDATION_FAILED",
      message: /^Invalid contract data$/,
      details: [{ field: "data.coverage", message: "must be one of 3000000" }],
    },
    {
      name: "RFC 9457 with errors[] and JSON pointers",
      status: 422,
      type: "application/problem+json",
      body: JSON.stringify({ type: "about:blank", title: "Unprocessable", detail: "One field is invalid", errors: [{ pointer: "/data/startDate", detail: "must be in the future" }] }),
      code: "HTTP_422",
      message: /^Unprocessable: One field is invalid$/,
      details: [{ field: "data.startDate", message: "must be in the future" }],
    },
    {
      name: "RFC 9457 with invalid-params",
      status: 400,
      type: "application/problem+json",
      body: JSON.stringify({ title: "Your request parameters didn't validate.", "invalid-params": [{ name: "birthDate", reason: "must be a date" }] }),
      code: "HTTP_400",
      message: /^Your request parameters didn't validate\.$/,
      details: [{ field: "birthDate", message: "must be a date" }],
    },
    {
      name: "errors as a map of field to messages",
      status: 422,
      type: "application/json",
      body: JSON.stringify({ message: "Validation failed", errors: { "address.city": ["is required"], lastName: "too short" } }),
      code: "HTTP_422",
      message: /^Validation failed$/,
      details: [
        { field: "address.city", message: "is required" },
        { field: "lastName", message: "too short" },
      ],
    },
    { name: "error as a string", status: 409, type: "application/json", body: JSON.stringify({ error: "already ordered" }), code: "HTTP_409", message: /^already ordered$/ },
    { name: "a lower-case code", status: 404, type: "application/json", body: JSON.stringify({ error: { code: "not-found", message: "no such contract" } }), code: "NOT_FOUND", message: /^no such contract$/ },
    { name: "plain text", status: 400, type: "text/plain", body: "Bad\r\n  id-list\u0000 parameter", code: "HTTP_400", message: /^Bad id-list parameter$/ },
    { name: "HTML", status: 502, type: "text/html", body: html, code: "HTTP_502", message: /^Bad & gateway$/ },
    { name: "HTML without a content type", status: 500, body: "<html><body><div>Something <b>broke</b></div></body></html>", code: "HTTP_500", message: /^Something broke$/ },
    { name: "empty", status: 404, body: "", code: "HTTP_404", message: /^404 Not found$/ },
    { name: "broken JSON", status: 400, type: "application/json", body: '{"error": {"code": ', code: "HTTP_400", message: /^\{"error": \{"code":$/ },
    { name: "a very long text", status: 500, type: "text/plain", body: "x".repeat(5000), code: "HTTP_500", message: /^x{299}…$/ },
  ];

  it.each(table)("reads $name", ({ status, type, body, code, message, details }) => {
    const read = readErrorBody(status, Buffer.from(body), type);
    expect(read.code).toBe(code);
    expect(read.message).toMatch(message);
    expect(read.message).not.toMatch(/<|>/);
    expect(read.details).toEqual(details ?? []);
  });

  it("never shows markup or script from an HTML page", () => {
    expect(textOfHtml(html)).toBe("Bad & gateway");
    expect(textOfHtml("<p>a &lt;b&gt; c<script>evil()</script></p>")).toBe("a b c");
  });

  it("gives a provider's 422 on one field to the form at that field, over HTTP", async () => {
    const url = await localProvider((_req, res) => {
      res.writeHead(422, { "content-type": "application/problem+json" });
      res.end(JSON.stringify({ title: "Invalid", "invalid-params": [{ name: "data.coverage", reason: "not offered" }] }));
    });
    const error = await clientAt(url)
      .client.createContract({ holderId: "h", productId: "p", status: 120, data: {} }, { idempotencyKey: "k" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderRejectedError);
    expect((error as ProviderRejectedError).fieldErrors).toEqual({ coverage: ["not offered"] });
    expect((error as Error).message).toBe("Acme Insurance rejected create contract: Invalid");
  });

  it("reads a 401's HTML body as text and a 503's plain text in the log", async () => {
    let count = 0;
    const url = await localProvider((_req, res) => {
      count++;
      if (count === 1) {
        res.writeHead(503, { "content-type": "text/plain" });
        res.end("down for maintenance");
      } else {
        res.writeHead(401, { "content-type": "text/html" });
        res.end("<html><head><title>Login</title></head><body><h1>Wrong audience: expected api.acme</h1></body></html>");
      }
    });
    const { client, calls } = clientAt(url);
    const error = await client.authStatus().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderAuthError);
    expect((error as ProviderAuthError).providerMessage).toBe("Wrong audience: expected api.acme");
    expect(calls.map((c) => c.error)).toEqual(["503 down for maintenance", "Acme Insurance refused our credentials (401): Wrong audience: expected api.acme"]);
  });
});

describe("transport limits", () => {
  it("cuts off an answer over the size limit while streaming, without a content-length", async () => {
    let written = 0;
    let closed = false;
    const url = await localProvider((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("[");
      const chunk = `"${"a".repeat(64 * 1024)}",`;
      const pump = () => {
        while (!closed && written < 200 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      res.on("close", () => (closed = true));
      pump();
    });
    const { client, calls } = clientAt(url, { maxResponseBytes: 1024 * 1024 });
    const error = await client.idListUpdated("contract", new Date(0)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderResponseError);
    expect((error as Error).message).toMatch(/larger than 1 MB; it was cut off/);
    // The provider was stopped long before its 200 MB: we read little more than the limit.
    await vi.waitFor(() => expect(closed).toBe(true));
    expect(written).toBeLessThan(50 * 1024 * 1024);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ status: 200, error: expect.stringMatching(/cut off/) });
  });

  it("refuses a declared content-length over the limit at once", async () => {
    const url = await localProvider((_req, res) => {
      res.writeHead(200, { "content-type": "application/pdf", "content-length": String(10 * 1024 * 1024) });
      res.write(Buffer.alloc(1024));
    });
    const error = await clientAt(url, { maxResponseBytes: 1024 * 1024 }).client.fileContent("f1").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderResponseError);
  });

  it("shows a 200 that is not JSON as an error, not as success", async () => {
    const url = await localProvider((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html><body>Maintenance</body></html>");
    });
    const { client, calls } = clientAt(url);
    const error = await client.idListUpdated("contract", new Date(0)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderResponseError);
    expect(calls[0]).toMatchObject({ status: 200, error: expect.stringMatching(/not JSON \(text\/html, 37 bytes: Maintenance\)/) });
  });

  it("reports a 200 that is JSON of the wrong shape through onUnreadable", async () => {
    const url = await localProvider((_req, res) => json(res, 200, { not: "a list" }));
    const unreadable: string[] = [];
    const { client, calls } = clientAt(url, { onUnreadable: (requestId) => void unreadable.push(requestId) });
    await expect(client.idListUpdated("contract", new Date(0))).rejects.toBeInstanceOf(ProviderResponseError);
    expect(unreadable).toEqual([calls[0]!.requestId]);
  });

  it("names the reader's reason in English when a write answers with a record it cannot use", async () => {
    const url = await localProvider((_req, res) => json(res, 201, { id: "C-1", updatedAt: "2026-12-01T10:00:00Z", status: "soon" }));
    const unreadable: string[] = [];
    const { client } = clientAt(url, { onUnreadable: (_requestId, message) => void unreadable.push(message) });
    const error = await client.createContract({ holderId: "h", productId: "p", status: 120, data: {} }, { idempotencyKey: "k" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderResponseError);
    expect((error as Error).message).toMatch(/\(the contract it returned cannot be used: status "soon" is not a status code\)\.$/);
    expect(unreadable).toEqual([(error as Error).message]);
  });

  it("waits for a slow list call beyond the ordinary timeout, and times out a slow write", async () => {
    const url = await localProvider((_req, res) => {
      setTimeout(() => json(res, 200, []), 600);
    });
    const { client } = clientAt(url, { timeoutMs: 200, maxRetries: 0, listTimeoutMs: 3_000 });
    await expect(client.idListUpdated("contract", new Date(0))).resolves.toEqual([]);
    const error = await client.createClient({ type: "company", companyName: "Slow" }, { idempotencyKey: "k" }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as Error).message).toMatch(/no answer within 0.2 s/);
  });

  it("halves the id chunk on 414 until the provider accepts it, and reports what it learned", async () => {
    const sizes: number[] = [];
    const url = await localProvider((_req, res, reqUrl) => {
      const ids = (reqUrl.searchParams.get("id-list") ?? "").split(",");
      sizes.push(ids.length);
      if (ids.length > 100) return json(res, 414, { error: { code: "TOO_MANY_IDS", message: `At most 100 ids; got ${ids.length}` } });
      json(res, 200, []);
    });
    const learned: number[] = [];
    const { client } = clientAt(url, { onLearnChunkSize: (size) => void learned.push(size) });
    const ids = Array.from({ length: 450 }, (_, i) => `c${i}`);
    expect((await client.list("contract", ids)).records).toEqual([]);
    expect(learned).toEqual([225, 112, 56]);
    // 450 → 225 → 112 → 56, then 56 at a time: nothing skipped, nothing twice.
    expect(sizes).toEqual([450, 225, 112, 56, 56, 56, 56, 56, 56, 56, 56, 2]);
    sizes.length = 0;
    await client.list("contract", ids.slice(0, 100));
    expect(sizes).toEqual([56, 44]);
  });

  it("starts from a given chunk size (an admin's override or a learned one)", async () => {
    const sizes: number[] = [];
    const url = await localProvider((_req, res, reqUrl) => {
      sizes.push((reqUrl.searchParams.get("id-list") ?? "").split(",").length);
      json(res, 200, []);
    });
    await clientAt(url, { idChunkSize: 40 }).client.list("contract", Array.from({ length: 100 }, (_, i) => `c${i}`));
    expect(sizes).toEqual([40, 40, 20]);
  });

  it("a Retry-After pauses every request of the provider, and the shared pause is honoured", async () => {
    let limited = true;
    const seen: number[] = [];
    const url = await localProvider((_req, res) => {
      seen.push(Date.now());
      if (limited) {
        limited = false;
        return json(res, 429, { error: { code: "RATE_LIMITED", message: "slow down" } }, { "retry-after": "1" });
      }
      json(res, 200, AUTH_OK);
    });
    let shared: Date | null = null;
    const pause = { get: () => shared, set: (until: Date) => { shared = until; } };
    const first = clientAt(url, { pause });
    const second = clientAt(url, { pause });
    const started = Date.now();
    const one = first.client.authStatus();
    // The second client (another instance) starts after the 429 was seen and must wait for the same pause.
    await vi.waitFor(() => expect(shared).not.toBeNull());
    await second.client.authStatus();
    await one;
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(seen).toHaveLength(3);
    expect(seen[1]! - seen[0]!).toBeGreaterThanOrEqual(950);
    expect(second.calls.map((c) => c.status)).toEqual([200]);
  });

  it("fails fast while a long shared pause is on", async () => {
    let hits = 0;
    const url = await localProvider((_req, res) => {
      hits++;
      json(res, 200, AUTH_OK);
    });
    const until = new Date(Date.now() + 120_000);
    const error = await clientAt(url, { pause: { get: () => until, set: () => {} } }).client.authStatus().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as ProviderUnavailableError).retryAfterSeconds).toBeGreaterThan(100);
    expect((error as Error).message).toMatch(/asked us to pause all requests/);
    expect(hits).toBe(0);
  });

  it("keeps to requestsPerSecond", async () => {
    const seen: number[] = [];
    const url = await localProvider((_req, res) => {
      seen.push(Date.now());
      json(res, 200, AUTH_OK);
    });
    const { client } = clientAt(url, { requestsPerSecond: 10 });
    await Promise.all(Array.from({ length: 6 }, () => client.authStatus()));
    expect(seen[5]! - seen[0]!).toBeGreaterThanOrEqual(450);
  });

  it("refuses an address the policy does not allow before anything is sent, with one neutral text", async () => {
    let hits = 0;
    const url = await localProvider((_req, res) => {
      hits++;
      json(res, 200, AUTH_OK);
    });
    const port = new URL(url).port;
    // Over HTTPS the host is checked the same way, before any TLS handshake.
    for (const base of [url, `http://localhost:${port}`, `https://localhost:${port}`]) {
      const { client, calls } = clientAt(base, { allowAddress: () => false });
      const error = await client.authStatus().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ProviderAddressError);
      expect((error as Error).message).toBe(`Acme Insurance: ${PROVIDER_ADDRESS_REFUSED}`);
      expect(calls).toHaveLength(1);
      expect(calls[0]!.status).toBeNull();
    }
    expect(hits).toBe(0);
    // The host name is resolved and checked: localhost is allowed here only because 127.0.0.1 is.
    await expect(clientAt(`http://localhost:${port}`, { allowAddress: (address) => address === "127.0.0.1" || address === "::1" }).client.authStatus()).resolves.toMatchObject({ ok: true });
  });
});
