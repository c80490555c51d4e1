import { db } from "../db";
import { notFound } from "../errors";
import { recordAudit } from "../audit";
import { assertAdmin, type Admin } from "./guard";

/** A disabled provider is refused by providerClientFor: no proposals, syncs or refreshes go to it. */
export async function setProviderEnabled(admin: Admin, providerId: string, enabled: boolean): Promise<void> {
  assertAdmin(admin);
  await db().$transaction(async (tx) => {
    const { count } = await tx.provider.updateMany({ where: { id: providerId, organizationId: admin.organizationId }, data: { enabled } });
    if (count === 0) throw notFound("This provider");
    await recordAudit({ organizationId: admin.organizationId, actorId: admin.id, action: enabled ? "provider.enable" : "provider.disable", entityType: "Provider", entityId: providerId }, tx);
  });
}
