/**
 * The retention job: log tables do not grow forever. Provider request logs and processed
 * callback deliveries older than their periods, live events older than the replay window,
 * expired sessions and rate-limit rows, and the sample of refused callbacks beyond its bound.
 * Sent or abandoned emails of the mail queue go after MAIL_RETENTION_DAYS (mails still to be sent stay).
 * Audit rows are kept. Periods: REQUEST_LOG_RETENTION_DAYS, CALLBACK_RETENTION_DAYS,
 * MAIL_RETENTION_DAYS, LIVE_EVENT_RETENTION_MINUTES (.env.example).
 */
import { db } from "../db";
import { env } from "../env";
import { SAMPLE_KEEP, flushRejectedCount } from "../callbacks/rejected-callbacks";

export interface RetentionResult {
  providerRequests: number;
  callbackDeliveries: number;
  liveEvents: number;
  sessions: number;
  rateLimits: number;
  rejectedSamples: number;
  mails: number;
}

export async function runRetention(now = new Date()): Promise<RetentionResult> {
  const config = env();
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const [providerRequests, callbackDeliveries, liveEvents, sessions, rateLimits, rejectedSamples, mails] = await Promise.all([
    db().providerRequest.deleteMany({ where: { at: { lt: daysAgo(config.REQUEST_LOG_RETENTION_DAYS) } } }),
    // Deliveries still waiting or failing stay until they are dealt with (replay, or processed).
    db().callbackDelivery.deleteMany({ where: { receivedAt: { lt: daysAgo(config.CALLBACK_RETENTION_DAYS) }, processedAt: { not: null } } }),
    db().liveEvent.deleteMany({ where: { at: { lt: new Date(now.getTime() - config.LIVE_EVENT_RETENTION_MINUTES * 60_000) } } }),
    db().userSession.deleteMany({ where: { expiresAt: { lt: daysAgo(1) } } }),
    db().rateLimit.deleteMany({ where: { expire: { lt: BigInt(now.getTime() - 60_000) } } }),
    db().$executeRaw`DELETE FROM "RejectedCallback" WHERE "id" IN (SELECT "id" FROM "RejectedCallback" ORDER BY "receivedAt" DESC OFFSET ${SAMPLE_KEEP})`,
    db().queuedMail.deleteMany({ where: { state: { in: ["SENT", "FAILED"] }, createdAt: { lt: daysAgo(config.MAIL_RETENTION_DAYS) } } }),
  ]);
  await flushRejectedCount();
  return {
    providerRequests: providerRequests.count,
    callbackDeliveries: callbackDeliveries.count,
    liveEvents: liveEvents.count,
    sessions: sessions.count,
    rateLimits: rateLimits.count,
    rejectedSamples,
    mails: mails.count,
  };
}
