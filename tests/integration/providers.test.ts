/**
 * Providers against the real database and the real sandbox: secrets at rest, onboarding (disabled
 * until tested, webhook secret shown once and rotated), settings, the address policy, scoping, and
 * what the client learns (id chunk size, Retry-After pause) kept on the provider for every instance.
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { decryptSecret } from "@/lib/crypto/secrets";
import { registerProvider } from "@/lib/providers/register-provider";
import { updateProvider } from "@/lib/providers/update-provider";
import { setProviderEnabled } from "@/lib/providers/set-provider-enabled";
import { rotateProviderKey } from "@/lib/providers/rotate-provider-key";
import { testProviderConnection } from "@/lib/providers/test-provider-connection";
import { getProvider, listFailedCallbacks, listProviderRequests, listProviders } from "@/lib/providers/queries";
import { buildProviderClient, getProviderWebhookSecret, providerClientFor } from "@/lib/providers/provider-client";
import { rotateWebhookSecret } from "@/lib/providers/rotate-webhook-secret";
import { updateProviderSettings } from "@/lib/providers/update-provider-settings";
import { assertProviderUrlAllowed, PROVIDER_ADDRESS_REFUSED, type UrlPolicy } from "@/lib/providers/url-policy";
import { ingestCallback } from "@/lib/callbacks/ingest-callback";
import { webhookHeaders } from "@/lib/finum/webhook-signature";
import { ProviderUnavailableError } from "@/lib/finum/client-errors";
import { stopBoss } from "@/lib/jobs/boss";
import { makeClient, makeFirm, type TestUser } from "../factories";
import { ownSandboxConsumer, sandboxAdmin } from "../sandbox";

const sandboxUrl = inject("sandboxUrl");
const audience = inject("sandboxAudience");
const consumer = inject("sandboxConsumer");

/** The test consumer the sandbox knows, registered with its key pair, tested and enabled as an admin does. */
async function registerSandbox(admin: TestUser, name = "Sandbox") {
  const registered = await registerProvider(
    admin.organizationId,
    { name, baseUrl: sandboxUrl, consumerId: consumer.consumerId, audience, webhookSecret: consumer.webhookSecret },
    { actor: admin, keyPair: { privateKeyPem: consumer.privateKeyPem, publicKeyPem: consumer.publicKeyPem } },
  );
  expect((await testProviderConnection(admin, registered.id)).ok).toBe(true);
  await setProviderEnabled(admin, registered.id, true);
  return registered;
}

const servers: http.Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await stopBoss(); // enabling a provider queues its first sync
});

