import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { db } from "@/lib/db";
import { emitWebhookEvent } from "@/lib/webhooks/events";
import { deliverDueWebhooks, MAX_ATTEMPTS, RETRY_SCHEDULE_SECONDS } from "@/lib/webhooks/deliver";
import { createWebhookEndpoint, listWebhookDeliveries, replayWebhookDelivery, rotateWebhookSecret, sendTestWebhook, setWebhookEndpointEnabled } from "@/lib/webhooks/endpoints";
import { makeFirm } from "../factories";
import { startReceiver } from "./webhook-receiver";

let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

const emit = (organizationId: string, type: "contract.status_changed" | "approval.decided", data: Record<string, unknown>) => db().$transaction((tx) => emitWebhookEvent(tx, { organizationId, type, data }));
const deliveriesOf = (endpointId: string) => db().webhookDelivery.findMany({ where: { endpointId }, orderBy: { createdAt: "asc" }, include: { log: true } });

describe("outbound webhooks", () => {
  it("signs deliveries so the Standard Webhooks reference implementation verifies them", async () => {
    const { admin } = await makeFirm();
    const { id, secret } = await createWebhookEndpoint(admin, { url: receiver.url, events: [] });
    const before = receiver.received.length;
    await emit(admin.organizationId, "contract.status_changed", { contractId: "c1", from: 120, to: 130 });
    expect(await deliverDueWebhooks({ organizationId: admin.organizationId })).toMatchObject({ succeeded: 1 });

    const delivered = receiver.received.slice(before);
    expect(delivered).toHaveLength(1);
    const payload = new Webhook(secret).verify(delivered[0]!.body, delivered[0]!.headers) as { type: string; data: unknown };
    expect(payload).toMatchObject({ type: "contract.status_changed", data: { contractId: "c1", from: 120, to: 130 } });
    expect(delivered[0]!.headers["webhook-id"]).toMatch(/^msg_/);
    // A wrong secret or a changed body does not verify.
    expect(() => new Webhook("whsec_" + Buffer.alloc(32, 1).toString("base64")).verify(delivered[0]!.body, delivered[0]!.headers)).toThrow();
    expect(() => new Webhook(secret).verify(delivered[0]!.body.replace("130", "320"), delivered[0]!.headers)).toThrow();

    const [delivery] = await deliveriesOf(id);
    expect(delivery).toMatchObject({ state: "SUCCEEDED", attempts: 1, lastStatus: 204 });
    expect(delivery!.log).toHaveLength(1);
  });

  it("delivers only subscribed events of the endpoint's own organization, and nothing when disabled", async () => {
    const firm = await makeFirm();
    const other = await makeFirm();
    const { id } = await createWebhookEndpoint(firm.admin, { url: receiver.url, events: ["approval.decided"] });
    await emit(firm.admin.organizationId, "contract.status_changed", { contractId: "x", from: 0, to: 120 });
    await emit(other.admin.organizationId, "approval.decided", { contractId: "y" });
    await emit(firm.admin.organizationId, "approval.decided", { contractId: "z", decision: "APPROVED" });
    expect((await deliveriesOf(id)).map((delivery) => delivery.type)).toEqual(["approval.decided"]);

    await setWebhookEndpointEnabled(firm.admin, id, false);
    await emit(firm.admin.organizationId, "approval.decided", { contractId: "w" });
    expect(await deliveriesOf(id)).toHaveLength(1);
    await expect(sendTestWebhook(firm.admin, id)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(createWebhookEndpoint(firm.admin, { url: "ftp://example.com/x" })).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("retries failures on a backoff schedule of more than three days, then gives up, and can be replayed", async () => {
    expect(RETRY_SCHEDULE_SECONDS.reduce((sum, seconds) => sum + seconds, 0)).toBeGreaterThan(3 * 24 * 3600);
    const { admin } = await makeFirm();
    const { id } = await createWebhookEndpoint(admin, { url: receiver.url });
    await emit(admin.organizationId, "approval.decided", { contractId: "retry" });

    receiver.answerWith(500, 503);
    let now = new Date();
    expect(await deliverDueWebhooks({ now, organizationId: admin.organizationId })).toMatchObject({ retrying: 1 });
    let [delivery] = await deliveriesOf(id);
    expect(delivery!.nextAttemptAt.getTime() - now.getTime()).toBe(RETRY_SCHEDULE_SECONDS[0] * 1000);
    expect(await deliverDueWebhooks({ now, organizationId: admin.organizationId })).toMatchObject({ retrying: 0, succeeded: 0 }); // not due yet

    now = new Date(now.getTime() + 6_000);
    expect(await deliverDueWebhooks({ now, organizationId: admin.organizationId })).toMatchObject({ retrying: 1 });
    now = new Date(now.getTime() + RETRY_SCHEDULE_SECONDS[1] * 1000 + 1000);
    expect(await deliverDueWebhooks({ now, organizationId: admin.organizationId })).toMatchObject({ succeeded: 1 });
    [delivery] = await deliveriesOf(id);
    expect(delivery).toMatchObject({ state: "SUCCEEDED", attempts: 3 });
    expect(delivery!.log.map((attempt) => attempt.status).sort()).toEqual([204, 500, 503]);

    // A receiver that stays down: every attempt of the schedule, then FAILED.
    await emit(admin.organizationId, "approval.decided", { contractId: "down" });
    receiver.answerWith(...Array.from({ length: MAX_ATTEMPTS }, () => 500));
    now = new Date();
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      await deliverDueWebhooks({ now, organizationId: admin.organizationId });
      now = new Date(now.getTime() + (RETRY_SCHEDULE_SECONDS[attempt] ?? 0) * 1000 + 1000);
    }
    const down = (await deliveriesOf(id)).find((entry) => (entry.payload as { data: { contractId: string } }).data.contractId === "down")!;
    expect(down).toMatchObject({ state: "FAILED", attempts: MAX_ATTEMPTS });
    expect(down.lastAttemptAt!.getTime() - down.createdAt.getTime()).toBeGreaterThan(3 * 24 * 3600 * 1000);

    const log = await listWebhookDeliveries(admin, id);
    expect(log.deliveries.find((entry) => entry.id === down.id)?.log).toHaveLength(12);
    await replayWebhookDelivery(admin, down.id);
    expect(await deliverDueWebhooks({ organizationId: admin.organizationId })).toMatchObject({ succeeded: 1 });
    expect(await db().webhookDelivery.findUniqueOrThrow({ where: { id: down.id } })).toMatchObject({ state: "SUCCEEDED" });
  });

  it("signs with the old and the new secret during a rotation's overlap, then with the new one only", async () => {
    const { admin } = await makeFirm();
    const { id, secret: oldSecret } = await createWebhookEndpoint(admin, { url: receiver.url });
    const { secret: newSecret, previousValidUntil } = await rotateWebhookSecret(admin, id, { overlapHours: 1 });
    const before = receiver.received.length;
    await sendTestWebhook(admin, id);
    await deliverDueWebhooks({ organizationId: admin.organizationId });
    const during = receiver.received[before]!;
    expect(during.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(new Webhook(oldSecret).verify(during.body, during.headers)).toMatchObject({ type: "webhook.test" });
    expect(new Webhook(newSecret).verify(during.body, during.headers)).toMatchObject({ type: "webhook.test" });

    await db().webhookEndpoint.update({ where: { id }, data: { previousSecretExpiresAt: new Date(Date.now() - 1000) } });
    await sendTestWebhook(admin, id);
    await deliverDueWebhooks({ organizationId: admin.organizationId });
    const after = receiver.received[before + 1]!;
    expect(() => new Webhook(oldSecret).verify(after.body, after.headers)).toThrow();
    expect(new Webhook(newSecret).verify(after.body, after.headers)).toBeTruthy();
    expect(previousValidUntil.getTime()).toBeGreaterThan(Date.now());
    // The secrets are stored encrypted.
    const row = await db().webhookEndpoint.findUniqueOrThrow({ where: { id } });
    expect(JSON.stringify(row)).not.toContain(newSecret.slice(6));
  });
});
