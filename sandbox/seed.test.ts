/** Bulk seeding through the admin API, and the sync reads over seeded data. */
import { expect, inject, it } from "vitest";
import { contractRecordSchema, clientRecordSchema } from "../lib/finum";
import { ConsumerClient } from "../lib/finum/conformance/client";

it("seeds contracts over plausible clients that the sync endpoints serve", async () => {
  const url = inject("sandboxUrl");
  const adminToken = inject("sandboxAdminToken");
  const consumer = inject("sandboxConsumer");
  const consumerId = `seed-test-${Date.now().toString(36)}`;
  const admin = (method: string, path: string, body: unknown) =>
    fetch(url + path, { method, headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" }, body: JSON.stringify(body) });
  expect((await admin("POST", "/admin/consumers", { consumerId, publicKeyPem: consumer.publicKeyPem })).status).toBe(201);
  const seeded = await admin("POST", "/admin/seed", { consumerId, contracts: 3000 });
  expect(seeded.status).toBe(201);
  expect(await seeded.json()).toMatchObject({ consumerId, contracts: 3000, clients: 750 });

  const client = new ConsumerClient({ baseUrl: url, consumerId, privateKeyPem: consumer.privateKeyPem, audience: inject("sandboxAudience") });
  const ids = (await client.get("/v1/contract-id-list-updated", { since: "1970-01-01T00:00:00Z" })).json as string[];
  expect(ids).toHaveLength(3000);
  const list = (await client.get("/v1/contract-list", { "id-list": ids.slice(0, 500).join(",") })).json as unknown[];
  expect(list).toHaveLength(500);
  const contracts = list.map((record) => contractRecordSchema.parse(record));
  expect(new Set(contracts.map((c) => c.status)).size).toBeGreaterThan(4);
  const holderIds = [...new Set(contracts.map((c) => c.holderId))].slice(0, 50);
  const holders = ((await client.get("/v1/client-list", { "id-list": holderIds.join(",") })).json as unknown[]).map((r) => clientRecordSchema.parse(r));
  expect(holders).toHaveLength(holderIds.length);
  expect(holders.every((h) => (h.type === "person" ? h.lastName && h.birthDate : h.companyName))).toBe(true);
  const ofHolder = (await client.get("/v1/contract-list", { "holder-id": holderIds[0]! })).json as { holderId: string }[];
  expect(ofHolder.length).toBeGreaterThan(0);
  expect(ofHolder.every((c) => c.holderId === holderIds[0])).toBe(true);
  // The other consumer's data is not visible to this one.
  const mine = (await new ConsumerClient({ ...client.config, consumerId: consumer.consumerId }).get("/v1/contract-list", { "id-list": ids[0]! })).json;
  expect(mine).toEqual([]);
});
