import { AppError } from "../errors";
import type { SessionUser } from "../auth/session";

export type Admin = Pick<SessionUser, "id" | "organizationId" | "role">;

/** Provider settings are for administrators; checked here too, not only in the action. */
export function assertAdmin(actor: Admin): void {
  if (actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "providers.errors.adminOnly");
}
