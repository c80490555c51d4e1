/**
 * The server-side check behind "only the firm's admins": in the data path, not only in the page or
 * action that calls it. The role question itself is managesFirm (lib/auth/roles.ts).
 */
import { AppError, type MessageInput } from "../errors";
import { managesFirm, type Role } from "./roles";

/** Refuses (FORBIDDEN, with `message`) anyone who does not manage the firm. */
export function assertManagesFirm(user: { role: Role }, message: MessageInput = "common.errors.adminOnly"): void {
  if (!managesFirm(user.role)) throw new AppError("FORBIDDEN", message);
}
