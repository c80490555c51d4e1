import assert from "node:assert/strict";
import { callbackBodySchema, verifyWebhook } from "../../../lib/finum";
import { completeData, createContract, createPerson, expectError, expectOk, flowProduct, getContract, patchContract, waitForContract, type Check, type CheckContext } from "../context";

async function expectPdf(ctx: CheckContext, fileId: unknown, what: string) {
  assert.equal(typeof fileId, "string", `${what}: no file id in the contract's data`);
  const [file] = expectOk(await ctx.client.get("/v1/file-list", { "id-list": fileId as string }), 200, "file-list") as { id: string; contentType: string }[];
  assert.equal(file?.id, fileId, `${what}: file-list does not return the file`);
  const content = await ctx.client.get("/v1/file-content", { id: fileId as string });
  assert.equal(content.status, 200, `${what}: file-content answered ${content.status}`);
  assert.match(content.headers.get("content-type") ?? "", /application\/pdf/);
  assert.equal(content.bytes.subarray(0, 5).toString("latin1"), "%PDF-", `${what}: not a PDF`);
}

export const flowChecks: Check[] = [
  {
    id: "flow.missing-data",
    title: "a proposal request without the required data goes to 110 with a note naming the missing fields",
    async run(ctx) {
      const product = await flowProduct(ctx);
      const holder = await createPerson(ctx);
      const created = await createContract(ctx, { holderId: holder.id, productId: product.id, data: {} });
      const contract = created.status === 110 ? created : await waitForContract(ctx, created.id, (c) => c.status === 110, "110");
      const required = product.fields.filter((field) => field.required).map((field) => field.name);
      for (const name of required) assert.ok(contract.statusNote?.includes(name), `statusNote "${contract.statusNote}" does not name ${name}`);
    },
  },
  {
    id: "flow.full",
    title: "full flow 120 → 110 → 120 → 130 → 120 (v2) → 130 → 230 → 240 → 320, with documents and signed callbacks",
    async run(ctx) {
      const product = await flowProduct(ctx);
      const holder = await createPerson(ctx);
      const callback = ctx.listener.url();
      const data = completeData(product);
      const [firstField, ...rest] = Object.keys(data);
      const partial = Object.fromEntries(rest.map((name) => [name, data[name]]));

      const created = await createContract(ctx, { holderId: holder.id, productId: product.id, data: partial, callback, _conformanceRef: "flow-1" });
      assert.equal(created.holderId, holder.id);
      assert.equal(created._conformanceRef, "flow-1", "the _ field of the contract was not kept");
      const waiting = created.status === 110 ? created : await waitForContract(ctx, created.id, (c) => c.status === 110, "110");
      assert.ok(waiting.statusNote?.includes(firstField!), `110 note should name ${firstField}`);

      const resumed = await patchContract(ctx, { id: created.id, status: 120, data: { [firstField!]: data[firstField!] } });
      assert.ok([120, 130].includes(resumed.status), `after completing the data: ${resumed.status}`);
      const proposed = await waitForContract(ctx, created.id, (c) => c.status === 130, "a proposal (130)");
      const version1 = proposed.data.proposalVersion;
      assert.equal(typeof version1, "number", "130 without data.proposalVersion");
      await expectPdf(ctx, proposed.data.proposalFileId, "proposal v1");
      assert.ok(proposed.updatedAt > created.updatedAt, "updatedAt did not move forward");

      await patchContract(ctx, { id: created.id, status: 120, data: { [firstField!]: data[firstField!] } });
      const second = await waitForContract(ctx, created.id, (c) => c.status === 130 && c.data.proposalVersion !== version1, "proposal version 2");
      assert.equal(second.data.proposalVersion, (version1 as number) + 1, "a changed proposal did not get the next version");
      assert.notEqual(second.data.proposalFileId, proposed.data.proposalFileId, "a new proposal version needs a new file");
      await expectPdf(ctx, second.data.proposalFileId, "proposal v2");

      const ordered = await patchContract(ctx, { id: created.id, status: 230 });
      assert.ok([230, 240, 320].includes(ordered.status), `after ordering: ${ordered.status}`);
      const active = await waitForContract(ctx, created.id, (c) => c.status === 320, "active (320)");
      assert.ok(active.contractNumber, "320 without a contract number");
      await expectPdf(ctx, active.data.policyFileId, "policy");

      const callbacks = await ctx.listener.waitFor(callback, (list) => list.some((c) => c.body.includes('"status":320')), ctx.config.stepTimeoutMs, "the 320 callback");
      for (const received of callbacks) {
        const body = callbackBodySchema.parse(JSON.parse(received.body));
        assert.equal(body.id, created.id, "a callback for another contract");
        assert.ok(received.headers["webhook-id"], "callback without webhook-id");
        if (ctx.config.webhookSecret) {
          const verified = verifyWebhook({ headers: received.headers, body: received.body, secret: ctx.config.webhookSecret });
          assert.ok(verified.ok, `callback signature invalid: ${JSON.stringify(verified)}`);
        }
      }
      const statuses = callbacks.map((c) => callbackBodySchema.parse(JSON.parse(c.body)).status);
      for (const expected of [130, 320]) assert.ok(statuses.includes(expected), `no callback for ${expected}; got ${statuses.join(", ")}`);
    },
  },
  {
    id: "flow.invalid-transitions",
    title: "invalid transitions are 409; an unknown contract is 404",
    async run(ctx) {
      const product = await flowProduct(ctx);
      const holder = await createPerson(ctx);
      const waiting = await createContract(ctx, { holderId: holder.id, productId: product.id, data: {} });
      await waitForContract(ctx, waiting.id, (c) => c.status === 110, "110");
      expectError(await ctx.client.request("PATCH", "/v1/contract", { body: { id: waiting.id, status: 230 } }), 409, "ordering a contract without a proposal");
      expectError(await ctx.client.request("PATCH", "/v1/contract", { body: { id: waiting.id, status: 320 } }), 409, "a consumer setting 320");
      expectError(await ctx.client.request("PATCH", "/v1/contract", { body: { id: "no-such-contract", status: 120 } }), 404, "unknown contract");
      const unchanged = await getContract(ctx, waiting.id);
      assert.equal(unchanged.status, 110, "a rejected transition changed the contract");
    },
  },
  {
    id: "flow.withdraw",
    title: "a withdrawn contract is 430 and cannot be ordered afterwards",
    async run(ctx) {
      const product = await flowProduct(ctx);
      const holder = await createPerson(ctx);
      const created = await createContract(ctx, { holderId: holder.id, productId: product.id, data: completeData(product) });
      await waitForContract(ctx, created.id, (c) => c.status === 130, "130");
      const withdrawn = await patchContract(ctx, { id: created.id, status: 430 });
      assert.equal(withdrawn.status, 430);
      expectError(await ctx.client.request("PATCH", "/v1/contract", { body: { id: created.id, status: 230 } }), 409, "ordering a withdrawn contract");
      const listed = expectOk(await ctx.client.get("/v1/contract-list", { "holder-id": holder.id }), 200, "contracts of holder") as { id: string; status: number }[];
      assert.deepEqual(listed.map((c) => [c.id, c.status]), [[created.id, 430]], "ended contracts are still transferred with their status");
    },
  },
  {
    id: "flow.since",
    title: "the since contract: ids changed at or after since, inclusive, and later changes show up again",
    async run(ctx) {
      const holder = await createPerson(ctx);
      const inclusive = expectOk(await ctx.client.get("/v1/client-id-list-updated", { since: holder.updatedAt }), 200, "since = updatedAt") as string[];
      assert.ok(inclusive.includes(holder.id), "since equal to updatedAt must include the record");
      const after = new Date(Date.parse(holder.updatedAt) + 1).toISOString();
      const later = expectOk(await ctx.client.get("/v1/client-id-list-updated", { since: after }), 200, "since after updatedAt") as string[];
      assert.ok(!later.includes(holder.id), "a record not changed since must not be listed");

      const product = await flowProduct(ctx);
      const contract = await createContract(ctx, { holderId: holder.id, productId: product.id, data: {} });
      const pullStart = new Date(Date.parse(contract.updatedAt) + 1).toISOString();
      const quiet = expectOk(await ctx.client.get("/v1/contract-id-list-updated", { since: pullStart }), 200, "ids") as string[];
      const patched = await patchContract(ctx, { id: contract.id, status: 120, data: completeData(product) });
      assert.ok(patched.updatedAt > contract.updatedAt, "PATCH did not move updatedAt forward");
      const changed = expectOk(await ctx.client.get("/v1/contract-id-list-updated", { since: pullStart }), 200, "ids") as string[];
      assert.ok(!quiet.includes(contract.id) && changed.includes(contract.id), "a changed contract must appear in the next pull");
      const offset = expectOk(await ctx.client.get("/v1/contract-id-list-updated", { since: pullStart.replace("Z", "+00:00") }), 200, "since with offset") as string[];
      assert.ok(offset.includes(contract.id), "since with an explicit +00:00 offset");
    },
  },
];
