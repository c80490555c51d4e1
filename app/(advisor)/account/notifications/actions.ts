"use server";

import { requireUser } from "@/lib/auth/session";
import { actionError, type ActionResult } from "@/lib/errors";
import { saveNotificationSettings, type NotificationSettings } from "@/lib/notifications/preferences";

export async function saveNotificationSettingsAction(settings: unknown): Promise<ActionResult<NotificationSettings>> {
  try {
    return { ok: true, data: await saveNotificationSettings(await requireUser(), settings) };
  } catch (error) {
    return actionError(error, { action: "saveNotificationSettings" });
  }
}
