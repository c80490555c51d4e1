/** Products loaded from the real sandbox into the real database. */
import { describe, expect, inject, it } from "vitest";
import { db } from "@/lib/db";
import { registerProvider } from "@/lib/providers/register-provider";
import { setProviderEnabled } from "@/lib/providers/set-provider-enabled";
import { refreshProducts } from "@/lib/products/refresh-products";
import { getProduct, listProducts } from "@/lib/products/queries";
import { makeFirm, type TestUser } from "../factories";

const sandboxUrl = inject("sandboxUrl");
const audience = inject("sandboxAudience");
const consumer = inject("sandboxConsumer");

async function registerSandbox(admin: TestUser) {
  return registerProvider(
    admin.organizationId,
    { name: "Sandbox", baseUrl: sandboxUrl, consumerId: consumer.consumerId, audience },
    { actor: admin, keyPair: { privateKeyPem: consumer.privateKeyPem, publicKeyPem: consumer.publicKeyPem }, enabled: true },
  );
}

describe("products", () => {
  it("loads the catalogue, and a second run changes nothing", async () => {
    const { admin, advisor } = await makeFirm();
    const { id } = await registerSandbox(admin);

    const first = await refreshProducts(id, admin.organizationId);
    expect(first).toMatchObject({ created: 6, updated: 0, unchanged: 0, fetched: 6 });
    const cursor = await db().syncCursor.findUniqueOrThrow({ where: { providerId_recordType: { providerId: id, recordType: "product" } } });
    expect(cursor).toMatchObject({ lastCount: 6, lastError: null });
    expect(cursor.lastPullStartedAt).toBeInstanceOf(Date);

    const products = await listProducts(advisor, id);
    expect(products.map((p) => p.line).sort()).toEqual(["health", "household", "legal", "liability", "life", "motor"]);
    const liability = products.find((p) => p.remoteId === "pr_li7privateliab02")!;
    expect(liability.fields.map((f) => f.name)).toEqual(expect.arrayContaining(["coverage", "family", "startDate"]));
    expect(liability.extensions).toMatchObject({ _tariffGeneration: expect.any(String) });
    expect(liability.remoteUpdatedAt).toBeInstanceOf(Date);
    expect(await getProduct(advisor, liability.id)).toMatchObject({ id: liability.id, name: liability.name });

    // The overlap re-reads the same records; none is written again.
    const before = await db().product.findMany({ where: { providerId: id }, select: { id: true, updatedAt: true }, orderBy: { id: "asc" } });
    const second = await refreshProducts(id, admin.organizationId);
    // What the id list names depends on the clock (since = last pull minus the overlap); nothing changes either way.
    expect(second).toMatchObject({ created: 0, updated: 0 });
    expect(await db().product.findMany({ where: { providerId: id }, select: { id: true, updatedAt: true }, orderBy: { id: "asc" } })).toEqual(before);
  });

  it("never moves a product backwards, and brings an older copy up to date", async () => {
    const { admin } = await makeFirm();
    const { id } = await registerSandbox(admin);
    await refreshProducts(id, admin.organizationId);
    const future = new Date("2099-01-01T00:00:00Z");
    const past = new Date("2000-01-01T00:00:00Z");
    await db().product.update({ where: { providerId_remoteId: { providerId: id, remoteId: "pr_hh4contentsplus01" } }, data: { name: "Newer local copy", remoteUpdatedAt: future } });
    await db().product.update({ where: { providerId_remoteId: { providerId: id, remoteId: "pr_li7privateliab02" } }, data: { name: "Stale local copy", remoteUpdatedAt: past } });

    await db().syncCursor.deleteMany({ where: { providerId: id } }); // read the whole catalogue again
    const result = await refreshProducts(id, admin.organizationId);
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 5 });
    const newer = await db().product.findUniqueOrThrow({ where: { providerId_remoteId: { providerId: id, remoteId: "pr_hh4contentsplus01" } } });
    expect(newer).toMatchObject({ name: "Newer local copy", remoteUpdatedAt: future });
    const stale = await db().product.findUniqueOrThrow({ where: { providerId_remoteId: { providerId: id, remoteId: "pr_li7privateliab02" } } });
    expect(stale.name).toBe("Private Liability");
    expect(stale.remoteUpdatedAt!.getTime()).toBeGreaterThan(past.getTime());
  });

  it("asks only for what changed since the last pull (minus the overlap)", async () => {
    const { admin } = await makeFirm();
    const { id } = await registerSandbox(admin);
    await refreshProducts(id, admin.organizationId);
    // A last pull far in the future: nothing has changed since, so nothing is fetched.
    await db().syncCursor.update({ where: { providerId_recordType: { providerId: id, recordType: "product" } }, data: { lastPullStartedAt: new Date("2099-01-01T00:00:00Z") } });
    expect(await refreshProducts(id, admin.organizationId)).toMatchObject({ fetched: 0 });
    const log = await db().providerRequest.findFirst({ where: { providerId: id, path: { startsWith: "/v1/product-id-list-updated" } }, orderBy: { at: "desc" } });
    expect(log?.path).toContain("since=2098-12-31T23:55:00.000Z");
  });

  it("scopes products to the organization and refuses a disabled or foreign provider", async () => {
    const mine = await makeFirm();
    const other = await makeFirm();
    const { id } = await registerSandbox(mine.admin);
    await refreshProducts(id, mine.admin.organizationId);
    const [product] = await listProducts(mine.admin, id);

    expect(await listProducts(other.admin, id)).toEqual([]);
    await expect(getProduct(other.admin, product!.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(refreshProducts(id, other.org.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await setProviderEnabled(mine.admin, id, false);
    await expect(refreshProducts(id, mine.admin.organizationId)).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
