import { randomBytes } from "node:crypto";

const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

/** Opaque ids of about 20 characters, prefixed by type for humans (consumers must not rely on it). */
export function newId(prefix: "ct" | "cl" | "pr" | "us" | "fi"): string {
  const bytes = randomBytes(17);
  let out = prefix + "_";
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return out;
}

export function newWebhookId(): string {
  return "msg_" + randomBytes(16).toString("base64url");
}
