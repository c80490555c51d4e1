/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): HMAC-SHA256 over
 * `${webhook-id}.${webhook-timestamp}.${body}`, keyed with the base64 part of a `whsec_` secret,
 * sent as `webhook-signature: v1,<base64>` (several space-separated signatures allowed).
 * Used by the sandbox to sign callbacks and by the portal to verify them.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const WEBHOOK_SECRET_PREFIX = "whsec_";
/** Timestamps further than this from now are rejected (replay protection). */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

export type WebhookHeaders = {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
};

export class WebhookSecretError extends Error {}

export function generateWebhookSecret(bytes = 32): string {
  return WEBHOOK_SECRET_PREFIX + randomBytes(bytes).toString("base64");
}

function secretKey(secret: string): Buffer {
  if (!secret.startsWith(WEBHOOK_SECRET_PREFIX)) throw new WebhookSecretError("A webhook secret starts with whsec_");
  const encoded = secret.slice(WEBHOOK_SECRET_PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) throw new WebhookSecretError("A webhook secret is whsec_ followed by base64");
  const key = Buffer.from(encoded, "base64");
  if (key.length < 16) throw new WebhookSecretError("A webhook secret needs at least 16 bytes of key");
  return key;
}

export function isValidWebhookSecret(secret: string): boolean {
  try {
    secretKey(secret);
    return true;
  } catch {
    return false;
  }
}

function hmac(key: Buffer, id: string, timestamp: string, body: string | Uint8Array): Buffer {
  return createHmac("sha256", key).update(`${id}.${timestamp}.`).update(body).digest();
}

/** The `webhook-signature` value for one message: `v1,<base64>`. */
export function signWebhook(input: { id: string; timestamp: number | string; body: string | Uint8Array; secret: string }): string {
  return "v1," + hmac(secretKey(input.secret), input.id, String(input.timestamp), input.body).toString("base64");
}

/** All three headers for one delivery; `timestamp` is Unix seconds (now by default). */
export function webhookHeaders(input: { id: string; body: string; secret: string; timestamp?: number }): WebhookHeaders {
  const timestamp = input.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    "webhook-id": input.id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signWebhook({ id: input.id, timestamp, body: input.body, secret: input.secret }),
  };
}

export type WebhookVerifyResult =
  | { ok: true; id: string; timestamp: number }
  | { ok: false; reason: "missing-headers" | "bad-timestamp" | "timestamp-out-of-tolerance" | "bad-signature" | "bad-secret" };

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Verifies one delivery against the raw body exactly as received (do not re-serialise parsed JSON).
 * Constant-time comparison of every offered v1 signature.
 */
export function verifyWebhook(input: {
  headers: HeaderSource;
  body: string | Uint8Array;
  secret: string;
  nowSeconds?: number;
  toleranceSeconds?: number;
}): WebhookVerifyResult {
  const id = header(input.headers, "webhook-id");
  const timestampRaw = header(input.headers, "webhook-timestamp");
  const signatures = header(input.headers, "webhook-signature");
  if (!id || !timestampRaw || !signatures) return { ok: false, reason: "missing-headers" };
  if (!/^\d{1,12}$/.test(timestampRaw)) return { ok: false, reason: "bad-timestamp" };
  const timestamp = Number(timestampRaw);
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (input.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS)) {
    return { ok: false, reason: "timestamp-out-of-tolerance" };
  }
  let key: Buffer;
  try {
    key = secretKey(input.secret);
  } catch {
    return { ok: false, reason: "bad-secret" };
  }
  const expected = hmac(key, id, timestampRaw, input.body);
  let matched = false;
  for (const candidate of signatures.split(" ")) {
    const [version, encoded] = candidate.split(",", 2);
    if (version !== "v1" || !encoded) continue;
    const offered = Buffer.from(encoded, "base64");
    // timingSafeEqual needs equal lengths; a length mismatch reveals nothing about the key.
    if (offered.length === expected.length && timingSafeEqual(offered, expected)) matched = true;
  }
  return matched ? { ok: true, id, timestamp } : { ok: false, reason: "bad-signature" };
}
