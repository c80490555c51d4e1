import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { db } from "@/lib/db";
import { boss, stopBoss } from "@/lib/jobs/boss";
import { emitWebhookEvent } from "@/lib/webhooks/events";
import { createWebhookEndpoint } from "@/lib/webhooks/endpoints";
import { startWebhookWorkers } from "@/lib/webhooks/worker";
import { makeFirm } from "../factories";
import { eventually } from "../sandbox";
import { startReceiver } from "./webhook-receiver";

let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await stopBoss();
  await receiver.close();
});

describe("webhook delivery through pg-boss", () => {
  it("delivers an event committed in a transaction, and retries a failed attempt on the row's schedule", async () => {
    const { admin } = await makeFirm();
    const { id, secret } = await createWebhookEndpoint(admin, { url: receiver.url });
    await startWebhookWorkers(await boss(), { organizationId: admin.organizationId });

    // Rolled back: no event.
    await db()
      .$transaction(async (tx) => {
        await emitWebhookEvent(tx, { organizationId: admin.organizationId, type: "approval.decided", data: { contractId: "rolled-back" } });
        throw new Error("roll back");
      })
      .catch(() => undefined);
    // Committed: delivered by the workers, first attempt refused, retried 5 s later.
    receiver.answerWith(500);
    await db().$transaction((tx) => emitWebhookEvent(tx, { organizationId: admin.organizationId, type: "approval.decided", data: { contractId: "committed", decision: "APPROVED" } }));

    const delivery = await eventually(async () => {
      const row = await db().webhookDelivery.findFirst({ where: { endpointId: id, state: "SUCCEEDED" } });
      return row;
    }, 25_000, "the delivery to succeed");
    expect(delivery.attempts).toBe(2);
    const received = receiver.received.filter((entry) => entry.body.includes("committed"));
    expect(received).toHaveLength(2);
    expect(received[0]!.headers["webhook-id"]).toBe(received[1]!.headers["webhook-id"]);
    expect(new Webhook(secret).verify(received[1]!.body, received[1]!.headers)).toMatchObject({ data: { contractId: "committed" } });
    expect(receiver.received.some((entry) => entry.body.includes("rolled-back"))).toBe(false);
    expect(await db().webhookDelivery.count({ where: { endpointId: id } })).toBe(1);
  });
});
