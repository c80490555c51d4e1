/**
 * When an advisor leaves: an admin moves all (or the chosen) clients of one user, with their
 * contracts, to another, in one transaction. Each moved contract gets a timeline entry naming both
 * advisors, the whole move one audit row; the live events tell both advisors' open pages. The
 * departing advisor can then be disabled (lib/users/manage-users.ts).
 */
import { db, Prisma } from "../db";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit";
import { managesFirm } from "../auth/roles";
import type { SessionUser } from "../auth/session";
import { fieldErrorsOf } from "../clients/schema";
import { publishContractChanges } from "../contracts/record-change";
import { publishEvent } from "../events/publish";
import { storedText } from "../i18n/stored-message";
import { reassignSchema, type ReassignInput } from "./schema";

type Admin = Pick<SessionUser, "id" | "organizationId" | "role" | "name">;

export interface ReassignResult {
  clients: number;
  contracts: number;
}

/** The timeline kind of a reassignment (translated as status.events.advisor.reassigned). */
export const REASSIGNED_KIND = "advisor.reassigned";

export async function reassignClients(admin: Admin, input: ReassignInput): Promise<ReassignResult> {
  if (!managesFirm(admin.role)) throw new AppError("FORBIDDEN", "common.errors.adminOnly");
  const parsed = reassignSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "common.errors.fieldsNeedAttention", { fieldErrors: fieldErrorsOf(parsed.error) });
  const { fromUserId, toUserId, clientIds } = parsed.data;
  const chosen = clientIds && clientIds.length > 0 ? [...new Set(clientIds)] : null;

  return db().$transaction(async (tx) => {
    const users = await tx.user.findMany({ where: { id: { in: [fromUserId, toUserId] }, organizationId: admin.organizationId }, select: { id: true, name: true, disabled: true } });
    const from = users.find((user) => user.id === fromUserId);
    const to = users.find((user) => user.id === toUserId);
    if (!from) throw notFound("users.errors.notFound");
    if (!to) throw notFound("users.errors.notFound");
    if (to.disabled) throw new AppError("CONFLICT", "office.reassign.errors.toDisabled", { fieldErrors: { toUserId: ["office.reassign.errors.toDisabled"] } });

    // Lock the clients being moved, so a concurrent move or a new proposal sees the result, not half of it.
    const clients = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT "id" FROM "Client"
      WHERE "organizationId" = ${admin.organizationId} AND "ownerId" = ${from.id}
        ${chosen ? Prisma.sql`AND "id" = ANY(${chosen}::text[])` : Prisma.empty}
      FOR UPDATE`;
    if (chosen && clients.length !== chosen.length) throw new AppError("CONFLICT", "office.reassign.errors.clientsChanged");
    if (clients.length === 0) throw new AppError("CONFLICT", "office.reassign.errors.nothingToMove");
    const ids = clients.map((client) => client.id);

    await tx.client.updateMany({ where: { id: { in: ids } }, data: { ownerId: to.id } });
    // Every contract of these clients that the departing user looked after (another advisor's contract stays theirs).
    const contracts = await tx.$queryRaw<Array<{ id: string; status: number }>>`
      UPDATE "Contract" SET "advisorId" = ${to.id}, "updatedAt" = now()
      WHERE "organizationId" = ${admin.organizationId} AND "clientId" = ANY(${ids}::text[]) AND "advisorId" = ${from.id}
      RETURNING "id", "status"`;

    if (contracts.length > 0) {
      const note = storedText("office.timeline.reassigned", { from: from.name, to: to.name });
      const at = new Date();
      await tx.contractEvent.createMany({
        data: contracts.map((contract) => ({ contractId: contract.id, kind: REASSIGNED_KIND, fromStatus: contract.status, toStatus: contract.status, source: "ADVISOR" as const, actorId: admin.id, actorLabel: admin.name, note, at })),
      });
      const refs = contracts.map((contract) => ({ id: contract.id, organizationId: admin.organizationId, status: contract.status }));
      // Both advisors' open pages update: the new one gains the contracts, the old one loses them.
      await publishContractChanges(tx, refs.map((ref) => ({ ...ref, advisorId: to.id })));
      await publishEvent(tx, { type: "contracts.updated", organizationId: admin.organizationId, advisorId: from.id, count: refs.length });
    }
    await recordAudit(
      {
        organizationId: admin.organizationId,
        actorId: admin.id,
        action: "clients.reassign",
        entityType: "User",
        entityId: from.id,
        data: { from: from.id, to: to.id, clients: ids.length, contracts: contracts.length, clientIds: ids.slice(0, 1000), contractIds: contracts.map((contract) => contract.id).slice(0, 1000), selected: Boolean(chosen) },
      },
      tx,
    );
    return { clients: ids.length, contracts: contracts.length };
  });
}

/** What an admin picks from: the clients a user owns, with how many open contracts each has. */
export async function ownedClients(admin: Pick<SessionUser, "organizationId" | "role">, ownerId: string) {
  if (!managesFirm(admin.role)) throw new AppError("FORBIDDEN", "common.errors.adminOnly");
  const clients = await db().client.findMany({
    where: { organizationId: admin.organizationId, ownerId },
    orderBy: [{ displayName: "asc" }, { id: "asc" }],
    take: 500,
    select: { id: true, displayName: true, _count: { select: { contracts: true } } },
  });
  return clients.map((client) => ({ id: client.id, displayName: client.displayName, contracts: client._count.contracts }));
}

/** How many clients each user of the firm owns (for the reassignment form). */
export async function clientCountsByOwner(organizationId: string): Promise<Record<string, number>> {
  const rows = await db().client.groupBy({ by: ["ownerId"], where: { organizationId }, _count: { _all: true } });
  return Object.fromEntries(rows.map((row) => [row.ownerId, row._count._all]));
}
