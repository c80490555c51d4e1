/**
 * Customer link tokens: 256 random bits, base64url in the link, only their SHA-256 stored.
 * A database leak therefore yields no usable link.
 */
import crypto from "node:crypto";

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newApprovalToken(): { token: string; tokenHash: string } {
  const token = crypto.randomBytes(32).toString("base64url");
  return { token, tokenHash: hashApprovalToken(token) };
}

export function hashApprovalToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** The hash to look up, or null for anything that cannot be one of our tokens (same outcome as unknown). */
export function tokenHashOf(token: unknown): string | null {
  return typeof token === "string" && TOKEN_PATTERN.test(token) ? hashApprovalToken(token) : null;
}
