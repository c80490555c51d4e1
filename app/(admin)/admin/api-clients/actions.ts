"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { actionError, type ActionResult } from "@/lib/errors";
import { createApiClient, revokeApiClient, rotateApiClientSecret, type CreatedApiClient } from "@/lib/api/api-clients";

const id = (value: unknown) => (typeof value === "string" && value.length > 0 && value.length < 100 ? value : "");

export async function createApiClientAction(input: unknown): Promise<ActionResult<CreatedApiClient>> {
  try {
    const created = await createApiClient(await requireUser({ admin: true }), input);
    revalidatePath("/admin/api-clients");
    return { ok: true, data: created };
  } catch (error) {
    return actionError(error, { action: "createApiClient" });
  }
}

export async function rotateApiClientSecretAction(apiClientId: unknown): Promise<ActionResult<CreatedApiClient>> {
  try {
    const rotated = await rotateApiClientSecret(await requireUser({ admin: true }), id(apiClientId));
    revalidatePath("/admin/api-clients");
    return { ok: true, data: rotated };
  } catch (error) {
    return actionError(error, { action: "rotateApiClientSecret" });
  }
}

export async function revokeApiClientAction(apiClientId: unknown): Promise<ActionResult> {
  try {
    await revokeApiClient(await requireUser({ admin: true }), id(apiClientId));
    revalidatePath("/admin/api-clients");
    return { ok: true, data: undefined };
  } catch (error) {
    return actionError(error, { action: "revokeApiClient" });
  }
}
