import assert from "node:assert/strict";
import { verifyWebhook } from "../../webhook-signature";
import { completeData, createContract, eventually, createPerson, expectOk, flowProduct, waitForContract, type Check } from "../context";

export const callbackChecks: Check[] = [
  {
    id: "callbacks.retry",
    title: "a callback answered with 500 is retried (same webhook-id) until it is accepted",
    kind: "convention",
    adapts: "The portal does not rely on retries: a pending poll and the periodic sync re-read contracts whose callbacks never came.",
    async run(ctx) {
      const product = await flowProduct(ctx);
      const holder = await createPerson(ctx);
      const callback = ctx.listener.url([500]);
      const contract = await createContract(ctx, { holderId: holder.id, productId: product.id, data: completeData(product), callback });
      const received = await ctx.listener.waitFor(callback, (list) => list.some((c) => c.answeredWith === 204), ctx.config.stepTimeoutMs, "the retried callback");
      assert.equal(received[0]!.answeredWith, 500);
      const retried = received.find((c) => c.answeredWith === 204)!;
      assert.equal(retried.headers["webhook-id"], received[0]!.headers["webhook-id"], "a retry must keep the webhook-id");
      assert.ok(retried.receivedAt > received[0]!.receivedAt);
      if (ctx.config.adminToken) {
        // The provider records the outcome just after our listener answered: read until it has.
        await eventually(async () => {
          const log = expectOk(await ctx.admin("GET", `/admin/callbacks?contractId=${encodeURIComponent(contract.id)}`), 200, "callback log") as {
            status: string;
            attemptLog: { responseStatus: number | null }[];
          }[];
          const delivered = log.find((delivery) => delivery.status === "delivered");
          assert.ok(delivered, `no delivered callback in the admin log: ${JSON.stringify(log)}`);
          assert.deepEqual(delivered.attemptLog.map((a) => a.responseStatus), [500, 204], "every attempt is logged");
        }, ctx.config.stepTimeoutMs);
      }
    },
  },
  {
    id: "callbacks.signed",
    title: "callbacks carry a valid Standard Webhooks signature, and a tampered body fails it",
    kind: "convention",
    needs: ["webhookSecret"],
    adapts: "An admin may accept unsigned callbacks for a provider; the per-contract callback token then carries the trust.",
    async run(ctx) {
      const product = await flowProduct(ctx);
      const holder = await createPerson(ctx);
      const callback = ctx.listener.url();
      const contract = await createContract(ctx, { holderId: holder.id, productId: product.id, data: completeData(product), callback });
      await waitForContract(ctx, contract.id, (c) => c.status === 130, "130");
      const [received] = await ctx.listener.waitFor(callback, (list) => list.length > 0, ctx.config.stepTimeoutMs, "a callback");
      const secret = ctx.config.webhookSecret!;
      assert.match(received!.headers["webhook-signature"] ?? "", /^v1,/);
      assert.ok(verifyWebhook({ headers: received!.headers, body: received!.body, secret }).ok, "signature invalid");
      assert.equal(verifyWebhook({ headers: received!.headers, body: received!.body + " ", secret }).ok, false, "a tampered body verified");
      const timestamp = Number(received!.headers["webhook-timestamp"]);
      assert.ok(Math.abs(timestamp - Date.now() / 1000) < 300, "webhook-timestamp is not the time of sending");
    },
  },
];
