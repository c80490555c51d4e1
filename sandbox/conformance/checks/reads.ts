import assert from "node:assert/strict";
import { RECORD_TYPES, recordSchemas, idListResponseSchema } from "../../../lib/finum";
import { EPOCH, createPerson, expectError, expectOk, products, type Check } from "../context";

export const readChecks: Check[] = [
  {
    id: "reads.id-lists",
    title: "every *-id-list-updated answers a string array, every *-list parses as its record type",
    async run(ctx) {
      await createPerson(ctx);
      for (const type of RECORD_TYPES) {
        const ids = idListResponseSchema.parse(expectOk(await ctx.client.get(`/v1/${type}-id-list-updated`, { since: EPOCH }), 200, `${type}-id-list-updated`));
        const sample = ids.slice(-20);
        if (sample.length === 0) continue;
        const list = expectOk(await ctx.client.get(`/v1/${type}-list`, { "id-list": sample.join(",") }), 200, `${type}-list`) as unknown[];
        assert.equal(list.length, sample.length, `${type}-list returned ${list.length} of ${sample.length} ids`);
        for (const record of list) {
          const parsed = recordSchemas[type].safeParse(record);
          assert.ok(parsed.success, `${type} record does not parse: ${JSON.stringify(record).slice(0, 300)} ${parsed.error?.message ?? ""}`);
          assert.ok(sample.includes(parsed.data.id), `${type}-list returned an id that was not asked for`);
        }
      }
    },
  },
  {
    id: "reads.products",
    title: "products describe their fields (name, label, type, options, required)",
    async run(ctx) {
      const all = await products(ctx);
      for (const product of all) {
        for (const field of product.fields) {
          if (field.type === "enum") assert.ok((field.options?.length ?? 0) > 0, `${product.id}.${field.name} is an enum without options`);
        }
      }
    },
  },
  {
    id: "reads.unknown-ids",
    title: "unknown ids are omitted from *-list answers",
    async run(ctx) {
      const client = await createPerson(ctx);
      const list = expectOk(await ctx.client.get("/v1/client-list", { "id-list": `does-not-exist-1,${client.id},does-not-exist-2` }), 200, "client-list") as { id: string }[];
      assert.deepEqual(list.map((record) => record.id), [client.id]);
      const none = expectOk(await ctx.client.get("/v1/contract-list", { "id-list": "does-not-exist" }), 200, "contract-list") as unknown[];
      assert.deepEqual(none, []);
    },
  },
  {
    id: "reads.bad-parameters",
    title: "a missing or malformed since / id-list is 400; more than 500 ids is 414 (or 413)",
    async run(ctx) {
      expectError(await ctx.client.get("/v1/contract-id-list-updated"), 400, "since missing");
      expectError(await ctx.client.get("/v1/contract-id-list-updated", { since: "last tuesday" }), 400, "since not RFC 3339");
      expectError(await ctx.client.get("/v1/client-list"), 400, "id-list missing");
      const many = Array.from({ length: 501 }, (_, index) => `id${index}`).join(",");
      expectError(await ctx.client.get("/v1/contract-list", { "id-list": many }), [413, 414], "501 ids");
      const exactly = Array.from({ length: 500 }, (_, index) => `id${index}`).join(",");
      expectOk(await ctx.client.get("/v1/contract-list", { "id-list": exactly }), 200, "500 ids");
      expectError(await ctx.client.get("/v1/file-content", { id: "does-not-exist" }), 404, "file-content of an unknown id");
      expectError(await ctx.client.get("/v1/no-such-endpoint"), 404, "unknown endpoint");
    },
  },
];
