/**
 * Secrets at rest (provider private keys, webhook secrets): AES-256-GCM with the key from
 * ENCRYPTION_KEY. Stored as `v1.<iv>.<tag>.<ciphertext>` (base64url) so the format, and later the
 * key, can change without guessing what an old value is.
 */
import crypto from "node:crypto";
import { env } from "../env";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretDecryptionError";
  }
}

function keyFrom(base64Key: string): Buffer {
  const key = Buffer.from(base64Key, "base64");
  if (key.length !== 32) throw new Error("ENCRYPTION_KEY must be 32 bytes in base64.");
  return key;
}

/** Encrypts with an explicit key (tests, key rotation); the app uses encryptSecret. */
export function encryptWithKey(plain: string, base64Key: string): string {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", keyFrom(base64Key), iv);
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64url"), tag.toString("base64url"), ciphertext.toString("base64url")].join(".");
}

export function decryptWithKey(stored: string, base64Key: string): string {
  const parts = stored.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretDecryptionError("The stored secret has an unknown format.");
  const [, ivText, tagText, cipherText] = parts as [string, string, string, string];
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretDecryptionError("The stored secret has an unknown format.");
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", keyFrom(base64Key), iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(cipherText, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    // GCM authentication failed: tampered value or a different ENCRYPTION_KEY.
    throw new SecretDecryptionError("The stored secret cannot be decrypted (changed, or encrypted with another ENCRYPTION_KEY).");
  }
}

export function encryptSecret(plain: string): string {
  return encryptWithKey(plain, env().ENCRYPTION_KEY);
}

export function decryptSecret(stored: string): string {
  return decryptWithKey(stored, env().ENCRYPTION_KEY);
}
