import { randomBytes, randomInt, randomUUID } from "node:crypto";
import type { IdStyle } from "./dialects/table";

const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

/**
 * New record ids. `opaque`: about 20 characters, prefixed by type for humans (consumers must not
 * rely on it). The other styles are those of provider dialects: all digits with leading zeros
 * (strings on the wire), short digits without a leading zero (JSON numbers where the dialect
 * says so), UUIDs.
 */
export function newId(prefix: "ct" | "cl" | "pr" | "us" | "fi", style: IdStyle = "opaque"): string {
  switch (style) {
    case "zero-padded-digits":
      return "000" + Array.from({ length: 15 }, () => randomInt(10)).join("");
    case "short-digits":
      return String(randomInt(1, 10)) + Array.from({ length: 9 }, () => randomInt(10)).join("");
    case "uuid":
      return randomUUID();
    case "opaque": {
      const bytes = randomBytes(17);
      let out = prefix + "_";
      for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
      return out;
    }
  }
}

export function newWebhookId(): string {
  return "msg_" + randomBytes(16).toString("base64url");
}
