"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { msg } from "@/lib/i18n/message";
import { actionError, type ActionResult } from "@/lib/errors";
import { registerProvider, type RegisteredProvider } from "@/lib/providers/register-provider";
import { updateProviderSettings } from "@/lib/providers/update-provider-settings";
import { rotateWebhookSecret } from "@/lib/providers/rotate-webhook-secret";
import { updateProvider } from "@/lib/providers/update-provider";
import { setProviderEnabled } from "@/lib/providers/set-provider-enabled";
import { rotateProviderKey } from "@/lib/providers/rotate-provider-key";
import { testProviderConnection, type ConnectionResult } from "@/lib/providers/test-provider-connection";
import { refreshProducts, type RefreshProductsResult } from "@/lib/products/refresh-products";
import { toAppError } from "@/lib/providers/map-provider-error";

const isId = (value: unknown): value is string => typeof value === "string" && value.length > 0 && value.length < 100;
const invalid = { ok: false as const, error: msg("common.errors.invalidRequest") };

function refresh(providerId?: string) {
  revalidatePath("/admin/providers");
  if (providerId) revalidatePath(`/admin/providers/${providerId}`);
}

/** The generated webhook secret comes back once, for the admin to give to the provider. */
export async function registerProviderAction(input: unknown): Promise<ActionResult<RegisteredProvider>> {
  try {
    const admin = await requireUser({ admin: true });
    const provider = await registerProvider(admin.organizationId, input, { actor: admin });
    refresh();
    return { ok: true, data: provider };
  } catch (error) {
    return actionError(error, { action: "registerProvider" });
  }
}

export async function updateProviderAction(providerId: unknown, input: unknown): Promise<ActionResult<{ id: string }>> {
  try {
    const admin = await requireUser({ admin: true });
    if (!isId(providerId)) return invalid;
    const provider = await updateProvider(admin, providerId, input);
    refresh(providerId);
    return { ok: true, data: provider };
  } catch (error) {
    return actionError(error, { action: "updateProvider" });
  }
}

export async function updateProviderSettingsAction(providerId: unknown, input: unknown): Promise<ActionResult> {
  try {
    const admin = await requireUser({ admin: true });
    if (!isId(providerId)) return invalid;
    await updateProviderSettings(admin, providerId, input);
    refresh(providerId);
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error, { action: "updateProviderSettings" });
  }
}

/** The new secret comes back once, for the admin to give to the provider. */
export async function rotateWebhookSecretAction(providerId: unknown): Promise<ActionResult<{ webhookSecret: string }>> {
  try {
    const admin = await requireUser({ admin: true });
    if (!isId(providerId)) return invalid;
    const result = await rotateWebhookSecret(admin, providerId);
    refresh(providerId);
    return { ok: true, data: result };
  } catch (error) {
    return actionError(error, { action: "rotateWebhookSecret" });
  }
}

export async function setProviderEnabledAction(providerId: unknown, enabled: unknown): Promise<ActionResult> {
  try {
    const admin = await requireUser({ admin: true });
    if (!isId(providerId) || typeof enabled !== "boolean") return invalid;
    await setProviderEnabled(admin, providerId, enabled);
    refresh(providerId);
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error, { action: "setProviderEnabled" });
  }
}

export async function rotateProviderKeyAction(providerId: unknown): Promise<ActionResult> {
  try {
    const admin = await requireUser({ admin: true });
    if (!isId(providerId)) return invalid;
    await rotateProviderKey(admin, providerId);
    refresh(providerId);
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error, { action: "rotateProviderKey" });
  }
}

export async function testProviderConnectionAction(providerId: unknown): Promise<ActionResult<ConnectionResult>> {
  try {
    const admin = await requireUser({ admin: true });
    if (!isId(providerId)) return invalid;
    const result = await testProviderConnection(admin, providerId);
    refresh(providerId);
    return { ok: true, data: result };
  } catch (error) {
    return actionError(error, { action: "testProviderConnection" });
  }
}

export async function refreshProductsAction(providerId: unknown): Promise<ActionResult<RefreshProductsResult>> {
  try {
    const admin = await requireUser({ admin: true });
    if (!isId(providerId)) return invalid;
    const result = await refreshProducts(providerId, admin.organizationId);
    refresh(providerId);
    return { ok: true, data: result };
  } catch (error) {
    return actionError(toAppError(error), { action: "refreshProducts" });
  }
}
