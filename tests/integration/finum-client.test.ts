/** The provider client against the real sandbox over HTTP: no mocked provider. */
import crypto, { generateKeyPairSync } from "node:crypto";
import net from "node:net";
import { describe, expect, inject, it } from "vitest";
import { ownSandboxConsumer } from "../sandbox";
import { createFinumClient, ProviderAuthError, ProviderRejectedError, ProviderUnavailableError, type FinumClientConfig, type ProviderCall } from "@/lib/finum/client";

const sandboxUrl = inject("sandboxUrl");
const audience = inject("sandboxAudience");
const consumer = inject("sandboxConsumer");

function clientFor(overrides: Partial<FinumClientConfig> = {}) {
  const calls: ProviderCall[] = [];
  const client = createFinumClient({
    name: "Test Sandbox",
    baseUrl: sandboxUrl,
    consumerId: consumer.consumerId,
    audience,
    privateKeyPem: consumer.privateKeyPem,
    retryBaseMs: 20,
    onCall: (call) => void calls.push(call),
    ...overrides,
  });
  return { client, calls };
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const key = () => crypto.randomUUID();

describe("FiNUM client against the sandbox", () => {
  it("authenticates, and a wrong key is a ProviderAuthError", async () => {
    const { client, calls } = clientFor();
    await expect(client.authStatus()).resolves.toMatchObject({ ok: true, consumerId: consumer.consumerId });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: "GET", path: "/v1/auth-status", status: 200, error: null, attempt: 1 });

    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs8", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
    const wrong = clientFor({ privateKeyPem: privateKey });
    const error = await wrong.client.authStatus().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderAuthError);
    expect(error).toMatchObject({ status: 401, provider: "Test Sandbox", operation: "auth status" });
    // Not retried: another try with the same key cannot succeed.
    expect(wrong.calls).toHaveLength(1);
    expect(JSON.stringify(wrong.calls)).not.toMatch(/PRIVATE KEY|Bearer|eyJ/);
  });

  it("retries a 503 with the same correlation id and a new request id, then succeeds", async () => {
    const own = await ownSandboxConsumer("faulty");
    await own.setFaults({ errorRate: 1 });
    const calls: ProviderCall[] = [];
    const { client } = clientFor({
      consumerId: own.consumerId,
      privateKeyPem: own.privateKeyPem,
      // The fault is lifted after the first failed attempt is seen, so the retry is what succeeds.
      onCall: async (call) => {
        calls.push(call);
        if (call.status === 503) await own.setFaults({});
      },
    });
    const correlationId = key();
    expect((await client.list("product", ["pr_hh4contentsplus01"], { correlationId })).records).toHaveLength(1);
    expect(calls.map((c) => c.status)).toEqual([503, 200]);
    expect(new Set(calls.map((c) => c.correlationId))).toEqual(new Set([correlationId]));
    expect(calls[0]!.requestId).not.toBe(calls[1]!.requestId);
  });

  it("waits for Retry-After on a 429, then succeeds", async () => {
    const own = await ownSandboxConsumer("faulty");
    await own.setFaults({ rateLimitRate: 1, retryAfterSeconds: 1 });
    const calls: ProviderCall[] = [];
    const { client } = clientFor({
      consumerId: own.consumerId,
      privateKeyPem: own.privateKeyPem,
      onCall: async (call) => {
        calls.push(call);
        if (call.status === 429) await own.setFaults({});
      },
    });
    const started = Date.now();
    await expect(client.authStatus()).resolves.toMatchObject({ ok: true });
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it("gives up with ProviderUnavailableError after the retries, and at once on a long Retry-After", async () => {
    const own = await ownSandboxConsumer("faulty");
    await own.setFaults({ errorRate: 1 });
    const failing = clientFor({ consumerId: own.consumerId, privateKeyPem: own.privateKeyPem, maxRetries: 2 });
    const error = await failing.client.authStatus().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error).toMatchObject({ status: 503, provider: "Test Sandbox" });
    expect(failing.calls.map((c) => c.status)).toEqual([503, 503, 503]);

    await own.setFaults({ rateLimitRate: 1, retryAfterSeconds: 120 });
    const limited = clientFor({ consumerId: own.consumerId, privateKeyPem: own.privateKeyPem });
    const limitedError = await limited.client.authStatus().catch((caught: unknown) => caught);
    expect(limitedError).toBeInstanceOf(ProviderUnavailableError);
    expect((limitedError as ProviderUnavailableError).retryAfterSeconds).toBe(120);
    expect(limited.calls).toHaveLength(1);
  });

  it("times out a slow answer and retries it", async () => {
    const own = await ownSandboxConsumer("faulty");
    await own.setFaults({ latencyMs: 1500 });
    const { client, calls } = clientFor({ consumerId: own.consumerId, privateKeyPem: own.privateKeyPem, timeoutMs: 200, maxRetries: 1 });
    const error = await client.authStatus().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as Error).message).toMatch(/no answer within 0.2 s/);
    expect(calls.map((c) => c.status)).toEqual([null, null]);
  });

  it("waits for a list call slowed by 3 s although a write would time out sooner", async () => {
    const own = await ownSandboxConsumer("slowlist");
    await own.setFaults({ latencyMs: 3000 });
    const { client, calls } = clientFor({ consumerId: own.consumerId, privateKeyPem: own.privateKeyPem, timeoutMs: 1000, maxRetries: 0 });
    expect((await client.list("product", ["pr_hh4contentsplus01"])).records).toHaveLength(1);
    expect(calls[0]!.durationMs).toBeGreaterThanOrEqual(3000);
    const write = await client.createClient({ type: "company", companyName: "Too Slow GmbH" }, { idempotencyKey: key() }).catch((caught: unknown) => caught);
    expect(write).toBeInstanceOf(ProviderUnavailableError);
    expect((write as Error).message).toMatch(/no answer within 1 s/);
  });

  it("shares a 429's Retry-After with every client of the provider through the pause hook", async () => {
    const own = await ownSandboxConsumer("pause");
    await own.setFaults({ rateLimitRate: 1, retryAfterSeconds: 2 });
    let shared: Date | null = null;
    const pause = {
      get: () => shared,
      set: (until: Date) => {
        shared = until;
      },
    };
    const second = clientFor({ consumerId: own.consumerId, privateKeyPem: own.privateKeyPem, pause });
    let limitedAt = 0;
    let secondDoneAt: Promise<number> | undefined;
    const first = clientFor({
      consumerId: own.consumerId,
      privateKeyPem: own.privateKeyPem,
      pause,
      onCall: async (call) => {
        if (call.status !== 429) return;
        limitedAt = Date.now();
        await own.setFaults({});
        // Another client (another instance) starts its own request while the pause is on.
        secondDoneAt = new Promise((resolve) => setTimeout(resolve, 100)).then(() => second.client.authStatus()).then(() => Date.now());
      },
    });
    await expect(first.client.authStatus()).resolves.toMatchObject({ ok: true });
    const doneAt = await secondDoneAt!;
    // The sandbox no longer limits anybody, yet the second client waited out the pause too.
    expect(doneAt - limitedAt).toBeGreaterThanOrEqual(1900);
    expect(second.calls.map((c) => c.status)).toEqual([200]);
  });

  it("fails with ProviderUnavailableError when the provider is unreachable", async () => {
    const { client, calls } = clientFor({ baseUrl: `http://127.0.0.1:${await closedPort()}`, maxRetries: 2 });
    const error = await client.idListUpdated("product", new Date(0)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as Error).message).toMatch(/Test Sandbox is not reachable \(product id list: connection refused \(ECONNREFUSED\)/);
    expect(calls).toHaveLength(3);
    expect(calls.every((c) => c.status === null && c.error?.includes("ECONNREFUSED"))).toBe(true);
  });

  it("creates a client and a contract once per idempotency key", async () => {
    const { client, calls } = clientFor();
    const clientKey = key();
    const body = { type: "person" as const, firstName: "Ida", lastName: "Idempotent", birthDate: "1985-02-03" };
    const holder = await client.createClient(body, { idempotencyKey: clientKey });
    expect((await client.createClient(body, { idempotencyKey: clientKey })).id).toBe(holder.id);
    expect(holder.raw._creditCheck).toBe("passed");

    const contractKey = key();
    const contractBody = { holderId: holder.id, productId: "pr_li7privateliab02", status: 120 as const, data: { coverage: "5000000", family: true, startDate: "2030-01-01" } };
    const first = await client.createContract(contractBody, { idempotencyKey: contractKey });
    const second = await client.createContract(contractBody, { idempotencyKey: contractKey });
    expect(second.id).toBe(first.id);
    expect((await client.contractsOfHolder(holder.id)).records).toHaveLength(1);
    expect(calls.filter((c) => c.method === "POST").map((c) => c.idempotencyKey)).toEqual([clientKey, clientKey, contractKey, contractKey]);
  });

  it("maps 422 details to field errors", async () => {
    const { client } = clientFor();
    const holder = await client.createClient({ type: "company", companyName: "Field Errors GmbH" }, { idempotencyKey: key() });
    const error = await client
      .createContract({ holderId: holder.id, productId: "pr_li7privateliab02", status: 120, data: { coverage: "42", family: "yes" } }, { idempotencyKey: key() })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProviderRejectedError);
    const rejected = error as ProviderRejectedError;
    expect(rejected).toMatchObject({ status: 422, code: "VALIDATION_FAILED", operation: "create contract" });
    expect(Object.keys(rejected.fieldErrors)).toEqual(expect.arrayContaining(["coverage", "family"]));

    const clientError = await client.createClient({ type: "person", firstName: "Only" } as never, { idempotencyKey: key() }).catch((caught: unknown) => caught);
    expect(clientError).toBeInstanceOf(ProviderRejectedError);
    expect((clientError as ProviderRejectedError).fieldErrors).toMatchObject({ lastName: expect.any(Array), birthDate: expect.any(Array) });
  });

  it("lists 1,200 ids in chunks of at most 500", async () => {
    const { client, calls } = clientFor();
    const productIds = await client.idListUpdated("product", new Date(0));
    expect(productIds.length).toBeGreaterThanOrEqual(6);
    const ids = [...productIds, ...Array.from({ length: 1200 - productIds.length }, (_, i) => `pr_unknown_${i}`)];
    calls.length = 0;
    const products = (await client.list("product", ids)).records;
    expect(products.map((p) => p.id).sort()).toEqual([...productIds].sort());
    expect(products[0]!.fields.length).toBeGreaterThan(0);
    expect(calls).toHaveLength(3);
    expect(calls.every((c) => c.status === 200)).toBe(true);
    expect(calls[0]!.path).toMatch(/^\/v1\/product-list\?id-list=.*…\(500 ids\)$/);
    expect(calls[2]!.path).toMatch(/…\(200 ids\)$/);
  });

  it("downloads file content with its content type", async () => {
    const { client } = clientFor();
    const holder = await client.createClient({ type: "person", firstName: "Paula", lastName: "Pdf", birthDate: "1990-01-01" }, { idempotencyKey: key() });
    const created = await client.createContract(
      { holderId: holder.id, productId: "pr_li7privateliab02", status: 120, data: { coverage: "3000000", family: false, startDate: "2030-01-01" } },
      { idempotencyKey: key() },
    );
    let fileId: unknown;
    await expect
      .poll(async () => {
        const [contract] = (await client.list("contract", [created.id])).records;
        fileId = contract?.data.proposalFileId;
        return contract?.status;
      }, { timeout: 10_000 })
      .toBe(130);
    const file = await client.fileContent(String(fileId));
    expect(file.contentType).toBe("application/pdf");
    expect(file.bytes.subarray(0, 5).toString()).toBe("%PDF-");
  });
});
