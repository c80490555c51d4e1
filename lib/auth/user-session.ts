/**
 * Server-side sessions behind the JWT cookie. Signing in creates a row with an absolute expiry
 * (SESSION_MAX_AGE_HOURS, at most 12 h, never extended by reads); signing out revokes it, so a
 * copied cookie stops working at once; every session check reads it.
 */
import { db } from "../db";
import { env } from "../env";

export async function createUserSession(userId: string, ip: string | null): Promise<{ id: string; expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + env().SESSION_MAX_AGE_HOURS * 3_600_000);
  return db().userSession.create({ data: { userId, expiresAt, ip }, select: { id: true, expiresAt: true } });
}

export async function revokeUserSession(sessionId: string): Promise<void> {
  await db().userSession.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: new Date() } });
}

/** The session's absolute expiry when it is still good for this user; otherwise null. */
export async function activeSessionExpiry(sessionId: string | undefined, userId: string): Promise<Date | null> {
  if (!sessionId) return null;
  const row = await db().userSession.findUnique({ where: { id: sessionId }, select: { userId: true, expiresAt: true, revokedAt: true } });
  if (!row || row.userId !== userId || row.revokedAt || row.expiresAt <= new Date()) return null;
  return row.expiresAt;
}
