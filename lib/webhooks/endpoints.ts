/**
 * Administrators' webhook subscriptions: create (the secret is shown once), rotate the secret
 * with an overlap, enable/disable, delete, send a test event, read the delivery log, replay.
 */
import { z } from "zod";
import { db } from "../db";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit";
import { encryptSecret } from "../crypto/secrets";
import { generateWebhookSecret } from "../finum/webhook-signature";
import { fieldErrorsOf } from "../clients/schema";
import type { SessionUser } from "../auth/session";
import { emitWebhookEvent, TEST_EVENT_TYPE, wakeWebhookDispatch, WEBHOOK_EVENT_NAMES } from "./events";

type Admin = Pick<SessionUser, "id" | "organizationId" | "role">;

function requireAdmin(actor: Admin) {
  if (actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "apiAdmin.webhooks.errors.adminOnly");
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export const webhookEndpointSchema = z.object({
  url: z
    .string()
    .trim()
    .url("apiAdmin.webhooks.errors.url")
    .max(2000)
    .refine((value) => {
      const url = new URL(value);
      // Plain http only to a receiver on this machine (development, tests, a local relay).
      return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.test(url.hostname));
    }, "apiAdmin.webhooks.errors.https"),
  description: z.string().trim().max(200).optional().transform((value) => value || undefined),
  events: z.array(z.enum(WEBHOOK_EVENT_NAMES as [string, ...string[]], { error: "apiAdmin.webhooks.errors.events" })).default([]),
});

export const ROTATION_OVERLAP_HOURS = 24;

export async function createWebhookEndpoint(admin: Admin, input: unknown): Promise<{ id: string; secret: string }> {
  requireAdmin(admin);
  const parsed = webhookEndpointSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "common.errors.fieldsNeedAttention", { fieldErrors: fieldErrorsOf(parsed.error) });
  const secret = generateWebhookSecret();
  const endpoint = await db().$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: { organizationId: admin.organizationId, url: parsed.data.url, description: parsed.data.description ?? null, events: parsed.data.events, secretEnc: encryptSecret(secret) },
      select: { id: true },
    });
    await recordAudit({ organizationId: admin.organizationId, actorId: admin.id, action: "webhook.create", entityType: "WebhookEndpoint", entityId: created.id, data: { url: parsed.data.url, events: parsed.data.events } }, tx);
    return created;
  });
  return { id: endpoint.id, secret };
}

async function ownEndpoint(admin: Admin, endpointId: string) {
  requireAdmin(admin);
  const endpoint = await db().webhookEndpoint.findFirst({ where: { id: endpointId, organizationId: admin.organizationId }, select: { id: true, url: true } });
  if (!endpoint) throw notFound("apiAdmin.webhooks.errors.notFound");
  return endpoint;
}

/** A new secret signs from now on; the old one keeps signing beside it for the overlap. */
export async function rotateWebhookSecret(admin: Admin, endpointId: string, options: { overlapHours?: number; now?: Date } = {}): Promise<{ secret: string; previousValidUntil: Date }> {
  await ownEndpoint(admin, endpointId);
  const now = options.now ?? new Date();
  const previousValidUntil = new Date(now.getTime() + (options.overlapHours ?? ROTATION_OVERLAP_HOURS) * 3_600_000);
  const secret = generateWebhookSecret();
  await db().$transaction(async (tx) => {
    const current = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id: endpointId }, select: { secretEnc: true } });
    await tx.webhookEndpoint.update({ where: { id: endpointId }, data: { secretEnc: encryptSecret(secret), previousSecretEnc: current.secretEnc, previousSecretExpiresAt: previousValidUntil } });
    await recordAudit({ organizationId: admin.organizationId, actorId: admin.id, action: "webhook.rotate-secret", entityType: "WebhookEndpoint", entityId: endpointId, data: { previousValidUntil: previousValidUntil.toISOString() } }, tx);
  });
  return { secret, previousValidUntil };
}

