/**
 * The events a user can choose to hear about (issue 14, item 7), how each reaches them (in the
 * bell, by email) unless they chose otherwise, and which notification row belongs to which event.
 * Notifications of other kinds (a stale sync, a failed automatic order) always reach the bell.
 */
import { parseStoredMessage } from "../i18n/stored-message";
import { isMsg } from "../i18n/message";

export const NOTIFICATION_EVENTS = ["data-requested", "proposal-available", "approval-decided", "active", "provider-declined", "terminated"] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

export interface Channels {
  inApp: boolean;
  email: boolean;
}

/** In the bell always; by email what the advisor must act on or would want to know at once. */
export const DEFAULT_CHANNELS: Readonly<Record<NotificationEvent, Channels>> = {
  "data-requested": { inApp: true, email: false },
  "proposal-available": { inApp: true, email: false },
  "approval-decided": { inApp: true, email: true },
  active: { inApp: true, email: true },
  "provider-declined": { inApp: true, email: false },
  terminated: { inApp: true, email: false },
};

/** The status code each status event is about (lib/contracts/status.ts). */
export const EVENT_STATUS: Readonly<Partial<Record<NotificationEvent, number>>> = {
  "data-requested": 110,
  "proposal-available": 130,
  active: 320,
  "provider-declined": 420,
  terminated: 410,
};

const STATUS_EVENT = new Map(Object.entries(EVENT_STATUS).map(([event, code]) => [code, event as NotificationEvent]));

export function isNotificationEvent(value: unknown): value is NotificationEvent {
  return typeof value === "string" && (NOTIFICATION_EVENTS as readonly string[]).includes(value);
}

export function eventOfStatus(code: number): NotificationEvent | null {
  return STATUS_EVENT.get(code) ?? null;
}

/**
 * The status code a status notification announces. The engine stores its title as a message whose
 * `status` value is the status name ("status.names.130"), so the code is read from there.
 */
export function statusOfTitle(title: string): number | null {
  const stored = parseStoredMessage(title);
  const status = stored?.values?.status;
  if (!isMsg(status)) return null;
  const match = /^status\.names\.(\d+)$/.exec(status.key);
  return match ? Number(match[1]) : null;
}

/** Which event a notification row announces, or null when it is not one the user chooses about. */
export function eventOfNotification(row: { kind: string; title: string }): NotificationEvent | null {
  if (row.kind === "approval.approved" || row.kind === "approval.declined") return "approval-decided";
  if (row.kind === "contract.status") {
    const code = statusOfTitle(row.title);
    return code === null ? null : eventOfStatus(code);
  }
  return null;
}

/** The stored title's marker of a status event, for filtering rows in SQL (`title LIKE`). */
export function titleMarkerOf(event: NotificationEvent): string | null {
  const code = EVENT_STATUS[event];
  return code === undefined ? null : `"status.names.${code}"`;
}
