/** The admin's view of provider callbacks: the review list, and replaying a delivery. */
import { db } from "../db";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit";
import { assertManagesFirm } from "../auth/guard";
import type { SessionUser } from "../auth/session";
import { enqueueCallbackProcessing } from "../jobs/start-workers";
import { rejectedCallbackSummary } from "./rejected-callbacks";

type Admin = Pick<SessionUser, "id" | "organizationId" | "role">;

export type DeliveryFilter = "attention" | "all";

const assertAdmin = (user: Admin) => assertManagesFirm(user, "admin.integration.errors.adminOnly");

/**
 * Deliveries of this organization's providers only, newest first ("attention": the failing ones, and those whose record could not be taken in).
 * Callbacks whose token matched no contract are not stored (they belong to no organization):
 * `rejected` has their total and a bounded sample (time, reason, size, user agent only).
 */
export async function listCallbackDeliveries(admin: Admin, filter: DeliveryFilter = "attention", take = 100) {
  assertAdmin(admin);
  const ours = { provider: { organizationId: admin.organizationId } };
  const where = filter === "attention" ? { ...ours, outcome: { in: ["failing", "not-applied"] } } : ours;
  const [items, counts] = await Promise.all([
    db().callbackDelivery.findMany({
      where,
      orderBy: { receivedAt: "desc" },
      take,
      select: { id: true, webhookId: true, body: true, verified: true, receivedAt: true, processedAt: true, outcome: true, attempts: true, lastError: true, provider: { select: { name: true } }, contract: { select: { id: true, client: { select: { displayName: true } } } } },
    }),
    db().callbackDelivery.groupBy({ by: ["outcome"], where: ours, _count: true }),
  ]);
  return {
    items,
    counts: Object.fromEntries(counts.map((row) => [row.outcome ?? "pending", row._count])) as Record<string, number>,
    rejected: await rejectedCallbackSummary(),
  };
}

export async function replayCallbackDelivery(admin: Admin, deliveryId: string): Promise<void> {
  assertAdmin(admin);
  const delivery = await db().callbackDelivery.findFirst({ where: { id: deliveryId, provider: { organizationId: admin.organizationId } }, select: { id: true, contractId: true } });
  if (!delivery) throw notFound("admin.integration.errors.notFound");
  if (!delivery.contractId) throw new AppError("CONFLICT", "admin.integration.errors.noContract");
  await db().callbackDelivery.update({ where: { id: delivery.id }, data: { outcome: null, processedAt: null, lastError: null } });
  await recordAudit({ organizationId: admin.organizationId, actorId: admin.id, action: "callback.replay", entityType: "CallbackDelivery", entityId: delivery.id });
  await enqueueCallbackProcessing(delivery.id);
}
