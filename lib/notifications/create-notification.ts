import type { Tx } from "../db";
import { publishEvent } from "../events/publish";

export interface NewNotification {
  userId: string;
  contractId?: string | null;
  kind: string;
  title: string;
  body?: string | null;
}

/** An in-app notification (the bell), announced live to the user's open screens on commit. */
export async function createNotification(tx: Tx, input: NewNotification): Promise<{ id: string }> {
  const notification = await tx.notification.create({
    data: { userId: input.userId, contractId: input.contractId ?? null, kind: input.kind, title: input.title, body: input.body ?? null },
    select: { id: true, user: { select: { organizationId: true } } },
  });
  await publishEvent(tx, { type: "notification.created", organizationId: notification.user.organizationId, userId: input.userId, notificationId: notification.id });
  return { id: notification.id };
}
