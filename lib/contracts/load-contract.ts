import { db } from "../db";
import { notFound } from "../errors";
import { contractScope } from "../auth/scope";
import type { SessionUser } from "../auth/session";

export type Actor = Pick<SessionUser, "id" | "organizationId" | "role" | "name">;

/** A contract the actor may act on, with what the use cases need; otherwise "not found". */
export async function loadContractFor(actor: Actor, contractId: string) {
  const contract = await db().contract.findFirst({
    where: { id: contractId, ...contractScope(actor) },
    include: { client: true, product: true, provider: { select: { id: true, name: true, enabled: true } } },
  });
  if (!contract) throw notFound("contracts.errors.contractNotFound");
  return contract;
}
