/**
 * Tells a firm's admins (in-app notification) when one of its enabled providers has not synced
 * successfully for SYNC_STALE_ALERT_MINUTES: the oldest "last success" over every record type
 * counts (a record type that never succeeded counts from when the provider was registered). At
 * most one alert per provider per period: each alert is an audit row, and a provider with one
 * younger than the period is left alone. Called from a periodic job (the lead wires it in).
 */
import { db } from "../db";
import { env } from "../env";
import { createNotification } from "../notifications/create-notification";
import { SYNC_ORDER } from "./sync-provider";
import { msg } from "../i18n/message";
import { parseStoredMessage } from "../i18n/stored-message";

export const STALE_ALERT_ACTION = "provider.sync-stale-alert";
export const STALE_ALERT_KIND = "sync.stale";

export async function alertStaleSyncs(options: { now?: Date; thresholdMinutes?: number } = {}): Promise<{ alerted: string[] }> {
  const now = options.now ?? new Date();
  const periodMs = (options.thresholdMinutes ?? env().SYNC_STALE_ALERT_MINUTES) * 60_000;
  const cutoff = new Date(now.getTime() - periodMs);
  const providers = await db().provider.findMany({
    where: { enabled: true, createdAt: { lt: cutoff } },
    select: { id: true, name: true, organizationId: true, createdAt: true, syncCursors: { select: { recordType: true, lastSuccessAt: true, lastError: true } } },
  });
  const alerted: string[] = [];
  for (const provider of providers) {
    const lastSuccess = SYNC_ORDER.map((type) => provider.syncCursors.find((c) => c.recordType === type)?.lastSuccessAt ?? provider.createdAt);
    const oldest = new Date(Math.min(...lastSuccess.map((d) => d.getTime())));
    if (oldest >= cutoff) continue;
    const admins = await db().user.findMany({ where: { organizationId: provider.organizationId, role: "ADMIN", disabled: false }, select: { id: true } });
    const error = provider.syncCursors.find((c) => c.lastError)?.lastError;
    const hours = Math.round((now.getTime() - oldest.getTime()) / 360_000) / 10;
    const sent = await db().$transaction(async (tx) => {
      // Two workers checking at once: the second waits here and then sees the first one's alert.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${STALE_ALERT_ACTION}), hashtext(${provider.id}))`;
      const recent = await tx.auditEvent.findFirst({ where: { action: STALE_ALERT_ACTION, entityType: "Provider", entityId: provider.id, at: { gt: cutoff } }, select: { id: true } });
      if (recent) return false;
      for (const admin of admins) {
        await createNotification(tx, {
          userId: admin.id,
          kind: STALE_ALERT_KIND,
          // Messages, read in each admin's language (the stored error may be one itself).
          title: msg("sync.staleAlert.title", { provider: provider.name, hours }),
          body: error ? msg("sync.staleAlert.failed", { error: parseStoredMessage(error) ?? error.slice(0, 300) }) : msg("sync.staleAlert.behind"),
        });
      }
      // Dated with the check's own clock, so the period is measured on one clock.
      await tx.auditEvent.create({
        data: { organizationId: provider.organizationId, action: STALE_ALERT_ACTION, entityType: "Provider", entityId: provider.id, at: now, data: { lastSuccessAt: oldest.toISOString(), notified: admins.length } },
      });
      return true;
    });
    if (sent) alerted.push(provider.id);
  }
  return { alerted };
}
