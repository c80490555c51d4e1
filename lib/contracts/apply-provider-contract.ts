/**
 * Applies what the provider says about a contract. Never moves a record backwards: the update
 * only lands when the provider's `updatedAt` is newer than the one we hold (compare-and-set on
 * our row version too), so duplicate, late and out-of-order reads are harmless.
 */
import { db, type Tx } from "../db";
import type { EventSource, Prisma } from "../generated/prisma/client";
import type { ContractRecord } from "../finum/records";
import { recordStatusChange } from "./record-change";

export interface ApplyResult {
  applied: boolean;
  statusChanged: boolean;
  from: number;
  to: number;
  proposalVersionChanged: boolean;
}

function numberOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

export function proposalInfo(record: Pick<ContractRecord, "data">) {
  const data = record.data ?? {};
  return {
    proposalFileId: typeof data.proposalFileId === "string" ? data.proposalFileId : null,
    proposalVersion: numberOrNull(data.proposalVersion),
    policyFileId: typeof data.policyFileId === "string" ? data.policyFileId : null,
  };
}

export async function applyProviderContract(
  contractId: string,
  record: ContractRecord,
  source: EventSource,
  options: { tx?: Tx; actorId?: string | null; actorLabel?: string | null; readStartedAt?: Date } = {},
): Promise<ApplyResult> {
  const readAt = options.readStartedAt ?? new Date();
  const run = async (tx: Tx): Promise<ApplyResult> => {
    const updatedAt = new Date(record.updatedAt);
    // Concurrent reads of one contract (a burst of callbacks) apply one after the other.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`contract:${contractId}`}))`;
    for (let attempt = 0; attempt < 3; attempt++) {
      const current = await tx.contract.findUniqueOrThrow({
        where: { id: contractId },
        select: { id: true, organizationId: true, advisorId: true, status: true, version: true, remoteUpdatedAt: true, proposalVersion: true },
      });
      const unchanged = { applied: false, statusChanged: false, from: current.status, to: current.status, proposalVersionChanged: false };
      if (current.remoteUpdatedAt && current.remoteUpdatedAt >= updatedAt) {
        await tx.contract.updateMany({ where: { id: contractId, OR: [{ lastReadAt: null }, { lastReadAt: { lt: readAt } }] }, data: { lastReadAt: readAt } });
        return unchanged;
      }
      const { proposalFileId, proposalVersion } = proposalInfo(record);
      const statusChanged = current.status !== record.status;
      const nextProposalVersion = proposalVersion ?? current.proposalVersion;
      const data: Prisma.ContractUpdateManyMutationInput = {
        status: record.status,
        statusNote: record.statusNote ?? null,
        data: (record.data ?? {}) as Prisma.InputJsonValue,
        contractNumber: record.contractNumber ?? null,
        premium: record.premium ? record.premium.amount.toFixed(2) : null,
        currency: record.premium?.currency ?? null,
        proposalVersion: nextProposalVersion,
        ...(proposalFileId ? { proposalFileId } : {}),
        remoteUpdatedAt: updatedAt,
        lastReadAt: readAt,
        raw: record as Prisma.InputJsonValue,
        version: { increment: 1 },
        ...(statusChanged ? { statusChangedAt: new Date() } : {}),
      };
      const { count } = await tx.contract.updateMany({ where: { id: contractId, version: current.version }, data });
      if (count === 0) continue; // someone else wrote in between: read again and decide again
      if (statusChanged) {
        await recordStatusChange(tx, {
          contract: current,
          from: current.status,
          to: record.status,
          source,
          actorId: options.actorId,
          actorLabel: options.actorLabel ?? (source === "ADVISOR" ? null : "Provider"),
          note: record.statusNote ?? null,
        });
      }
      return { applied: true, statusChanged, from: current.status, to: record.status, proposalVersionChanged: nextProposalVersion !== current.proposalVersion };
    }
    throw new Error(`Contract ${contractId} kept changing while applying the provider's data`);
  };
  return options.tx ? run(options.tx) : db().$transaction(run);
}
