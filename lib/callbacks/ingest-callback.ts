/**
 * POST /api/callback: the one recipe for a provider's callback. Raw body → size check → find the
 * contract by its callback token → Standard Webhooks signature (constant time) when the provider
 * has a secret → zod parse → store the delivery (deduplicated on its webhook id) → queue the
 * processing job → 202. The body is a trigger only; the job re-reads the contract from the provider.
 */
import crypto from "node:crypto";
import { db } from "../db";
import { AppError, logUnexpected } from "../errors";
import { env } from "../env";
import { readCallbackHint } from "../finum/read";
import { verifyWebhook } from "../finum/webhook-signature";
import { getProviderCallbackTrust } from "../providers/provider-client";
import { enqueueCallbackProcessing } from "../jobs/start-workers";
import { RateLimiter } from "./rate-limit";

export const MAX_CALLBACK_BYTES = 64 * 1024;
const KEPT_HEADERS = ["content-type", "user-agent", "webhook-id", "webhook-timestamp", "webhook-signature", "x-request-id"];

let limiter: RateLimiter | undefined;

// The hot path keeps two small caches: a contract's token, id and provider never change, and a
// provider's webhook secret is re-read at most every SECRET_TTL_MS (so a changed secret takes effect within that time).
interface TokenTarget {
  id: string;
  remoteId: string | null;
  providerId: string;
}
const targets = new Map<string, TokenTarget>();
const MAX_TARGETS = 20_000;
const SECRET_TTL_MS = 30_000;
const secrets = new Map<string, { secret: string | null; acceptUnsigned: boolean; at: number }>();

async function targetOf(token: string): Promise<TokenTarget | null> {
  const cached = targets.get(token);
  if (cached) return cached;
  const row = await db().contract.findUnique({ where: { callbackToken: token }, select: { id: true, remoteId: true, providerId: true } });
  if (!row) return null;
  if (targets.size >= MAX_TARGETS) targets.delete(targets.keys().next().value!);
  if (row.remoteId) targets.set(token, row); // a draft gets its provider id later: not cached until then
  return row;
}

async function callbackTrust(providerId: string): Promise<{ secret: string | null; acceptUnsigned: boolean }> {
  const cached = secrets.get(providerId);
  if (cached && Date.now() - cached.at < SECRET_TTL_MS) return cached;
  const trust = await getProviderCallbackTrust(providerId);
  secrets.set(providerId, { ...trust, at: Date.now() });
  return trust;
}

export interface IngestInput {
  token: string | null;
  headers: Headers;
  body: string;
  ip: string;
}

export type IngestResult = { status: 202 | 200; deliveryId: string; duplicate: boolean };

export async function ingestCallback(input: IngestInput): Promise<IngestResult> {
  if (Buffer.byteLength(input.body) > MAX_CALLBACK_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", `A callback body may be at most ${MAX_CALLBACK_BYTES / 1024} KB.`);
  limiter ??= new RateLimiter(env().CALLBACK_RATE_PER_SECOND, env().CALLBACK_RATE_PER_SECOND * 2);

  const contract = input.token && input.token.length <= 100 ? await targetOf(input.token) : null;

  const limited = limiter.take(contract ? `provider:${contract.providerId}` : `ip:${input.ip}`);
  if (!limited.ok) throw new AppError("RATE_LIMITED", "Too many callbacks; slow down.", { retryAfterSeconds: limited.retryAfterSeconds });

  let verified = false;
  if (contract) {
    const { secret, acceptUnsigned } = await callbackTrust(contract.providerId);
    // Unsigned is refused while the provider has a secret, unless an admin accepted unsigned callbacks
    // (the per-contract token then carries the trust). A signature that is present is always checked.
    const unsigned = !input.headers.get("webhook-signature");
    if (secret && !(unsigned && acceptUnsigned)) {
      const check = verifyWebhook({ headers: input.headers, body: input.body, secret });
      if (!check.ok) throw new AppError("UNAUTHENTICATED", `The callback's signature could not be verified (${check.reason}).`);
      verified = true;
    }
  }

  let json: unknown;
  try {
    json = JSON.parse(input.body);
  } catch {
    throw new AppError("BAD_REQUEST", "The callback body is not valid JSON.");
  }
  // A hint only (the contract is re-read): read tolerantly, every provider shapes its body its own way.
  const hint = readCallbackHint(json);

  // Deduplicated on the provider's delivery id (or, without one, on the exact body).
  const webhookId = input.headers.get("webhook-id")?.slice(0, 200) || `sha256:${crypto.createHash("sha256").update(input.body).digest("hex")}`;
  const headers = Object.fromEntries(KEPT_HEADERS.flatMap((name) => (input.headers.get(name) ? [[name, input.headers.get(name)!]] : [])));
  const rows = await db().$queryRaw<Array<{ id: string }>>`
    INSERT INTO "CallbackDelivery" ("id", "providerId", "contractId", "webhookId", "headers", "body", "verified", "receivedAt", "outcome", "lastError")
    VALUES (${crypto.randomUUID()}, ${contract?.providerId ?? null}, ${contract?.id ?? null}, ${webhookId}, ${JSON.stringify(headers)}::jsonb, ${input.body}, ${verified}, now(),
            ${contract ? null : "unknown-contract"}, ${contract && hint.id && contract.remoteId !== hint.id ? `The body names contract ${hint.id}; the URL token names ${contract.remoteId}. The token's contract is re-read.` : null})
    ON CONFLICT ("providerId", "webhookId") DO NOTHING
    RETURNING "id"`;
  const inserted = rows[0];
  if (!inserted) {
    const existing = await db().callbackDelivery.findFirst({ where: { providerId: contract?.providerId ?? null, webhookId }, select: { id: true } });
    return { status: 200, deliveryId: existing?.id ?? "", duplicate: true };
  }
  // Stored before we answer; queuing failures are caught by the sweep of unprocessed deliveries.
  if (contract) await enqueueCallbackProcessing(inserted.id).catch((error: unknown) => logUnexpected(error, { where: "callback enqueue", deliveryId: inserted.id }));
  return { status: 202, deliveryId: inserted.id, duplicate: false };
}

