/** Providers against the real database and the real sandbox: secrets at rest, connection test, scoping. */
import { describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { decryptSecret } from "@/lib/crypto/secrets";
import { registerProvider } from "@/lib/providers/register-provider";
import { updateProvider } from "@/lib/providers/update-provider";
import { setProviderEnabled } from "@/lib/providers/set-provider-enabled";
import { rotateProviderKey } from "@/lib/providers/rotate-provider-key";
import { testProviderConnection } from "@/lib/providers/test-provider-connection";
import { getProvider, listProviderRequests, listProviders } from "@/lib/providers/queries";
import { getProviderWebhookSecret, providerClientFor } from "@/lib/providers/provider-client";
import { makeFirm, type TestUser } from "../factories";

const sandboxUrl = inject("sandboxUrl");
const audience = inject("sandboxAudience");
const consumer = inject("sandboxConsumer");

/** The test consumer the sandbox knows, registered with its key pair (as the seed does). */
async function registerSandbox(admin: TestUser, name = "Sandbox") {
  return registerProvider(
    admin.organizationId,
    { name, baseUrl: sandboxUrl, consumerId: consumer.consumerId, audience, webhookSecret: consumer.webhookSecret },
    { actor: admin, keyPair: { privateKeyPem: consumer.privateKeyPem, publicKeyPem: consumer.publicKeyPem } },
  );
}

describe("providers", () => {
  it("stores the private key and webhook secret encrypted, and never returns them from queries", async () => {
    const { admin } = await makeFirm();
    const { id } = await registerProvider(admin.organizationId, { name: "Acme Insurance", baseUrl: "https://api.acme.example/", consumerId: "firm-1" }, { actor: admin });

    const row = await db().provider.findUniqueOrThrow({ where: { id }, omit: { privateKeyEnc: false, webhookSecretEnc: false } });
    expect(row.baseUrl).toBe("https://api.acme.example");
    expect(row.audience).toBe("api.acme.example");
    expect(row.privateKeyEnc).toMatch(/^v1\./);
    expect(row.privateKeyEnc).not.toContain("PRIVATE KEY");
    expect(decryptSecret(row.privateKeyEnc)).toContain("BEGIN PRIVATE KEY");
    expect(row.publicKeyPem).toContain("BEGIN PUBLIC KEY");
    expect(row.webhookSecretEnc).toMatch(/^v1\./);
    expect(await getProviderWebhookSecret(id)).toMatch(/^whsec_/);

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
    expect(await getProvider(admin, unknownKey)).toMatchObject({ lastCheckOk: false });

    await updateProvider(admin, unknownKey, { name: "Not onboarded", baseUrl: "http://127.0.0.1:9", consumerId: consumer.consumerId, audience });
    const down = await testProviderConnection(admin, unknownKey);
    expect(down).toMatchObject({ ok: false });
    expect(down.message).toMatch(/Not onboarded is not reachable \(auth status: bad port\)/);

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
});
