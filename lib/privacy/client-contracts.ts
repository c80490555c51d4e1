import { db, type Tx } from "../db";
import type { PlanContract } from "./retention-plan";

/** The client's contracts as the retention plan sees them. */
export async function planContracts(clientId: string, tx?: Tx): Promise<PlanContract[]> {
  const rows = await (tx ?? db()).contract.findMany({
    where: { clientId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, status: true, statusChangedAt: true, product: { select: { name: true } }, provider: { select: { name: true } }, events: { where: { kind: "status", toStatus: { gte: 230 } }, select: { id: true }, take: 1 } },
  });
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    statusChangedAt: row.statusChangedAt,
    // Ordered: it reached 230 (or the provider reports a later status without our having seen the order).
    ordered: (row.status >= 230 && row.status !== 430 && row.status !== 420) || row.events.length > 0,
    label: `${row.product?.name ?? "—"} · ${row.provider.name}`,
  }));
}
