import { db } from "../db";
import { AppError, logUnexpected, notFound } from "../errors";
import { msg } from "../i18n/message";
import { recordAudit } from "../audit";
import { assertAdmin, type Admin } from "./guard";
import { boss } from "../jobs/boss";
import { enqueueProviderSync } from "../jobs/engine-jobs";

/**
 * A disabled provider is refused by providerClientFor: no proposals, syncs or refreshes go to it.
 * Enabling needs a passing connection test first, so nothing hits a provider that lacks our key.
 * A provider that becomes enabled is synced at once (a job, every record type), not at the next
 * periodic slot: its contracts and the sync health page fill in while the admin watches.
 */
export async function setProviderEnabled(admin: Admin, providerId: string, enabled: boolean): Promise<void> {
  assertAdmin(admin);
  const wasEnabled = await db().$transaction(async (tx) => {
    const provider = await tx.provider.findFirst({ where: { id: providerId, organizationId: admin.organizationId }, select: { name: true, lastCheckOk: true, enabled: true } });
    if (!provider) throw notFound("providers.errors.notFound");
    if (enabled && provider.lastCheckOk !== true) {
      throw new AppError("CONFLICT", msg("providers.errors.enableBeforeTest", { name: provider.name }));
    }
    // Compare-and-set on the test result: a test failing meanwhile (or a changed base URL) wins.
    const { count } = await tx.provider.updateMany({ where: { id: providerId, organizationId: admin.organizationId, ...(enabled ? { lastCheckOk: true } : {}) }, data: { enabled } });
    if (count === 0) throw new AppError("CONFLICT", msg("providers.errors.enableBeforeTest", { name: provider.name }));
    await recordAudit({ organizationId: admin.organizationId, actorId: admin.id, action: enabled ? "provider.enable" : "provider.disable", entityType: "Provider", entityId: providerId }, tx);
    return provider.enabled;
  });
  if (enabled && !wasEnabled) {
    // The provider is enabled whatever happens here: the periodic sync would pick it up anyway.
    await boss()
      .then((instance) => enqueueProviderSync(instance, providerId))
      .catch((error: unknown) => logUnexpected(error, { where: "first sync of an enabled provider", providerId }));
  }
}
