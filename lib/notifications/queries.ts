import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { SessionUser } from "../auth/session";
import type { AppLocale } from "../i18n/locales";
import { readStoredText } from "../i18n/stored-text";
import { NOTIFICATION_EVENTS, titleMarkerOf } from "./events";
import { notificationSettings } from "./preferences";

type Viewer = Pick<SessionUser, "id"> & { locale?: AppLocale };

/** A notification's title and body in the reader's language (older plain-text rows as they are). */
export function notificationText<T extends { title: string; body: string | null }>(row: T, locale: AppLocale): T {
  return { ...row, title: readStoredText(row.title, locale), body: readStoredText(row.body, locale) };
}

/**
 * The viewer's notifications, less those the dispatcher has not yet applied their settings to
 * and that announce an event they turned off in the bell (the dispatcher removes those shortly).
 */
async function visibleTo(viewer: Pick<Viewer, "id">): Promise<Prisma.NotificationWhereInput> {
  const settings = await notificationSettings(viewer);
  const hidden: Prisma.NotificationWhereInput[] = [];
  for (const event of NOTIFICATION_EVENTS) {
    if (settings[event].inApp) continue;
    if (event === "approval-decided") hidden.push({ dispatchedAt: null, kind: { in: ["approval.approved", "approval.declined"] } });
    else hidden.push({ dispatchedAt: null, kind: "contract.status", title: { contains: titleMarkerOf(event)! } });
  }
  return hidden.length ? { userId: viewer.id, NOT: { OR: hidden } } : { userId: viewer.id };
}

/** The viewer's newest notifications, in their language (English when it is not known). */
export async function listNotifications(viewer: Viewer, limit = 15) {
  const where = await visibleTo(viewer);
  const [items, unread] = await Promise.all([
    db().notification.findMany({
      where,
      orderBy: { createdAt: "desc" },
      take: limit,
      select: { id: true, kind: true, title: true, body: true, contractId: true, readAt: true, createdAt: true },
    }),
    db().notification.count({ where: { ...where, readAt: null } }),
  ]);
  return { items: items.map((item) => notificationText(item, viewer.locale ?? "en")), unread };
}

export async function markNotificationsRead(viewer: Viewer, ids?: string[]): Promise<number> {
  const { count } = await db().notification.updateMany({ where: { userId: viewer.id, readAt: null, ...(ids ? { id: { in: ids } } : {}) }, data: { readAt: new Date() } });
  return count;
}