export async function setWebhookEndpointEnabled(admin: Admin, endpointId: string, enabled: boolean): Promise<void> {
  await ownEndpoint(admin, endpointId);
  await db().$transaction(async (tx) => {
    await tx.webhookEndpoint.update({ where: { id: endpointId }, data: { enabled } });
    await recordAudit({ organizationId: admin.organizationId, actorId: admin.id, action: enabled ? "webhook.enable" : "webhook.disable", entityType: "WebhookEndpoint", entityId: endpointId }, tx);
  });
}

export async function deleteWebhookEndpoint(admin: Admin, endpointId: string): Promise<void> {
  const endpoint = await ownEndpoint(admin, endpointId);
  await db().$transaction(async (tx) => {
    await tx.webhookEndpoint.delete({ where: { id: endpointId } });
    await recordAudit({ organizationId: admin.organizationId, actorId: admin.id, action: "webhook.delete", entityType: "WebhookEndpoint", entityId: endpointId, data: { url: endpoint.url } }, tx);
  });
}

export async function sendTestWebhook(admin: Admin, endpointId: string): Promise<{ messageId: string }> {
  await ownEndpoint(admin, endpointId);
  const messageId = await db().$transaction((tx) => emitWebhookEvent(tx, { organizationId: admin.organizationId, type: TEST_EVENT_TYPE, endpointId, data: { endpointId, note: "A test event sent by an administrator." } }));
  if (!messageId) throw new AppError("CONFLICT", "apiAdmin.webhooks.errors.disabled");
  return { messageId };
}

/** Sends a delivery again from the start of the schedule (after a fix on the receiver's side). */
export async function replayWebhookDelivery(admin: Admin, deliveryId: string): Promise<void> {
  requireAdmin(admin);
  const count = await db().$transaction(async (tx) => {
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: deliveryId, organizationId: admin.organizationId },
      data: { state: "PENDING", attempts: 0, nextAttemptAt: new Date(), claimedUntil: null },
    });
    if (count) await wakeWebhookDispatch(tx);
    return count;
  });
  if (count === 0) throw notFound("apiAdmin.webhooks.errors.deliveryNotFound");
  await recordAudit({ organizationId: admin.organizationId, actorId: admin.id, action: "webhook.replay", entityType: "WebhookDelivery", entityId: deliveryId });
}

export async function listWebhookEndpoints(admin: Admin) {
  requireAdmin(admin);
  const endpoints = await db().webhookEndpoint.findMany({
    where: { organizationId: admin.organizationId },
    orderBy: { createdAt: "asc" },
    select: { id: true, url: true, description: true, events: true, enabled: true, previousSecretExpiresAt: true, createdAt: true },
  });
  const counts = await db().webhookDelivery.groupBy({ by: ["endpointId", "state"], where: { organizationId: admin.organizationId }, _count: { _all: true } });
  return endpoints.map((endpoint) => ({
    ...endpoint,
    rotating: Boolean(endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > new Date()),
    counts: Object.fromEntries(counts.filter((row) => row.endpointId === endpoint.id).map((row) => [row.state, row._count._all])) as Record<string, number>,
  }));
}

/** The delivery log of one endpoint, newest first, with each delivery's attempts. */
export async function listWebhookDeliveries(admin: Admin, endpointId: string, options: { take?: number } = {}) {
  const endpoint = await ownEndpoint(admin, endpointId);
  const deliveries = await db().webhookDelivery.findMany({
    where: { endpointId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.take ?? 50,
    select: { id: true, messageId: true, type: true, state: true, attempts: true, nextAttemptAt: true, lastStatus: true, lastError: true, lastAttemptAt: true, deliveredAt: true, createdAt: true, payload: true, log: { orderBy: { at: "desc" }, take: 12, select: { id: true, at: true, status: true, durationMs: true, error: true } } },
  });
  return { endpoint, deliveries };
}
