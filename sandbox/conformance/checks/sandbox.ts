/** Checks of the sandbox's own behaviour: its rules, catalogue, docs and fault injection. */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { PRODUCT_LINES } from "../../../lib/finum";
import { ConsumerClient } from "../../../lib/finum/conformance/client";
import { completeData, createPerson, expectError, expectOk, expectStatus, products, waitForContract, type Check, type CheckContext } from "../../../lib/finum/conformance/context";

/** A consumer of its own (same key, the instance's dialect), so faults never disturb other checks. */
async function freshConsumer(ctx: CheckContext, faults: Record<string, unknown>): Promise<{ consumerId: string; client: ConsumerClient; ctx: CheckContext }> {
  const consumerId = `conformance-${randomBytes(5).toString("hex")}`;
  expectOk(
    await ctx.admin("POST", "/admin/consumers", { consumerId, publicKeyPem: ctx.publicKeyPem, webhookSecret: ctx.config.webhookSecret ?? null, faults }),
    201,
    "register consumer",
  );
  const client = new ConsumerClient({ ...ctx.config, consumerId, keyId: undefined });
  return { consumerId, client, ctx: { ...ctx, client } };
}

export const sandboxChecks: Check[] = [
  {
    id: "sandbox.catalogue",
    title: "the catalogue has at least six products across household, liability, motor, life, health and legal",
    kind: "spec",
    needs: ["sandboxRules"],
    async run(ctx) {
      const all = await products(ctx);
      assert.ok(all.length >= 6, `only ${all.length} products`);
      for (const line of PRODUCT_LINES) assert.ok(all.some((p) => p.line === line), `no ${line} product`);
    },
  },
  {
    id: "sandbox.decline",
    title: "life cover for a holder over 75 is declined (420) with a note",
    kind: "spec",
    needs: ["sandboxRules"],
    async run(ctx) {
      const life = (await products(ctx)).find((p) => p.line === "life");
      assert.ok(life, "no life product");
      const holder = await createPerson(ctx, { birthDate: "1940-02-01" });
      const created = expectOk(
        await ctx.client.request("POST", "/v1/contract", { body: { holderId: holder.id, productId: life.id, status: 120, data: completeData(life) } }),
        201,
        "POST life contract",
      ) as { id: string };
      const declined = await waitForContract(ctx, created.id, (c) => c.status === 420 || c.status === 130, "a decision");
      assert.equal(declined.status, 420, `expected 420, got ${declined.status}`);
      assert.match(declined.statusNote ?? "", /75/);
      const young = await createPerson(ctx, { birthDate: "1980-02-01" });
      const accepted = expectOk(
        await ctx.client.request("POST", "/v1/contract", { body: { holderId: young.id, productId: life.id, status: 120, data: completeData(life) } }),
        201,
        "POST life contract",
      ) as { id: string };
      assert.equal((await waitForContract(ctx, accepted.id, (c) => c.status === 420 || c.status === 130, "a decision")).status, 130);
    },
  },
  {
    id: "sandbox.docs",
    title: "serves /v1/openapi.json (OpenAPI 3.1) and a readable /v1/docs",
    kind: "spec",
    needs: ["sandboxRules"],
    async run(ctx) {
      const doc = expectOk(await ctx.client.get("/v1/openapi.json", undefined, { token: null }), 200, "openapi.json") as { openapi: string; paths: Record<string, unknown> };
      assert.equal(doc.openapi, "3.1.0");
      assert.ok(doc.paths["/v1/contract-id-list-updated"] && doc.paths["/v1/contract"]);
      const html = await ctx.client.get("/v1/docs", undefined, { token: null });
      assert.equal(html.status, 200);
      assert.match(html.headers.get("content-type") ?? "", /text\/html/);
      assert.match(html.text, /contract-id-list-updated/);
    },
  },
  {
    id: "sandbox.faults-api",
    title: "fault injection: 503 share, 429 with Retry-After, added latency; reset restores service",
    kind: "spec",
    needs: ["admin"],
    async run(ctx) {
      const { consumerId, client } = await freshConsumer(ctx, { errorRate: 1 });
      expectStatus(await client.get("/v1/auth-status"), 503, "errorRate 1");
      expectOk(await ctx.admin("PUT", `/admin/consumers/${consumerId}/faults`, { rateLimitRate: 1, retryAfterSeconds: 7 }), 200, "set faults");
      const limited = await client.get("/v1/auth-status");
      expectStatus(limited, 429, "rateLimitRate 1");
      assert.equal(limited.headers.get("retry-after"), "7");
      expectOk(await ctx.admin("PUT", `/admin/consumers/${consumerId}/faults`, { latencyMs: 400 }), 200, "set faults");
      const slow = await client.get("/v1/auth-status");
      expectOk(slow, 200, "with latency");
      assert.ok(slow.ms >= 390, `latency not applied (${Math.round(slow.ms)} ms)`);
      expectOk(await ctx.admin("PUT", `/admin/consumers/${consumerId}/faults`, {}), 200, "reset faults");
      const normal = await client.get("/v1/auth-status");
      expectOk(normal, 200, "after reset");
      expectError(await ctx.admin("PUT", `/admin/consumers/${consumerId}/faults`, { errorRate: 2 }), 422, "errorRate above 1");
      expectError(await client.request("GET", "/admin/consumers", { token: await client.token() }), 401, "admin API with a consumer token");
    },
  },
  {
    id: "sandbox.faults-callbacks",
    title: "fault injection: duplicated, dropped and reordered callbacks",
    kind: "spec",
    needs: ["admin"],
    async run(ctx) {
      const product = (await products(ctx)).find((p) => p.line === "household") ?? (await products(ctx))[0]!;
      const scenario = async (faults: Record<string, unknown>) => {
        const fresh = await freshConsumer(ctx, faults);
        const holder = await createPerson(fresh.ctx);
        const callback = ctx.listener.url();
        const created = expectOk(
          await fresh.client.request("POST", "/v1/contract", { body: { holderId: holder.id, productId: product.id, status: 120, data: completeData(product), callback } }),
          201,
          "POST contract",
        ) as { id: string };
        await waitForContract(fresh.ctx, created.id, (c) => c.status === 130, "130");
        return { callback, contractId: created.id };
      };
      const log = async (contractId: string) =>
        expectOk(await ctx.admin("GET", `/admin/callbacks?contractId=${contractId}`), 200, "callback log") as { status: string; fault: string | null; webhookId: string; createdAt: string }[];

      const duplicated = await scenario({ duplicateCallbackRate: 1 });
      const pair = await ctx.listener.waitFor(duplicated.callback, (list) => list.length >= 2, ctx.config.stepTimeoutMs, "a duplicated callback");
      assert.equal(pair[0]!.headers["webhook-id"], pair[1]!.headers["webhook-id"], "a duplicate carries the same webhook-id");
      assert.equal(pair[0]!.body, pair[1]!.body);

      const dropped = await scenario({ dropCallbackRate: 1 });
      const droppedLog = await log(dropped.contractId);
      assert.ok(droppedLog.length > 0 && droppedLog.every((d) => d.status === "dropped"), `expected only dropped deliveries: ${JSON.stringify(droppedLog)}`);
      assert.equal(ctx.listener.for(dropped.callback).length, 0, "a dropped callback was delivered");

      const reordered = await scenario({ reorderCallbackRate: 1, reorderDelayMs: 500 });
      const [late] = await ctx.listener.waitFor(reordered.callback, (list) => list.length > 0, ctx.config.stepTimeoutMs, "a held-back callback");
      const [entry] = await log(reordered.contractId);
      assert.equal(entry?.fault, "reordered");
      assert.ok(late!.receivedAt - Date.parse(entry!.createdAt) >= 450, "a reordered callback was not held back");
    },
  },
];
