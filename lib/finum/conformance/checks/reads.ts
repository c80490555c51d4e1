import assert from "node:assert/strict";
import { RECORD_TYPES } from "../../common";
import { EPOCH, createPerson, describeBody, expectOk, idOf, products, readIds, timeOf, type Check } from "../context";

export const readChecks: Check[] = [
  {
    id: "reads.id-lists",
    title: "every *-id-list-updated answers an array of ids; every *-list answers those records, each with an id and updatedAt",
    kind: "spec",
    quick: true,
    async run(ctx) {
      for (const type of RECORD_TYPES) {
        const ids = readIds(expectOk(await ctx.client.get(`/v1/${type}-id-list-updated`, { since: EPOCH }), 200, `${type}-id-list-updated`), `${type}-id-list-updated`);
        const sample = ids.slice(-20);
        if (sample.length === 0) continue;
        const list = expectOk(await ctx.client.get(`/v1/${type}-list`, { "id-list": sample.join(",") }), 200, `${type}-list`) as Record<string, unknown>[];
        assert.ok(Array.isArray(list), `${type}-list is not a JSON array`);
        assert.equal(list.length, sample.length, `${type}-list returned ${list.length} of ${sample.length} ids`);
        for (const record of list) {
          const id = idOf(record?.id);
          assert.ok(id, `${type} record without an id: ${JSON.stringify(record).slice(0, 200)}`);
          assert.ok(sample.includes(id), `${type}-list returned an id that was not asked for (${id})`);
          assert.ok(timeOf(record.updatedAt) !== undefined, `${type} ${id} has no readable updatedAt: ${JSON.stringify(record.updatedAt)}`);
        }
      }
    },
  },
  {
    id: "reads.products",
    title: "products have a name and describe their fields (name, type)",
    kind: "spec",
    quick: true,
    async run(ctx) {
      for (const product of await products(ctx)) {
        assert.ok(product.name, `product ${product.id} has no name`);
        for (const field of product.fields) {
          assert.ok(field.name && field.name !== "undefined", `product ${product.id} has a field without a name`);
          if (field.kind === "enum") assert.ok((field.options?.length ?? 0) > 0, `${product.id}.${field.name} is a choice without options`);
        }
      }
    },
  },
  {
    id: "reads.unknown-ids",
    title: "unknown ids are omitted from *-list answers",
    kind: "spec",
    async run(ctx) {
      const client = await createPerson(ctx);
      const list = expectOk(await ctx.client.get("/v1/client-list", { "id-list": `does-not-exist-1,${client.id},does-not-exist-2` }), 200, "client-list") as { id: unknown }[];
      assert.deepEqual(list.map((record) => idOf(record.id)), [client.id]);
      const none = expectOk(await ctx.client.get("/v1/contract-list", { "id-list": "does-not-exist" }), 200, "contract-list") as unknown[];
      assert.deepEqual(none, []);
    },
  },
  {
    id: "errors.statuses",
    title: "a missing or malformed since / id-list is 400; an unknown file or endpoint is 404",
    kind: "convention",
    quick: true,
    adapts: "The portal never sends such requests; any 4xx it gets is shown with the provider's message.",
    async run(ctx) {
      const cases: [string, () => ReturnType<typeof ctx.client.get>, number][] = [
        ["since missing", () => ctx.client.get("/v1/contract-id-list-updated"), 400],
        ["since not RFC 3339", () => ctx.client.get("/v1/contract-id-list-updated", { since: "last tuesday" }), 400],
        ["id-list missing", () => ctx.client.get("/v1/client-list"), 400],
        ["file-content of an unknown id", () => ctx.client.get("/v1/file-content", { id: "does-not-exist" }), 404],
        ["an unknown endpoint", () => ctx.client.get("/v1/no-such-endpoint"), 404],
      ];
      const differences: string[] = [];
      for (const [what, request, expected] of cases) {
        const answer = await request();
        assert.ok(answer.status >= 400 && answer.status < 500, `${what}: expected a 4xx, got ${answer.status}`);
        if (answer.status !== expected) differences.push(`${what}: ${answer.status} (not ${expected})`);
      }
      assert.ok(differences.length === 0, `the provider answers ${differences.join("; ")}`);
    },
  },
  {
    id: "errors.body",
    title: "error bodies are { error: { code, message, details? } }",
    kind: "convention",
    quick: true,
    adapts: "The portal reads FINUM error bodies, RFC 9457 problem details, plain text, HTML and empty bodies into a readable message.",
    async run(ctx) {
      const answers = [
        ["401", await ctx.client.get("/v1/auth-status", undefined, { token: null })],
        ["400", await ctx.client.get("/v1/contract-id-list-updated", { since: "last tuesday" })],
        ["404", await ctx.client.get("/v1/file-content", { id: "does-not-exist" })],
      ] as const;
      const shapes = answers
        .filter(([, answer]) => {
          const error = (answer.json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
          return !(error && typeof error.code === "string" && /^[A-Z][A-Z0-9_]*$/.test(error.code) && typeof error.message === "string");
        })
        .map(([expected, answer]) => `${describeBody(answer)} (${answer.status === Number(expected) ? answer.status : `${answer.status} for a ${expected}`})`);
      assert.ok(shapes.length === 0, `the provider answers errors with ${[...new Set(shapes)].join("; ")}`);
    },
  },
  {
    id: "reads.id-cap",
    title: "one *-list call takes 500 ids; 501 is 414 (or 413)",
    kind: "convention",
    quick: true,
    adapts: "On 413/414 the portal halves its chunk of ids, retries, and remembers the size for this provider.",
    async run(ctx) {
      const ids = (count: number) => Array.from({ length: count }, (_, index) => `id${index}`).join(",");
      const accepts = async (count: number) => {
        const answer = await ctx.client.get("/v1/contract-list", { "id-list": ids(count) });
        if (answer.status === 200) return { ok: true, status: 200 };
        assert.ok([413, 414, 400, 431].includes(answer.status), `${count} ids: expected 200 or 413/414, got ${answer.status} ${answer.text.slice(0, 200)}`);
        return { ok: false, status: answer.status };
      };
      const at500 = await accepts(500);
      if (!at500.ok) {
        let low = 1;
        let high = 500;
        while (high - low > 1) {
          const middle = Math.floor((low + high) / 2);
          if ((await accepts(middle)).ok) low = middle;
          else high = middle;
        }
        assert.fail(`the provider accepts at most ${low} ids per call and answers ${at500.status} above`);
      }
      const at501 = await accepts(501);
      if (at501.ok) {
        let accepted = 501;
        for (const count of [1000, 1001, 2000]) {
          const result = await accepts(count);
          if (!result.ok) assert.fail(`the provider accepts ${accepted} ids per call (more than 500) and answers ${result.status} at ${count}`);
          accepted = count;
        }
        assert.fail(`the provider accepts at least ${accepted} ids per call (more than 500)`);
      }
      assert.ok(at501.status === 414, `the provider answers ${at501.status} (not 414) above 500 ids`);
    },
  },
];
