import { db } from "../db";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit";
import { fieldErrorsOf } from "../clients/schema";
import { assertAdmin, type Admin } from "./guard";
import { providerSettingsSchema } from "./schema";

/**
 * Saves what cannot be learned from a provider: the timeout, requests per second, an id chunk size
 * that overrides the learned one, and whether unsigned callbacks are accepted. Audited.
 */
export async function updateProviderSettings(admin: Admin, providerId: string, input: unknown): Promise<void> {
  assertAdmin(admin);
  const parsed = providerSettingsSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "providers.errors.settingsNeedAttention", { fieldErrors: fieldErrorsOf(parsed.error) });
  const settings = {
    timeoutMs: parsed.data.timeoutSeconds * 1000,
    requestsPerSecond: parsed.data.requestsPerSecond ?? null,
    idChunkSizeOverride: parsed.data.idChunkSizeOverride ?? null,
    acceptUnsignedCallbacks: parsed.data.acceptUnsignedCallbacks,
  };
  await db().$transaction(async (tx) => {
    const { count } = await tx.provider.updateMany({ where: { id: providerId, organizationId: admin.organizationId }, data: settings });
    if (count === 0) throw notFound("providers.errors.notFound");
    await recordAudit({ organizationId: admin.organizationId, actorId: admin.id, action: "provider.settings", entityType: "Provider", entityId: providerId, data: settings }, tx);
  });
}
