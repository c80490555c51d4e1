import { db } from "../db";
import type { SessionUser } from "../auth/session";

type Viewer = Pick<SessionUser, "id">;

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
  return { items, unread };
}

export async function markNotificationsRead(viewer: Viewer, ids?: string[]): Promise<number> {
  const { count } = await db().notification.updateMany({ where: { userId: viewer.id, readAt: null, ...(ids ? { id: { in: ids } } : {}) }, data: { readAt: new Date() } });
  return count;
}
