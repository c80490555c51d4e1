/** Each user's choice, per event, of the bell and/or email (issue 14, item 7). */
import { z } from "zod";
import { db, type Tx } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { AppError } from "../errors";
import { recordAudit } from "../audit";
import { DEFAULT_CHANNELS, NOTIFICATION_EVENTS, isNotificationEvent, type Channels, type NotificationEvent } from "./events";

export type NotificationSettings = Record<NotificationEvent, Channels>;

/** The settings of several users (defaults where they chose nothing), in one query. */
export async function settingsOfUsers(client: Tx | ReturnType<typeof db>, userIds: readonly string[]): Promise<Map<string, NotificationSettings>> {
  const unique = [...new Set(userIds)];
  const rows = unique.length ? await client.notificationPreference.findMany({ where: { userId: { in: unique } }, select: { userId: true, event: true, inApp: true, email: true } }) : [];
  const result = new Map(unique.map((id) => [id, { ...DEFAULT_CHANNELS } as NotificationSettings]));
  for (const row of rows) {
    if (isNotificationEvent(row.event)) result.get(row.userId)![row.event] = { inApp: row.inApp, email: row.email };
  }
  return result;
}

export async function notificationSettings(user: { id: string }): Promise<NotificationSettings> {
  return (await settingsOfUsers(db(), [user.id])).get(user.id)!;
}

const settingsSchema = z.object(Object.fromEntries(NOTIFICATION_EVENTS.map((event) => [event, z.object({ inApp: z.boolean(), email: z.boolean() })])) as Record<NotificationEvent, z.ZodObject<{ inApp: z.ZodBoolean; email: z.ZodBoolean }>>);

/** Saves every event's choice at once (what the settings table submits). */
export async function saveNotificationSettings(user: { id: string; organizationId: string }, input: unknown): Promise<NotificationSettings> {
  const parsed = settingsSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "notifications.errors.invalid");
  const settings = parsed.data as NotificationSettings;
  await db().$transaction(async (tx) => {
    for (const event of NOTIFICATION_EVENTS) {
      const { inApp, email } = settings[event];
      await tx.notificationPreference.upsert({ where: { userId_event: { userId: user.id, event } }, create: { userId: user.id, event, inApp, email }, update: { inApp, email } });
    }
    await recordAudit({ organizationId: user.organizationId, actorId: user.id, action: "user.notification-settings", entityType: "User", entityId: user.id, data: settings as unknown as Prisma.InputJsonValue }, tx);
  });
  return settings;
}

