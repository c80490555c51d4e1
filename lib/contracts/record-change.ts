/**
 * The one place a contract's status change is written down: its timeline row, its audit row
 * and the live event, in the caller's transaction (the same one that changed the status).
 */
import type { Tx } from "../db";
import type { EventSource } from "../generated/prisma/client";
import { recordAudit } from "../audit";
import { publishEvent } from "../events/publish";

export interface StatusChange {
  contract: { id: string; organizationId: string; advisorId: string };
  from: number | null;
  to: number;
  source: EventSource;
  actorId?: string | null;
  actorLabel?: string | null;
  note?: string | null;
  at?: Date;
}

export async function recordStatusChange(tx: Tx, change: StatusChange): Promise<void> {
  const { contract } = change;
  await tx.contractEvent.create({
    data: {
      contractId: contract.id,
      fromStatus: change.from,
      toStatus: change.to,
      source: change.source,
      actorId: change.actorId ?? null,
      actorLabel: change.actorLabel ?? null,
      note: change.note ?? null,
      at: change.at ?? new Date(),
    },
  });
  await recordAudit(
    {
      organizationId: contract.organizationId,
      actorId: change.actorId ?? null,
      action: "contract.status",
      entityType: "Contract",
      entityId: contract.id,
      data: { from: change.from, to: change.to, source: change.source },
    },
    tx,
  );
  await publishEvent(tx, { type: "contract.updated", organizationId: contract.organizationId, advisorId: contract.advisorId, contractId: contract.id, status: change.to });
}
