import { db } from "../db";
import type { SessionUser } from "../auth/session";
import type { AppLocale } from "../i18n/locales";
import { readStoredText } from "../i18n/stored-text";

type Viewer = Pick<SessionUser, "id"> & { locale?: AppLocale };

/** A notification's title and body in the reader's language (older plain-text rows as they are). */
export function notificationText<T extends { title: string; body: string | null }>(row: T, locale: AppLocale): T {
  return { ...row, title: readStoredText(row.title, locale), body: readStoredText(row.body, locale) };
}

/** The viewer's newest notifications, in their language (English when it is not known). */
export async function listNotifications(viewer: Viewer, limit = 15) {
  const [items, unread] = await Promise.all([
    db().notification.findMany({
      where: { userId: viewer.id },
      orderBy: { createdAt: "desc" },
      take: limit,
      select: { id: true, kind: true, title: true, body: true, contractId: true, readAt: true, createdAt: true },
    }),
    db().notification.count({ where: { userId: viewer.id, readAt: null } }),
  ]);
  return { items: items.map((item) => notificationText(item, viewer.locale ?? "en")), unread };
}

export async function markNotificationsRead(viewer: Viewer, ids?: string[]): Promise<number> {
  const { count } = await db().notification.updateMany({ where: { userId: viewer.id, readAt: null, ...(ids ? { id: { in: ids } } : {}) }, data: { readAt: new Date() } });
  return count;
}
