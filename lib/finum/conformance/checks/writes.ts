import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { EPOCH, completeData, describeBody, createContract, createPerson, expectOk, expectStatus, flowProduct, idOf, readIds, type Check } from "../context";

export const writeChecks: Check[] = [
  {
    id: "writes.client",
    title: "POST /client returns the client with its provider id, and client-list returns it",
    kind: "spec",
    async run(ctx) {
      const created = await createPerson(ctx);
      const [read] = expectOk(await ctx.client.get("/v1/client-list", { "id-list": created.id }), 200, "client-list") as Record<string, unknown>[];
      assert.equal(idOf(read?.id), created.id, "client-list does not return the created client");
      assert.equal(read?.firstName, "Conny");
    },
  },
  {
    id: "writes.extensions-kept",
    title: "`_` fields sent with a client are kept",
    kind: "convention",
    adapts: "The portal keeps its own copy of what it sent; nothing depends on the provider echoing `_` fields.",
    async run(ctx) {
      const created = await createPerson(ctx, { _conformanceMarker: "kept" });
      const [read] = expectOk(await ctx.client.get("/v1/client-list", { "id-list": created.id }), 200, "client-list") as Record<string, unknown>[];
      assert.ok(read?._conformanceMarker === "kept", "the provider drops `_` fields sent by the consumer");
    },
  },
  {
    id: "writes.validation",
    title: "invalid bodies are rejected with a 4xx",
    kind: "spec",
    async run(ctx) {
      expectStatus(await ctx.client.request("POST", "/v1/client", { body: { type: "person", firstName: "Only" } }), [400, 409, 422], "person without lastName");
      const product = await flowProduct(ctx);
      expectStatus(
        await ctx.client.request("POST", "/v1/contract", { body: { holderId: "no-such-client", productId: product.id, status: 120, data: {} } }),
        [400, 404, 409, 422],
        "contract for an unknown holder",
      );
      const notJson = await ctx.client.request("POST", "/v1/client", { body: undefined, headers: { "content-type": "application/json" } });
      expectStatus(notJson, [400, 415, 422], "empty body");
    },
  },
  {
    id: "writes.validation-details",
    title: "invalid bodies are 422 with field details in the error body",
    kind: "convention",
    adapts: "Field details are shown at the field when the provider gives them (FINUM details, RFC 9457 errors/pointers, invalid-params); otherwise its message is shown as a banner.",
    async run(ctx) {
      const answer = await ctx.client.request("POST", "/v1/client", { body: { type: "person", firstName: "Only" } });
      assert.equal(answer.status, 422, `the provider answers ${answer.status} (not 422) to an invalid body`);
      const details = (answer.json as { error?: { details?: { field: string }[] } } | undefined)?.error?.details;
      assert.ok(details?.some((detail) => detail.field.includes("lastName")), `the provider gives field details as ${describeBody(answer)}`);
    },
  },
  {
    id: "writes.idempotency-client",
    title: "Idempotency-Key: same key and body returns the original client, creates nothing twice",
    kind: "convention",
    adapts: "Without idempotency the portal still never creates twice: it reuses the foreign id it stored and looks up the holder's contracts before a retry.",
    async run(ctx) {
      const key = randomUUID();
      const body = { type: "person", firstName: "Idem", lastName: "Potent", birthDate: "1990-01-01" };
      const ids = async () => readIds(expectOk(await ctx.client.get("/v1/client-id-list-updated", { since: EPOCH }), 200, "ids"), "client ids");
      const first = idOf((expectOk(await ctx.client.request("POST", "/v1/client", { body, headers: { "idempotency-key": key } }), [200, 201], "first POST") as { id: unknown }).id);
      const before = await ids();
      const second = idOf((expectOk(await ctx.client.request("POST", "/v1/client", { body, headers: { "idempotency-key": key } }), [200, 201], "retried POST") as { id: unknown }).id);
      assert.equal(second, first, "a retry with the same Idempotency-Key created a second client");
      assert.equal((await ids()).length, before.length, "a retry with the same Idempotency-Key changed the number of clients");
      const other = await ctx.client.request("POST", "/v1/client", { body: { ...body, firstName: "Other" }, headers: { "idempotency-key": key } });
      assert.equal(other.status, 409, `the same key with another body is answered ${other.status}, not 409`);
    },
  },
  {
    id: "writes.idempotency-contract",
    title: "Idempotency-Key on POST /contract: concurrent retries create one contract",
    kind: "convention",
    adapts: "Without idempotency the portal looks up the holder's contracts before it retries a proposal request.",
    async run(ctx) {
      const product = await flowProduct(ctx);
      const holder = await createPerson(ctx);
      const key = randomUUID();
      const body = { holderId: holder.id, productId: product.id, status: 120, data: completeData(product) };
      const answers = await Promise.all([0, 1, 2].map(() => ctx.client.request("POST", "/v1/contract", { body, headers: { "idempotency-key": key } })));
      const ids = new Set(answers.map((answer) => idOf((expectOk(answer, [200, 201], "concurrent POST") as { id: unknown }).id)));
      assert.equal(ids.size, 1, `concurrent retries with one Idempotency-Key created ${ids.size} contracts`);
      const ofHolder = expectOk(await ctx.client.get("/v1/contract-list", { "holder-id": holder.id }), 200, "contracts of holder") as unknown[];
      assert.equal(ofHolder.length, 1, `the holder has ${ofHolder.length} contracts after retries with one Idempotency-Key`);
      const retried = await createContract(ctx, body, { "idempotency-key": key });
      assert.equal(retried.id, [...ids][0]);
    },
  },
];
