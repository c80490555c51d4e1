/**
 * The one place a contract's status change is written down: its timeline row, its audit row
 * and the live event, in the caller's transaction (the same one that changed the status).
 */
import type { Tx } from "../db";
import type { EventSource } from "../generated/prisma/client";
import { recordAudit } from "../audit";
import { publishEvent } from "../events/publish";
import { createNotification } from "../notifications/create-notification";
import { statusView } from "./status";
import { emitContractStatusEvents } from "../webhooks/events";

// Changes the advisor did not make themselves reach their notification bell.
const NOTIFY_SOURCES: ReadonlySet<EventSource> = new Set(["CALLBACK", "POLL", "SYNC", "CUSTOMER"]);

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
  await emitContractStatusEvents(tx, change);
  if (NOTIFY_SOURCES.has(change.source) && change.actorId !== contract.advisorId && change.from !== null) {
    const names = await tx.contract.findUnique({ where: { id: contract.id }, select: { client: { select: { displayName: true } }, product: { select: { name: true } } } });
    await createNotification(tx, {
      userId: contract.advisorId,
      contractId: contract.id,
      kind: "contract.status",
      title: `${statusView(change.to).label}: ${names?.client.displayName ?? "a client"}${names?.product ? ` · ${names.product.name}` : ""}`,
      body: change.note ?? null,
    });
  }
}
