import type { Tx } from "../db";
import type { Msg } from "../i18n/message";
import { publishEvent } from "../events/publish";
import { storeMessage, type StoredMessage } from "../i18n/stored-message";
import { eventOfNotification } from "./events";

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

/**
 * An in-app notification (the bell), announced live to the user's open screens on commit. One about
 * an event the user chooses how to hear of (events.ts) is left undispatched: the dispatcher
 * (dispatch.ts) then emails it and/or keeps it in the bell as the user's settings say.
 */
export async function createNotification(tx: Tx, input: NewNotification): Promise<{ id: string }> {
  const title = storeMessage(input.title);
  const chosenByUser = eventOfNotification({ kind: input.kind, title }) !== null;
  const notification = await tx.notification.create({
    data: { userId: input.userId, contractId: input.contractId ?? null, kind: input.kind, title, body: storeMessage(input.body ?? null), dispatchedAt: chosenByUser ? null : new Date() },
    select: { id: true, user: { select: { organizationId: true } } },
  });
  await publishEvent(tx, { type: "notification.created", organizationId: notification.user.organizationId, userId: input.userId, notificationId: notification.id });
  return { id: notification.id };
}
