/**
 * The firm's settings for tasks and reminders: when a task is due, whether and when the customer
 * is reminded before their approval link expires, and whether advisors hear about overdue tasks.
 * One row per firm; until an admin saves, the defaults below hold.
 */
import { z } from "zod";
import { db } from "../db";
import { AppError } from "../errors";
import { recordAudit } from "../audit";
import { managesFirm } from "../auth/roles";
import type { SessionUser } from "../auth/session";
import { fieldErrorsOf } from "../clients/schema";

export interface OfficeSettings {
  taskDueDays: number;
  customerReminderEnabled: boolean;
  customerReminderHours: number;
  advisorOverdueReminderEnabled: boolean;
}

export const OFFICE_DEFAULTS: OfficeSettings = { taskDueDays: 2, customerReminderEnabled: true, customerReminderHours: 24, advisorOverdueReminderEnabled: true };

const checkbox = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());
const whole = (min: number, max: number, key: string) => z.coerce.number(key).int(key).min(min, key).max(max, key);

export const officeSettingsSchema = z.object({
  taskDueDays: whole(0, 60, "office.settings.errors.dueDays"),
  customerReminderEnabled: checkbox,
  customerReminderHours: whole(1, 720, "office.settings.errors.reminderHours"),
  advisorOverdueReminderEnabled: checkbox,
});

const SELECT = { taskDueDays: true, customerReminderEnabled: true, customerReminderHours: true, advisorOverdueReminderEnabled: true } as const;

export async function getOfficeSettings(organizationId: string): Promise<OfficeSettings> {
  return (await db().officeSettings.findUnique({ where: { organizationId }, select: SELECT })) ?? OFFICE_DEFAULTS;
}

/** Saves the firm's settings (admins only); audited with the values before and after. */
export async function saveOfficeSettings(admin: Pick<SessionUser, "id" | "organizationId" | "role">, input: unknown): Promise<OfficeSettings> {
  if (!managesFirm(admin.role)) throw new AppError("FORBIDDEN", "common.errors.adminOnly");
  const parsed = officeSettingsSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "common.errors.fieldsNeedAttention", { fieldErrors: fieldErrorsOf(parsed.error) });
  return db().$transaction(async (tx) => {
    const before = (await tx.officeSettings.findUnique({ where: { organizationId: admin.organizationId }, select: SELECT })) ?? OFFICE_DEFAULTS;
    const saved = await tx.officeSettings.upsert({
      where: { organizationId: admin.organizationId },
      create: { organizationId: admin.organizationId, ...parsed.data, updatedById: admin.id },
      update: { ...parsed.data, updatedById: admin.id },
      select: SELECT,
    });
    await recordAudit({ organizationId: admin.organizationId, actorId: admin.id, action: "office.settings", entityType: "Organization", entityId: admin.organizationId, data: { before: { ...before }, after: { ...saved } } }, tx);
    return saved;
  });
}
