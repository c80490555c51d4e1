/**
 * The server-side session check every page, server action and route handler goes through.
 * The JWT alone is not enough: the user must still exist, be enabled, and hold the session
 * version the token was issued with (bumped by "sign out everywhere" and by disabling).
 */
import { cache } from "react";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { db } from "../db";
import { AppError } from "../errors";
import { authOptions } from "./options";
import { setContextUser } from "../log/context";
import { activeSessionExpiry } from "./user-session";
import { appLocaleOr, type AppLocale } from "../i18n/locales";
import { managesFirm, type Role } from "./roles";

export interface SessionUser {
  id: string;
  organizationId: string;
  organizationName: string;
  role: Role;
  name: string;
  email: string;
  /** The language the user reads: their own choice, else the firm's default. */
  locale: AppLocale;
  /** The session version the token carries, and when the session expires (for long-lived streams). */
  sessionVersion: number;
  /** The server-side session (revoked on sign-out) and its absolute expiry. */
  sessionId: string;
  sessionExpires: string;
}

export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  await connection(); // per request, never at build time
  const session = await getServerSession(authOptions());
  if (!session?.user?.id) return null;
  const [user, expiresAt] = await Promise.all([
    db().user.findUnique({
      where: { id: session.user.id },
      select: { id: true, organizationId: true, role: true, name: true, email: true, locale: true, disabled: true, sessionVersion: true, organization: { select: { name: true, defaultLocale: true } } },
    }),
    activeSessionExpiry(session.user.sessionId, session.user.id),
  ]);
  if (!user || !expiresAt || user.disabled || user.sessionVersion !== session.user.sessionVersion || user.organizationId !== session.user.organizationId) return null;
  setContextUser(user.id, user.organizationId);
  return {
    id: user.id,
    organizationId: user.organizationId,
    organizationName: user.organization.name,
    role: user.role,
    name: user.name,
    email: user.email,
    locale: appLocaleOr(user.locale ?? user.organization.defaultLocale),
    sessionVersion: user.sessionVersion,
    sessionId: session.user.sessionId,
    sessionExpires: expiresAt.toISOString(),
  };
});

/** For server actions and route handlers: throws an expected 401/403 error. */
export async function requireUser(options: { admin?: boolean } = {}): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "common.errors.sessionEnded");
  if (options.admin && !managesFirm(user.role)) throw new AppError("FORBIDDEN", "common.errors.adminOnly");
  return user;
}

/** For pages: sends a signed-out visitor to the sign-in page, a non-admin away from admin pages. */
export async function requirePageUser(options: { admin?: boolean; next?: string } = {}): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/login${options.next ? `?next=${encodeURIComponent(options.next)}` : ""}`);
  if (options.admin && !managesFirm(user.role)) redirect("/");
  return user;
}

/** For long-lived connections (live events): is this session still good, without a new request? */
export async function sessionStillValid(user: Pick<SessionUser, "id" | "sessionVersion" | "sessionExpires" | "sessionId">): Promise<boolean> {
  if (Date.parse(user.sessionExpires) <= Date.now()) return false;
  const [row, expiresAt] = await Promise.all([db().user.findUnique({ where: { id: user.id }, select: { disabled: true, sessionVersion: true } }), activeSessionExpiry(user.sessionId, user.id)]);
  return Boolean(row && expiresAt && !row.disabled && row.sessionVersion === user.sessionVersion);
}