/** A provider of the test's own on 127.0.0.1 that answers odd things (it checks no token). */
async function localProvider(handler: (url: URL, res: http.ServerResponse) => void): Promise<string> {
  const server = http.createServer((req, res) => handler(new URL(req.url ?? "/", "http://local"), res));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function answer(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** A provider at `baseUrl` enabled directly (the local servers cannot pass a connection test). */
async function registerLocal(admin: TestUser, baseUrl: string) {
  const { id } = await registerProvider(admin.organizationId, { name: `Local ${crypto.randomBytes(3).toString("hex")}`, baseUrl, consumerId: "me" }, { actor: admin, enabled: true });
  return id;
}

describe("providers", () => {
  it("stores the private key and webhook secret encrypted, and never returns them from queries", async () => {
    const { admin } = await makeFirm();
    const { id, webhookSecret } = await registerProvider(admin.organizationId, { name: "Acme Insurance", baseUrl: "https://api.acme.example/", consumerId: "firm-1" }, { actor: admin });
    // The generated secret is returned once, for the admin to give to the provider.
    expect(webhookSecret).toMatch(/^whsec_/);

    const row = await db().provider.findUniqueOrThrow({ where: { id }, omit: { privateKeyEnc: false, webhookSecretEnc: false } });
    expect(row.baseUrl).toBe("https://api.acme.example");
    expect(row.audience).toBe("api.acme.example");
    expect(row.privateKeyEnc).toMatch(/^v1\./);
    expect(row.privateKeyEnc).not.toContain("PRIVATE KEY");
    expect(decryptSecret(row.privateKeyEnc)).toContain("BEGIN PRIVATE KEY");
    expect(row.publicKeyPem).toContain("BEGIN PUBLIC KEY");
    expect(row.webhookSecretEnc).toMatch(/^v1\./);
    expect(await getProviderWebhookSecret(id)).toBe(webhookSecret);

    const serialized = JSON.stringify([await listProviders(admin), await getProvider(admin, id)]);
    expect(serialized).not.toMatch(/privateKeyEnc|webhookSecretEnc|whsec_|PRIVATE KEY|v1\./);
    expect(serialized).toContain("BEGIN PUBLIC KEY");

    const audit = await db().auditEvent.findFirst({ where: { entityId: id, action: "provider.register" } });
    expect(audit?.actorId).toBe(admin.id);
    expect(JSON.stringify(audit?.data)).not.toMatch(/PRIVATE|whsec_/);
  });

  it("validates input with field errors and refuses a duplicate name", async () => {
    const { admin, advisor } = await makeFirm();
    const invalid = await registerProvider(admin.organizationId, { name: "", baseUrl: "ftp://x", consumerId: "a b", webhookSecret: "nope" }, { actor: admin }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(AppError);
    expect(Object.keys((invalid as AppError).fieldErrors ?? {}).sort()).toEqual(["baseUrl", "consumerId", "name", "webhookSecret"]);

    await registerProvider(admin.organizationId, { name: "Twice", baseUrl: "https://twice.example", consumerId: "c" }, { actor: admin });
    await expect(registerProvider(admin.organizationId, { name: "Twice", baseUrl: "https://twice.example", consumerId: "c" }, { actor: admin })).rejects.toMatchObject({
      code: "CONFLICT",
      fieldErrors: { name: expect.any(Array) },
    });
    await expect(registerProvider(advisor.organizationId, { name: "Mine", baseUrl: "https://x.example", consumerId: "c" }, { actor: advisor })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("tests the connection: ok with the registered key, a readable failure otherwise, stored on the provider", async () => {
    const { admin } = await makeFirm();
    const { id } = await registerSandbox(admin);
    const ok = await testProviderConnection(admin, id);
    expect(ok).toMatchObject({ ok: true });
    expect(ok.message).toContain(`as ${consumer.consumerId}`);
    expect(await getProvider(admin, id)).toMatchObject({ lastCheckOk: true, lastCheckMessage: ok.message });

    // A generated key the sandbox has never seen.
    const { id: unknownKey } = await registerProvider(admin.organizationId, { name: "Not onboarded", baseUrl: sandboxUrl, consumerId: consumer.consumerId, audience }, { actor: admin });
    const refused = await testProviderConnection(admin, unknownKey);
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/Not onboarded refused our credentials \(401\).*public key/);
    await expect(setProviderEnabled(admin, unknownKey, true)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await getProvider(admin, unknownKey)).toMatchObject({ lastCheckOk: false });

    await updateProvider(admin, unknownKey, { name: "Not onboarded", baseUrl: "http://127.0.0.1:9", consumerId: consumer.consumerId, audience });
    const down = await testProviderConnection(admin, unknownKey);
    expect(down).toMatchObject({ ok: false });
    expect(down.message).toMatch(/Not onboarded is not reachable \(auth status: connection refused \(ECONNREFUSED\)\)/);

    // Every attempt is in the integration log, without secrets.
    const log = await listProviderRequests(admin, id);
    expect(log[0]).toMatchObject({ method: "GET", path: "/v1/auth-status", status: 200 });
    expect(JSON.stringify(log)).not.toMatch(/Bearer|eyJ/);
  });

  it("keeps another organization's admin away from the provider", async () => {
    const mine = await makeFirm();
    const other = await makeFirm();
    const { id } = await registerSandbox(mine.admin);

    await expect(getProvider(other.admin, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listProviderRequests(other.admin, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await listProviders(other.admin)).map((p) => p.id)).not.toContain(id);
    await expect(testProviderConnection(other.admin, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(updateProvider(other.admin, id, { name: "Hijacked", baseUrl: "https://evil.example", consumerId: "x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(setProviderEnabled(other.admin, id, false)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(rotateProviderKey(other.admin, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(providerClientFor(id, other.org.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(testProviderConnection(mine.advisor, id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await getProvider(mine.admin, id)).toMatchObject({ name: "Sandbox", enabled: true });
  });

  it("refuses a disabled provider and reuses one client (and its token) per provider version", async () => {
    const { admin } = await makeFirm();
    const { id } = await registerSandbox(admin);
    const client = await providerClientFor(id, admin.organizationId);
    expect(await providerClientFor(id, admin.organizationId)).toBe(client);
    await expect(client.authStatus()).resolves.toMatchObject({ ok: true });

    await setProviderEnabled(admin, id, false);
    const error = await providerClientFor(id, admin.organizationId).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "CONFLICT" });
    expect((error as Error).message).toMatch(/^Sandbox is disabled/);

    await setProviderEnabled(admin, id, true);
    const fresh = await providerClientFor(id, admin.organizationId);
    expect(fresh).not.toBe(client);
    await expect(fresh.authStatus()).resolves.toMatchObject({ ok: true });
  });

  it("rotates the key pair: the new public key is shown and the old one stops working until onboarded", async () => {
    const { admin } = await makeFirm();
    const { id } = await registerSandbox(admin);
    const { publicKeyPem } = await rotateProviderKey(admin, id);
    expect(publicKeyPem).not.toBe(consumer.publicKeyPem);
    expect((await getProvider(admin, id)).publicKeyPem).toBe(publicKeyPem);
    expect((await testProviderConnection(admin, id)).ok).toBe(false);
  });

  it("onboards without dead ends: disabled until its connection test passes, then enabled by the admin", async () => {
    const { admin } = await makeFirm();
    const consumerId = `onboard-${crypto.randomBytes(4).toString("hex")}`;
    // Registered as an admin does it: a key pair made here, the secret generated and shown once.
    const registered = await registerProvider(admin.organizationId, { name: "New Provider", baseUrl: sandboxUrl, consumerId, audience }, { actor: admin });
    expect(registered.webhookSecret).toMatch(/^whsec_/);
    expect(await getProvider(admin, registered.id)).toMatchObject({ enabled: false, lastCheckOk: null });
    // Nothing reaches a provider that does not have our key yet.
    await expect(providerClientFor(registered.id, admin.organizationId)).rejects.toMatchObject({ code: "CONFLICT" });
    const refused = await setProviderEnabled(admin, registered.id, true).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "CONFLICT" });
    expect((refused as Error).message).toBe("New Provider cannot be enabled before its connection test passes. Test the connection first.");

    // The provider has not got our public key yet: the test fails and enabling stays refused.
    expect((await testProviderConnection(admin, registered.id)).ok).toBe(false);
    await expect(setProviderEnabled(admin, registered.id, true)).rejects.toMatchObject({ code: "CONFLICT" });

    // The admin gives the provider our public key and the secret (here: the sandbox's admin API), tests, enables.
    const { publicKeyPem } = await getProvider(admin, registered.id);
    await sandboxAdmin("POST", "/admin/consumers", { consumerId, publicKeyPem, webhookSecret: registered.webhookSecret });
    const passed = await testProviderConnection(admin, registered.id);
    expect(passed).toMatchObject({ ok: true });
    expect(passed.message).toMatch(/You can enable the provider now\.$/);
    const syncJobs = () => db().$queryRaw<Array<{ state: string }>>`SELECT state::text AS state FROM pgboss.job WHERE name = 'sync-record-type' AND singleton_key = ${`${registered.id}:product`}`;
    expect(await syncJobs().catch(() => [])).toEqual([]);
    await setProviderEnabled(admin, registered.id, true);
    await expect((await providerClientFor(registered.id, admin.organizationId)).authStatus()).resolves.toMatchObject({ ok: true });
    // Its first sync is queued at once (every record type, starting with products), not at the next periodic slot.
    expect(await syncJobs()).toEqual([{ state: "created" }]);
    // Enabling what is enabled queues nothing more.
    await setProviderEnabled(admin, registered.id, true);
    expect(await syncJobs()).toHaveLength(1);
    const audit = await db().auditEvent.findMany({ where: { entityId: registered.id }, orderBy: { at: "asc" }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["provider.register", "provider.enable"]));
  });

  it("says when the provider expects another audience", async () => {
    const { admin } = await makeFirm();
    const { id } = await registerProvider(
      admin.organizationId,
      { name: "Wrong Audience", baseUrl: sandboxUrl, consumerId: consumer.consumerId, audience: "not-the-sandbox" },
      { actor: admin, keyPair: { privateKeyPem: consumer.privateKeyPem, publicKeyPem: consumer.publicKeyPem } },
    );
    const result = await testProviderConnection(admin, id);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/Wrong Audience expects another audience than the one we send \(not-the-sandbox\)\. Set the audience under Settings/);

    // A provider whose 401 names the audience it wants.
    const url = await localProvider((_url, res) => answer(res, 401, { title: "Unauthorized", detail: "Invalid audience, expected 'api.acme.test'" }, { "content-type": "application/problem+json" }));
    const local = await registerLocal(admin, url);
    expect((await testProviderConnection(admin, local)).message).toMatch(/expects another audience \(api\.acme\.test\) than the one we send \(127\.0\.0\.1:\d+\)/);
  });

  it("rotates the webhook secret: the new one is returned once, and only it verifies callbacks", async () => {
    const { admin, advisor } = await makeFirm();
    const { id, webhookSecret: first } = await registerProvider(admin.organizationId, { name: "Rotating", baseUrl: "https://rotating.example", consumerId: "c" }, { actor: admin });
    const { webhookSecret } = await rotateWebhookSecret(admin, id);
    expect(webhookSecret).toMatch(/^whsec_/);
    expect(webhookSecret).not.toBe(first);
    expect(await getProviderWebhookSecret(id)).toBe(webhookSecret);
    expect(JSON.stringify(await getProvider(admin, id))).not.toContain(webhookSecret);
    await expect(rotateWebhookSecret(advisor, id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const other = await makeFirm();
    await expect(rotateWebhookSecret(other.admin, id)).rejects.toMatchObject({ code: "NOT_FOUND" });

    const contract = await contractOf(advisor, id);
    const body = JSON.stringify({ recordType: "contract", id: "ct_rotating", status: 130, updatedAt: new Date().toISOString() });
    const withOld = new Headers(webhookHeaders({ id: "msg_old_secret", body, secret: first! }));
    await expect(ingestCallback({ token: contract.callbackToken, body, headers: withOld, ip: "127.0.0.1" })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const withNew = new Headers(webhookHeaders({ id: "msg_new_secret", body, secret: webhookSecret }));
    await expect(ingestCallback({ token: contract.callbackToken, body, headers: withNew, ip: "127.0.0.1" })).resolves.toMatchObject({ status: 202 });
  });

  it("refuses unsigned callbacks unless the admin accepts them; a present signature is still checked", async () => {
    const { admin, advisor } = await makeFirm();
    const strict = await registerProvider(admin.organizationId, { name: "Signs", baseUrl: "https://signs.example", consumerId: "c" }, { actor: admin });
    const lenient = await registerProvider(admin.organizationId, { name: "Cannot sign", baseUrl: "https://nosign.example", consumerId: "c" }, { actor: admin });
    await updateProviderSettings(admin, lenient.id, { timeoutSeconds: "10", acceptUnsignedCallbacks: "on" });
    const body = JSON.stringify({ recordType: "contract", id: "ct_unsigned", status: 130, updatedAt: new Date().toISOString() });
    const unsigned = new Headers({ "content-type": "application/json", "webhook-id": `msg_${crypto.randomUUID()}` });

    const strictContract = await contractOf(advisor, strict.id);
    await expect(ingestCallback({ token: strictContract.callbackToken, body, headers: unsigned, ip: "127.0.0.1" })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect(await db().callbackDelivery.count({ where: { providerId: strict.id } })).toBe(0);

    const lenientContract = await contractOf(advisor, lenient.id);
    const accepted = await ingestCallback({ token: lenientContract.callbackToken, body, headers: unsigned, ip: "127.0.0.1" });
    expect(accepted).toMatchObject({ status: 202 });
    expect(await db().callbackDelivery.findUniqueOrThrow({ where: { id: accepted.deliveryId } })).toMatchObject({ verified: false, contractId: lenientContract.id });
    const forged = new Headers(webhookHeaders({ id: "msg_forged", body, secret: `whsec_${crypto.randomBytes(24).toString("base64")}` }));
    await expect(ingestCallback({ token: lenientContract.callbackToken, body, headers: forged, ip: "127.0.0.1" })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const signed = new Headers(webhookHeaders({ id: "msg_signed", body, secret: lenient.webhookSecret! }));
    const verified = await ingestCallback({ token: lenientContract.callbackToken, body, headers: signed, ip: "127.0.0.1" });
    expect(await db().callbackDelivery.findUniqueOrThrow({ where: { id: verified.deliveryId } })).toMatchObject({ verified: true });

    // A failed callback job shows on the provider page's list.
    await db().callbackDelivery.update({ where: { id: accepted.deliveryId }, data: { outcome: "failed", lastError: "Cannot sign sent an unexpected answer", attempts: 3 } });
    const failed = await listFailedCallbacks(admin, lenient.id);
    expect(failed.total).toBe(1);
    expect(failed.rows[0]).toMatchObject({ id: accepted.deliveryId, lastError: "Cannot sign sent an unexpected answer", attempts: 3 });
  });

  it("saves the settings that cannot be learned, with field errors for bad values, and the client uses them", async () => {
    const { admin, advisor } = await makeFirm();
    const { id } = await registerSandbox(admin);
    expect(await getProvider(admin, id)).toMatchObject({ timeoutMs: 10_000, requestsPerSecond: null, idChunkSizeOverride: null, idChunkSizeLearned: null, acceptUnsignedCallbacks: false });

    const invalid = await updateProviderSettings(admin, id, { timeoutSeconds: "0", requestsPerSecond: "-1", idChunkSizeOverride: "600" }).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ code: "VALIDATION" });
    expect(Object.keys((invalid as AppError).fieldErrors ?? {}).sort()).toEqual(["idChunkSizeOverride", "requestsPerSecond", "timeoutSeconds"]);
    await expect(updateProviderSettings(advisor, id, { timeoutSeconds: "5" })).rejects.toMatchObject({ code: "FORBIDDEN" });

    await updateProviderSettings(admin, id, { timeoutSeconds: "1", requestsPerSecond: "20", idChunkSizeOverride: "200", acceptUnsignedCallbacks: "on" });
    expect(await getProvider(admin, id)).toMatchObject({ timeoutMs: 1000, requestsPerSecond: 20, idChunkSizeOverride: 200, acceptUnsignedCallbacks: true });
    await updateProviderSettings(admin, id, { timeoutSeconds: "1", requestsPerSecond: "", idChunkSizeOverride: "" });
    expect(await getProvider(admin, id)).toMatchObject({ timeoutMs: 1000, requestsPerSecond: null, idChunkSizeOverride: null, acceptUnsignedCallbacks: false });

    // The 1 s timeout holds for an auth-status that takes 1.5 s.
    const own = await ownSandboxConsumer("slow");
    await own.setFaults({ latencyMs: 1500 });
    const row = await db().provider.findUniqueOrThrow({ where: { id }, omit: { privateKeyEnc: false } });
    const slow = buildProviderClient({ ...row, consumerId: own.consumerId, privateKeyEnc: (await import("@/lib/crypto/secrets")).encryptSecret(own.privateKeyPem) }, { maxRetries: 0 });
    const error = await slow.authStatus().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as Error).message).toMatch(/no answer within 1 s/);
  });

  it("refuses base URLs outside the address policy with one neutral text, when saving and when connecting", async () => {
    const { admin } = await makeFirm();
    const refusedBases = ["http://10.0.0.8", "http://192.168.1.1:8080", "http://169.254.169.254/latest", "http://[fd00::1]", "http://[::ffff:10.1.2.3]", "http://localhost:3000", "http://127.0.0.1:3000"];
    for (const baseUrl of refusedBases) {
      const error = await registerProvider(admin.organizationId, { name: `P ${crypto.randomBytes(3).toString("hex")}`, baseUrl, consumerId: "c" }, { actor: admin }).catch((e: unknown) => e);
      expect(error, baseUrl).toMatchObject({ code: "VALIDATION", message: PROVIDER_ADDRESS_REFUSED, fieldErrors: { baseUrl: [PROVIDER_ADDRESS_REFUSED] } });
    }
    // An admin may allow a provider on the private network; link-local (cloud metadata) stays refused.
    await expect(registerProvider(admin.organizationId, { name: "Internal", baseUrl: "http://10.0.0.8", consumerId: "c", allowPrivateNetwork: "on" }, { actor: admin })).resolves.toMatchObject({ id: expect.any(String) });
    await expect(registerProvider(admin.organizationId, { name: "Metadata", baseUrl: "http://169.254.169.254", consumerId: "c", allowPrivateNetwork: true }, { actor: admin })).rejects.toMatchObject({ message: PROVIDER_ADDRESS_REFUSED });

    // Production: HTTPS only, and loopback is refused too, also behind a host name that resolves to it.
    const production: UrlPolicy = { requireHttps: true, allowLoopback: false, allowPrivateNetwork: false, portal: { hostname: "portal.example", port: "443" } };
    for (const baseUrl of ["http://api.provider.example", "https://localhost:4010", "https://127.0.0.1", "https://[::1]:8443", "https://portal.example", "https://user:pw@api.provider.example"]) {
      await expect(assertProviderUrlAllowed(baseUrl, { allowPrivateNetwork: false }, production), baseUrl).rejects.toMatchObject({ message: PROVIDER_ADDRESS_REFUSED });
    }
    await expect(assertProviderUrlAllowed("https://93.184.215.14", { allowPrivateNetwork: false }, production)).resolves.toBeUndefined();
    await expect(assertProviderUrlAllowed("http://10.1.1.1", { allowPrivateNetwork: true }, { ...production, requireHttps: false, allowPrivateNetwork: true })).resolves.toBeUndefined();

    // Checked again before each connection: a base URL changed behind the form's back is never called.
    const { id } = await registerSandbox(admin, "Moved");
    await db().provider.update({ where: { id }, data: { baseUrl: "http://10.255.255.1:4010" } });
    const moved = await testProviderConnection(admin, id);
    expect(moved).toMatchObject({ ok: false, message: PROVIDER_ADDRESS_REFUSED });
    const [last] = await listProviderRequests(admin, id, 1);
    expect(last).toMatchObject({ status: null, durationMs: expect.any(Number) });
    expect(last!.durationMs).toBeLessThan(1000);
  });

  it("learns the id chunk size from 414 answers and keeps it for the provider; an admin's override wins", async () => {
    const { admin } = await makeFirm();
    const sizes: number[] = [];
    const url = await localProvider((reqUrl, res) => {
      const ids = (reqUrl.searchParams.get("id-list") ?? "").split(",");
      sizes.push(ids.length);
      if (ids.length > 120) return answer(res, 414, { error: { code: "TOO_MANY_IDS", message: `At most 120 ids, got ${ids.length}` } });
      answer(res, 200, []);
    });
    const id = await registerLocal(admin, url);
    const ids = Array.from({ length: 600 }, (_, i) => `pr_${String(i).padStart(4, "0")}`);
    await (await providerClientFor(id, admin.organizationId)).list("product", ids);
    expect(sizes.slice(0, 4)).toEqual([500, 250, 125, 62]);
    expect(sizes.reduce((sum, n) => sum + (n <= 120 ? n : 0), 0)).toBe(600);
    expect(await getProvider(admin, id)).toMatchObject({ idChunkSizeLearned: 62 });

    // Another instance (a fresh client from the row) starts with what was learned.
    sizes.length = 0;
    const row = await db().provider.findUniqueOrThrow({ where: { id }, omit: { privateKeyEnc: false } });
    await buildProviderClient(row).list("product", ids.slice(0, 100));
    expect(sizes).toEqual([62, 38]);

    await updateProviderSettings(admin, id, { timeoutSeconds: "10", idChunkSizeOverride: "100" });
    sizes.length = 0;
    await (await providerClientFor(id, admin.organizationId)).list("product", ids.slice(0, 250));
    expect(sizes).toEqual([100, 100, 50]);
  });

  it("a Retry-After pauses every request to the provider, across instances", async () => {
    const { admin } = await makeFirm();
    let hits = 0;
    const url = await localProvider((_url, res) => {
      hits++;
      answer(res, 429, { error: { code: "RATE_LIMITED", message: "Slow down" } }, { "retry-after": "30" });
    });
    const id = await registerLocal(admin, url);
    const first = await (await providerClientFor(id, admin.organizationId)).authStatus().catch((e: unknown) => e);
    expect(first).toBeInstanceOf(ProviderUnavailableError);
    expect((first as ProviderUnavailableError).retryAfterSeconds).toBe(30);
    expect(hits).toBe(1);
    const { pausedUntil } = await getProvider(admin, id);
    expect(pausedUntil!.getTime()).toBeGreaterThan(Date.now() + 25_000);

    // A second instance's client (built from the row, nothing shared in memory) fails fast without calling.
    const row = await db().provider.findUniqueOrThrow({ where: { id }, omit: { privateKeyEnc: false } });
    const second = await buildProviderClient(row).list("contract", ["ct_1"]).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(ProviderUnavailableError);
    expect((second as Error).message).toMatch(/asked us to pause all requests for \d+ s more/);
    expect(hits).toBe(1);
  });

  it("shows a 200 that could not be read as an error in the integration log", async () => {
    const { admin } = await makeFirm();
    const url = await localProvider((reqUrl, res) => {
      if (reqUrl.pathname.endsWith("-id-list-updated")) return answer(res, 200, { unexpected: true });
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<html><body><h1>Welcome to nginx</h1></body></html>");
    });
    const id = await registerLocal(admin, url);
    const client = await providerClientFor(id, admin.organizationId);
    await expect(client.authStatus()).rejects.toThrow(/web page/);
    await expect(client.idListUpdated("contract", new Date(0))).rejects.toThrow(/unexpected answer/);
    const log = await listProviderRequests(admin, id);
    expect(log).toHaveLength(2);
    expect(log.every((entry) => entry.status === 200 && entry.error)).toBe(true);
    expect(log.map((entry) => entry.error).join(" ")).toMatch(/Welcome to nginx/);
  });
});

/** A draft contract of the provider, with its callback token (what a provider's callback URL carries). */
async function contractOf(advisor: TestUser, providerId: string) {
  const client = await makeClient(advisor);
  return db().contract.create({
    data: { organizationId: advisor.organizationId, providerId, clientId: client.id, advisorId: advisor.id, callbackToken: crypto.randomBytes(32).toString("base64url") },
    select: { id: true, callbackToken: true },
  });
}
