/**
 * "Sync now" on the health page: one provider, every record type in sync order, started in the
 * background of this process so the admin's request answers at once; the page follows the
 * SyncRun rows for progress. The runs are resumable, so a process that stops halfway loses
 * nothing: the next sync (periodic or another "Sync now") resumes at the run's position.
 */
import { db } from "../db";
import { AppError, logUnexpected, notFound } from "../errors";
import { recordAudit } from "../audit";
import type { SessionUser } from "../auth/session";
import { syncProvider } from "./sync-provider";

type Admin = Pick<SessionUser, "id" | "organizationId" | "role">;

const running = new Map<string, Promise<unknown>>();

/** `since`: the server's clock when asked; every run of this sync starts at or after it (the page waits for those). */
export async function startProviderSync(admin: Admin, providerId: string): Promise<{ started: boolean; since: string }> {
  const since = new Date().toISOString();
  if (admin.role !== "ADMIN") throw new AppError("FORBIDDEN", "sync.errors.syncAdminOnly");
  const provider = await db().provider.findFirst({ where: { id: providerId, organizationId: admin.organizationId }, select: { id: true, enabled: true, organizationId: true } });
  if (!provider) throw notFound("providers.errors.notFound");
  if (!provider.enabled) throw new AppError("CONFLICT", "sync.errors.providerDisabled");
  if (running.has(provider.id)) return { started: false, since };
  await recordAudit({ organizationId: admin.organizationId, actorId: admin.id, action: "provider.sync-now", entityType: "Provider", entityId: provider.id });
  const job = syncProvider(provider.id, provider.organizationId)
    .catch((error: unknown) => logUnexpected(error, { where: "sync-now", providerId: provider.id }))
    .finally(() => running.delete(provider.id));
  running.set(provider.id, job);
  return { started: true, since };
}

/** For tests and shutdown: the sync this process started for a provider, if any. */
export function syncInProgress(providerId: string): Promise<unknown> | undefined {
  return running.get(providerId);
}
