import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { clientRecordSchema } from "../../../lib/finum";
import { EPOCH, completeData, createContract, createPerson, expectError, expectOk, flowProduct, type Check } from "../context";

export const writeChecks: Check[] = [
  {
    id: "writes.client",
    title: "POST /client returns the client with its id and keeps _ extension fields",
    async run(ctx) {
      const created = clientRecordSchema.parse(await createPerson(ctx, { _conformanceMarker: "kept" }));
      assert.ok(created.id.length > 0, "the client id is empty");
      const [read] = expectOk(await ctx.client.get("/v1/client-list", { "id-list": created.id }), 200, "client-list") as Record<string, unknown>[];
      assert.equal(read?.firstName, "Conny");
      assert.equal(read?._conformanceMarker, "kept", "the _ field sent with the client was not kept");
    },
  },
  {
    id: "writes.validation",
    title: "invalid bodies are 422 with field details",
    async run(ctx) {
      const missingName = expectError(await ctx.client.request("POST", "/v1/client", { body: { type: "person", firstName: "Only" } }), 422, "person without lastName");
      assert.ok(missingName.details?.some((detail) => detail.field.includes("lastName")), `details should name lastName: ${JSON.stringify(missingName.details)}`);
      const product = await flowProduct(ctx);
      const unknownHolder = expectError(
        await ctx.client.request("POST", "/v1/contract", { body: { holderId: "no-such-client", productId: product.id, status: 120, data: {} } }),
        422,
        "contract for an unknown holder",
      );
      assert.ok(unknownHolder.details?.some((detail) => detail.field === "holderId"), JSON.stringify(unknownHolder.details));
      const holder = await createPerson(ctx);
      const badStatus = expectError(
        await ctx.client.request("POST", "/v1/contract", { body: { holderId: holder.id, productId: product.id, status: 230, data: {} } }),
        [409, 422],
        "POST /contract with status 230",
      );
      assert.ok(badStatus.code.length > 0);
      const notJson = await ctx.client.request("POST", "/v1/client", { body: undefined, headers: { "content-type": "application/json" } });
      expectError(notJson, [400, 422], "empty body");
    },
  },
  {
    id: "writes.idempotency-client",
    title: "Idempotency-Key: same key and body returns the original client, creates nothing twice",
    async run(ctx) {
      const key = randomUUID();
      const body = { type: "person", firstName: "Idem", lastName: "Potent", birthDate: "1990-01-01" };
      const first = expectOk(await ctx.client.request("POST", "/v1/client", { body, headers: { "idempotency-key": key } }), 201, "first POST") as { id: string };
      const before = expectOk(await ctx.client.get("/v1/client-id-list-updated", { since: EPOCH }), 200, "ids") as string[];
      const second = expectOk(await ctx.client.request("POST", "/v1/client", { body, headers: { "idempotency-key": key } }), 201, "retried POST") as { id: string };
      assert.equal(second.id, first.id, "the retry created a second client");
      const after = expectOk(await ctx.client.get("/v1/client-id-list-updated", { since: EPOCH }), 200, "ids") as string[];
      assert.equal(after.length, before.length, "the retry changed the number of clients");
      const other = await ctx.client.request("POST", "/v1/client", { body: { ...body, firstName: "Other" }, headers: { "idempotency-key": key } });
      expectError(other, 409, "same key, different body");
    },
  },
  {
    id: "writes.idempotency-contract",
    title: "Idempotency-Key on POST /contract: concurrent retries create one contract",
    async run(ctx) {
      const product = await flowProduct(ctx);
      const holder = await createPerson(ctx);
      const key = randomUUID();
      const body = { holderId: holder.id, productId: product.id, status: 120, data: completeData(product) };
      const answers = await Promise.all([0, 1, 2].map(() => ctx.client.request("POST", "/v1/contract", { body, headers: { "idempotency-key": key } })));
      const ids = new Set(answers.map((answer) => (expectOk(answer, 201, "concurrent POST") as { id: string }).id));
      assert.equal(ids.size, 1, `concurrent retries created ${ids.size} contracts`);
      const ofHolder = expectOk(await ctx.client.get("/v1/contract-list", { "holder-id": holder.id }), 200, "contracts of holder") as unknown[];
      assert.equal(ofHolder.length, 1, `the holder has ${ofHolder.length} contracts`);
      const retried = await createContract(ctx, body, { "idempotency-key": key });
      assert.equal(retried.id, [...ids][0]);
    },
  },
];
