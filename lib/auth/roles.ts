/**
 * The firm's roles and the two questions every check asks of them. Nothing else in the code
 * compares roles for visibility: "sees the whole firm" and "manages the firm" are decided here.
 *
 * - ADMIN: sees and works the whole firm, and manages it (users, providers, settings, API clients, webhooks).
 * - BACK_OFFICE: sees and works the whole firm (every advisor's clients and contracts); manages nothing.
 * - ADVISOR: sees and works the clients and contracts they own.
 */
import type { Role } from "../generated/prisma/enums";

export type { Role };

export const ROLES = ["ADVISOR", "BACK_OFFICE", "ADMIN"] as const satisfies readonly Role[];

/** Sees (and works) every client and contract of the firm, not only their own. */
export function seesWholeFirm(role: Role): boolean {
  return role === "ADMIN" || role === "BACK_OFFICE";
}

/** Manages the firm: users, providers, settings, API clients, webhooks. */
export function managesFirm(role: Role): boolean {
  return role === "ADMIN";
}

/** The message key of each role's name in the `shell` catalogue: one name per role wherever users are listed with their role. */
export const ROLE_KEY = { ADMIN: "userMenu.roles.admin", BACK_OFFICE: "userMenu.roles.backOffice", ADVISOR: "userMenu.roles.advisor" } as const satisfies Record<Role, string>;
