"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/session";
import { msg } from "@/lib/i18n/message";
import { actionError, type ActionResult } from "@/lib/errors";
import { resolveReviewItem, type ReviewOutcome } from "@/lib/sync/resolve-review-item";
import { searchClientsForMatch } from "@/lib/sync/review-queue";

const isId = (value: unknown): value is string => typeof value === "string" && value.length > 0 && value.length < 100;

export async function resolveReviewItemAction(itemId: unknown, decision: unknown): Promise<ActionResult<ReviewOutcome>> {
  try {
    const admin = await requireUser({ admin: true });
    if (!isId(itemId)) return { ok: false, error: msg("common.errors.invalidRequest") };
    const outcome = await resolveReviewItem(admin, itemId, decision);
    revalidatePath("/admin/review");
    revalidatePath("/admin/sync");
    return { ok: true, data: outcome };
  } catch (error) {
    return actionError(error, { action: "resolveReviewItem" });
  }
}

export async function searchClientsAction(query: unknown): Promise<ActionResult<Array<{ id: string; name: string; birthDate: string | null; advisor: string }>>> {
  try {
    const admin = await requireUser({ admin: true });
    if (typeof query !== "string") return { ok: false, error: msg("common.errors.invalidRequest") };
    const clients = await searchClientsForMatch(admin, query);
    return {
      ok: true,
      data: clients.map((c) => ({ id: c.id, name: c.displayName, birthDate: c.birthDate ? c.birthDate.toISOString().slice(0, 10) : null, advisor: c.owner.name })),
    };
  } catch (error) {
    return actionError(error, { action: "searchClients" });
  }
}
