"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { createClient, updateClient } from "@/lib/clients/save-client";
import { refreshClientContracts } from "@/lib/contracts/refresh-client-contracts";
import { msg } from "@/lib/i18n/message";
import { actionError, type ActionResult } from "@/lib/errors";

export async function createClientAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  try {
    const client = await createClient(await requireUser(), input);
    revalidatePath("/clients");
    return { ok: true, data: client };
  } catch (error) {
    return actionError(error, { action: "createClient" });
  }
}

export async function updateClientAction(clientId: unknown, input: unknown): Promise<ActionResult<{ id: string }>> {
  try {
    const user = await requireUser();
    if (typeof clientId !== "string") return { ok: false, error: msg("common.errors.notFound") };
    const client = await updateClient(user, clientId, input);
    revalidatePath("/clients");
    revalidatePath(`/clients/${clientId}`);
    return { ok: true, data: client };
  } catch (error) {
    return actionError(error, { action: "updateClient" });
  }
}

export async function refreshClientContractsAction(clientId: unknown): Promise<ActionResult<{ updated: number; imported: number; providers: number }>> {
  try {
    const user = await requireUser();
    if (typeof clientId !== "string") return { ok: false, error: msg("common.errors.notFound") };
    const result = await refreshClientContracts(user, clientId);
    revalidatePath(`/clients/${clientId}`);
    return { ok: true, data: result };
  } catch (error) {
    return actionError(error, { action: "refreshClientContracts" });
  }
}
