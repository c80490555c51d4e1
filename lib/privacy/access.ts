/** Who may do what with a client's data on a data-subject request. */
import { db } from "../db";
import { AppError, notFound } from "../errors";
import { clientScope } from "../auth/scope";
import type { SessionUser } from "../auth/session";

export type Viewer = Pick<SessionUser, "id" | "organizationId" | "role">;

// Erasure is the firm's decision: administrators, and the back office once that role exists (issue 14, item 5).
const ERASERS: ReadonlySet<string> = new Set(["ADMIN", "BACK_OFFICE"]);

export function mayErase(viewer: Pick<SessionUser, "role">): boolean {
  return ERASERS.has(viewer.role);
}

/** The client if the viewer may see it (advisors their own clients, the firm's admins all), else not found. */
export async function visibleClient(viewer: Viewer, clientId: string) {
  const client = await db().client.findFirst({ where: { id: clientId, ...clientScope(viewer) }, select: { id: true, organizationId: true, displayName: true, email: true, ownerId: true } });
  if (!client) throw notFound("privacy.errors.notFound");
  return client;
}

export async function erasableClient(viewer: Viewer, clientId: string) {
  const client = await visibleClient(viewer, clientId);
  if (!mayErase(viewer)) throw new AppError("FORBIDDEN", "privacy.errors.eraseNotAllowed");
  return client;
}
