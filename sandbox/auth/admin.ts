import { createHash, timingSafeEqual } from "node:crypto";
import { unauthorized } from "../http/errors";

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Checks `Authorization: Bearer <admin token>` in constant time. */
export function requireAdmin(authorization: string | undefined, adminToken: string): void {
  const offered = /^Bearer\s+(.+)$/i.exec(authorization ?? "")?.[1] ?? "";
  if (!timingSafeEqual(digest(offered), digest(adminToken))) throw unauthorized("Admin token required");
}
