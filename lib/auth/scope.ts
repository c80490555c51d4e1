import type { SessionUser } from "./session";
import { seesWholeFirm } from "./roles";

/**
 * What a user may see: admins and back office the whole organization, advisors the clients and
 * contracts they own. Every query for clients and contracts starts from one of these.
 */
export function clientScope(user: Pick<SessionUser, "id" | "organizationId" | "role">) {
  return seesWholeFirm(user.role) ? { organizationId: user.organizationId } : { organizationId: user.organizationId, ownerId: user.id };
}

export function contractScope(user: Pick<SessionUser, "id" | "organizationId" | "role">) {
  return seesWholeFirm(user.role) ? { organizationId: user.organizationId } : { organizationId: user.organizationId, advisorId: user.id };
}
