/**
 * The job behind every stored callback: re-read the contract from the provider through the one
 * apply path (refreshContracts, as the poll and the Refresh button). A worker hands over its whole
 * batch: the batch's contracts are re-read together, one `contract-list` call per provider, and a
 * burst of callbacks for one contract costs one read. Duplicates and stale callbacks change
 * nothing (only newer provider data is applied). Failures are kept on the delivery for admins to
 * see and replay; pg-boss retries with backoff meanwhile.
 */
import { db } from "../db";
import { refreshContracts, type ContractRefresh } from "../sync/refresh-contract";
import { storeMessages } from "../i18n/stored-message";
import { AppError } from "../errors";

export type DeliveryOutcome = { ok: true; outcome: string } | { ok: false; error: unknown };

/** One delivery (a replay, a test): as processCallbackDeliveries; a failure is thrown. */
export async function processCallbackDelivery(deliveryId: string): Promise<string> {
  const result = (await processCallbackDeliveries([deliveryId])).get(deliveryId)!;
  if (!result.ok) throw result.error;
  return result.outcome;
}

function outcomeOf(refresh: ContractRefresh): string {
  switch (refresh.outcome) {
    case "applied":
      return "applied";
    case "missing":
      return "missing-at-provider";
    // The provider's record was read but could not be taken in (it is in the review queue, or unusable).
    case "failed":
      return "not-applied";
    default:
      return "unchanged";
  }
}

export async function processCallbackDeliveries(deliveryIds: readonly string[]): Promise<Map<string, DeliveryOutcome>> {
  // Plain SQL with an id array: one statement shape whatever the batch size (the ORM compiles a
  // new query for every length of an IN list, which was most of a worker's CPU per batch).
  const deliveries = await db().$queryRaw<Array<{ id: string; contractId: string | null; processedAt: Date | null; outcome: string | null; receivedAt: Date; lastReadAt: Date | null }>>`
    SELECT d."id", d."contractId", d."processedAt", d."outcome", d."receivedAt", c."lastReadAt"
    FROM "CallbackDelivery" d LEFT JOIN "Contract" c ON c."id" = d."contractId"
    WHERE d."id" = ANY(${[...new Set(deliveryIds)]}::text[])`;
  const results = new Map<string, DeliveryOutcome>(deliveryIds.map((id) => [id, { ok: true, outcome: "gone" }]));
  const done = new Map<string, string[]>(); // outcome → deliveries to mark processed with it
  const mark = (outcome: string, deliveryId: string) => {
    results.set(deliveryId, { ok: true, outcome });
    done.set(outcome, [...(done.get(outcome) ?? []), deliveryId]);
  };
  const toRead: Array<{ id: string; contractId: string }> = [];
  for (const delivery of deliveries) {
    if (!delivery.contractId) results.set(delivery.id, { ok: true, outcome: delivery.outcome ?? "unknown-contract" });
    else if (delivery.processedAt && (delivery.outcome === "applied" || delivery.outcome === "unchanged")) results.set(delivery.id, { ok: true, outcome: delivery.outcome });
    // A read that started after this callback arrived already saw the change it announces.
    else if (delivery.lastReadAt && delivery.lastReadAt > delivery.receivedAt) mark("unchanged", delivery.id);
    else toRead.push({ id: delivery.id, contractId: delivery.contractId });
  }
  const { results: refreshed } = toRead.length > 0 ? await refreshContracts(toRead.map((delivery) => delivery.contractId), "CALLBACK") : { results: new Map<string, ContractRefresh>() };
  const failures: Array<{ id: string; error: unknown }> = [];
  const notApplied: Array<{ id: string; reason: string }> = [];
  for (const delivery of toRead) {
    const refresh = refreshed.get(delivery.contractId) ?? { outcome: "missing" as const };
    if (refresh.outcome === "error") failures.push({ id: delivery.id, error: refresh.error });
    else if (refresh.outcome === "failed") {
      results.set(delivery.id, { ok: true, outcome: outcomeOf(refresh) });
      notApplied.push({ id: delivery.id, reason: (refresh.reason ?? "").slice(0, 2000) });
    } else mark(outcomeOf(refresh), delivery.id);
  }
  const processedAt = new Date();
  for (const [outcome, ids] of done) {
    await db().$executeRaw`UPDATE "CallbackDelivery" SET "processedAt" = ${processedAt.toISOString()}::timestamp, "outcome" = ${outcome}, "attempts" = "attempts" + 1, "lastError" = NULL WHERE "id" = ANY(${ids}::text[])`;
  }
  // Processed (a retry would read the same record), with the reason beside it for the admin.
  for (const { id, reason } of notApplied) {
    await db().callbackDelivery.update({ where: { id }, data: { processedAt, outcome: "not-applied", attempts: { increment: 1 }, lastError: reason || null } });
  }
  for (const { id, error } of failures) {
    results.set(id, { ok: false, error });
    await db().callbackDelivery.update({
      where: { id },
      data: { outcome: "failing", attempts: { increment: 1 }, lastError: error instanceof AppError ? storeMessages([error.msg]).slice(0, 4000) : error instanceof Error ? error.message.slice(0, 2000) : String(error) },
    });
  }
  return results;
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
