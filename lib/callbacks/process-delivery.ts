/**
 * The job behind every stored callback: re-read the contract from the provider with the same
 * refreshContract the poll and the Refresh button use. Duplicates and stale callbacks change
 * nothing (refreshContract applies only newer provider data). Failures are kept on the
 * delivery for admins to see and replay; pg-boss retries with backoff meanwhile.
 */
import { db } from "../db";
import { refreshContract } from "../sync/refresh-contract";
import { storeMessages } from "../i18n/stored-message";
import { AppError } from "../errors";

export async function processCallbackDelivery(deliveryId: string): Promise<string> {
  const delivery = await db().callbackDelivery.findUnique({
    where: { id: deliveryId },
    select: { id: true, contractId: true, processedAt: true, outcome: true, receivedAt: true, contract: { select: { lastReadAt: true } } },
  });
  if (!delivery) return "gone";
  if (!delivery.contractId) return delivery.outcome ?? "unknown-contract";
  if (delivery.processedAt && (delivery.outcome === "applied" || delivery.outcome === "unchanged")) return delivery.outcome;
  // A read that started after this callback arrived already saw the change it announces
  // (a burst of callbacks for one contract costs one provider read, not one each).
  if (delivery.contract?.lastReadAt && delivery.contract.lastReadAt > delivery.receivedAt) {
    await db().callbackDelivery.update({ where: { id: delivery.id }, data: { processedAt: new Date(), outcome: "unchanged", attempts: { increment: 1 }, lastError: null } });
    return "unchanged";
  }
  try {
    const result = await refreshContract(delivery.contractId, "CALLBACK");
    const outcome = result.outcome === "applied" ? "applied" : result.outcome === "missing" ? "missing-at-provider" : "unchanged";
    await db().callbackDelivery.update({ where: { id: delivery.id }, data: { processedAt: new Date(), outcome, attempts: { increment: 1 }, lastError: null } });
    return outcome;
  } catch (error) {
    await db().callbackDelivery.update({
      where: { id: delivery.id },
      data: { outcome: "failing", attempts: { increment: 1 }, lastError: error instanceof AppError ? storeMessages([error.msg]).slice(0, 4000) : error instanceof Error ? error.message.slice(0, 2000) : String(error) },
    });
    throw error;
  }
}

/** Deliveries that were stored but never processed (the queue was unreachable, the process died). */
export async function unprocessedDeliveries(olderThanSeconds: number, limit = 200): Promise<string[]> {
  const rows = await db().callbackDelivery.findMany({
    where: { contractId: { not: null }, processedAt: null, outcome: null, receivedAt: { lt: new Date(Date.now() - olderThanSeconds * 1000) } },
    orderBy: { receivedAt: "asc" },
    take: limit,
    select: { id: true },
  });
  return rows.map((row) => row.id);
}
