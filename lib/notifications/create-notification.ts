import type { Tx } from "../db";
import type { Msg } from "../i18n/message";
import { publishEvent } from "../events/publish";
import { storeMessage, type StoredMessage } from "../i18n/stored-message";

/**
 * A notification's title and body are messages (catalogue key and values, put into the reader's
 * language when the bell reads them); a plain string is still accepted and shown as it is.
 */
export interface NewNotification {
  userId: string;
  contractId?: string | null;
  kind: string;
  title: StoredMessage | Msg | string;
  body?: StoredMessage | Msg | string | null;
}

/** An in-app notification (the bell), announced live to the user's open screens on commit. */
export async function createNotification(tx: Tx, input: NewNotification): Promise<{ id: string }> {
  const notification = await tx.notification.create({
    data: { userId: input.userId, contractId: input.contractId ?? null, kind: input.kind, title: storeMessage(input.title), body: storeMessage(input.body ?? null) },
    select: { id: true, user: { select: { organizationId: true } } },
  });
  await publishEvent(tx, { type: "notification.created", organizationId: notification.user.organizationId, userId: input.userId, notificationId: notification.id });
  return { id: notification.id };
}
