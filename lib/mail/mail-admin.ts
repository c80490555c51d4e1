/**
 * The firm's admins see the emails that did not go out (the integration page): those given up
 * after MAX_MAIL_ATTEMPTS (FAILED) and those still being retried, with the last error, and can
 * send one again (after fixing SMTP or an address). Only their own organization's mails.
 */
import { db } from "../db";
import { notFound } from "../errors";
import { recordAudit } from "../audit";
import { assertManagesFirm } from "../auth/guard";
import type { SessionUser } from "../auth/session";
import { wakeMailer } from "./mail-queue";

type Admin = Pick<SessionUser, "id" | "organizationId" | "role">;

const assertAdmin = (user: Admin) => assertManagesFirm(user, "admin.integration.errors.adminOnly");

export async function listUndeliveredMail(admin: Admin, take = 50) {
  assertAdmin(admin);
  const where = { organizationId: admin.organizationId, OR: [{ state: "FAILED" as const }, { state: "PENDING" as const, attempts: { gt: 0 } }] };
  const [items, total] = await Promise.all([
    db().queuedMail.findMany({ where, orderBy: { createdAt: "desc" }, take, select: { id: true, kind: true, to: true, subject: true, state: true, attempts: true, lastError: true, createdAt: true, sendAfter: true } }),
    db().queuedMail.count({ where }),
  ]);
  return { items, total };
}

/** Sends a mail that failed or is waiting for its next attempt again at once, from the first attempt. */
export async function retryMail(admin: Admin, mailId: string): Promise<void> {
  assertAdmin(admin);
  const { count } = await db().queuedMail.updateMany({
    where: { id: mailId, organizationId: admin.organizationId, state: { in: ["FAILED", "PENDING"] } },
    data: { state: "PENDING", attempts: 0, sendAfter: new Date(), lastError: null },
  });
  if (count === 0) throw notFound("admin.integration.errors.mailNotFound");
  await recordAudit({ organizationId: admin.organizationId, actorId: admin.id, action: "mail.retry", entityType: "QueuedMail", entityId: mailId });
  await wakeMailer();
}
