"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { actionError, type ActionResult } from "@/lib/errors";
import { createWebhookEndpoint, deleteWebhookEndpoint, replayWebhookDelivery, rotateWebhookSecret, sendTestWebhook, setWebhookEndpointEnabled } from "@/lib/webhooks/endpoints";

const id = (value: unknown) => (typeof value === "string" && value.length > 0 && value.length < 100 ? value : "");

async function run<T>(name: string, fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    const data = await fn();
    revalidatePath("/admin/webhooks", "layout");
    return { ok: true, data };
  } catch (error) {
    return actionError(error, { action: name });
  }
}

export async function createWebhookAction(input: unknown): Promise<ActionResult<{ id: string; secret: string }>> {
  return run("createWebhookEndpoint", async () => createWebhookEndpoint(await requireUser({ admin: true }), input));
}

export async function rotateWebhookSecretAction(endpointId: unknown): Promise<ActionResult<{ secret: string; previousValidUntil: string }>> {
  return run("rotateWebhookSecret", async () => {
    const rotated = await rotateWebhookSecret(await requireUser({ admin: true }), id(endpointId));
    return { secret: rotated.secret, previousValidUntil: rotated.previousValidUntil.toISOString() };
  });
}

export async function setWebhookEnabledAction(endpointId: unknown, enabled: unknown): Promise<ActionResult> {
  return run("setWebhookEndpointEnabled", async () => {
    await setWebhookEndpointEnabled(await requireUser({ admin: true }), id(endpointId), enabled === true);
    return undefined;
  });
}

export async function deleteWebhookAction(endpointId: unknown): Promise<ActionResult> {
  return run("deleteWebhookEndpoint", async () => {
    await deleteWebhookEndpoint(await requireUser({ admin: true }), id(endpointId));
    return undefined;
  });
}

export async function sendTestWebhookAction(endpointId: unknown): Promise<ActionResult<{ messageId: string }>> {
  return run("sendTestWebhook", async () => sendTestWebhook(await requireUser({ admin: true }), id(endpointId)));
}

export async function replayWebhookDeliveryAction(deliveryId: unknown): Promise<ActionResult> {
  return run("replayWebhookDelivery", async () => {
    await replayWebhookDelivery(await requireUser({ admin: true }), id(deliveryId));
    return undefined;
  });
}
