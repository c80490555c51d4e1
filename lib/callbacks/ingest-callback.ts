/**
 * POST /api/callback: the one recipe for a provider's callback. Raw body → size check → find the
 * contract by its callback token (unknown or missing: 404, counted, a bounded sample kept, nothing
 * stored) → Standard Webhooks signature (constant time) when the provider has a secret (or an admin accepted unsigned ones) → the
 * provider's allowance (PostgreSQL, all instances; spent only by callbacks that passed the
 * signature, leased a few points at a time, counted on a pool whose commits do not wait for the disk) → a tolerant read of the body
 * (a hint) → one SQL statement that stores the delivery (deduplicated on its webhook id), queues
 * its processing job and wakes a worker (NOTIFY, coalesced) → 202. The body is a trigger only;
 * the job re-reads the contract from the provider.
 */
import crypto from "node:crypto";
import { AppError } from "../errors";
import { readCallbackHint } from "../finum/read";
import { verifyWebhook } from "../finum/webhook-signature";
import { getProviderCallbackTrust } from "../providers/provider-client";
import { counterPool, pgPool } from "../pg-pool";
import { boss, QUEUES, JOBS_CHANNEL } from "../jobs/boss";
import { coalesce } from "../jobs/listen";
import { env } from "../env";
import { callbackAllowanceKey, knownOverAllowance, leaseSize, noteLease, RateLimiter, spendLeased, takePointSql } from "./rate-limit";
import { recordRejectedCallback } from "./rejected-callbacks";
import { msg } from "../i18n/message";
import { storedText } from "../i18n/stored-message";

export const MAX_CALLBACK_BYTES = 64 * 1024;
const KEPT_HEADERS = ["content-type", "user-agent", "webhook-id", "webhook-timestamp", "webhook-signature", "x-request-id"];

// Unknown or missing tokens, per client address and instance: scanning is slowed down without
// costing a database write.
const scanning = new RateLimiter(20, 40);
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
  const { rows } = await pgPool().query<TokenTarget>(`SELECT "id", "remoteId", "providerId" FROM "Contract" WHERE "callbackToken" = $1`, [token]);
  const row = rows[0];
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

// Waking the workers (NOTIFY) is coalesced: at most one per WAKE_EVERY_MS from this instance, plus
// one at the end of a burst. A NOTIFY per callback would serialise commits on PostgreSQL's
// notification queue and make every listening worker fetch once per callback; a woken worker
// takes a batch (lib/jobs/start-workers.ts) and fetches again while batches come back full.
const WAKE_EVERY_MS = 20;
/** True: this callback's own statement sends the NOTIFY; else one follows at the window's end. */
const wakeNow = coalesce(WAKE_EVERY_MS, () => {
  pgPool().query(`SELECT pg_notify('${JOBS_CHANNEL}', '${QUEUES.callbackProcess}')`).catch(() => undefined); // the workers' poll finds the jobs anyway
});

/**
 * The provider's allowance (rate_limit, shared by every instance): a point per callback that
 * passed the signature, leased a few at a time (lib/callbacks/rate-limit.ts), on the counter pool,
 * whose commit does not wait for the disk. Every callback of a provider updates the same row; in
 * the store's own durable transaction the row would stay locked until the disk flush, and
 * concurrent callbacks would queue behind each other.
 */
const TAKE_POINTS = `WITH point AS (${takePointSql("$1", "$2::int")}) SELECT points, expire::float8 AS expire FROM point`;

async function spendAllowance(providerId: string): Promise<void> {
  if (spendLeased(providerId)) return;
  const limit = env().CALLBACK_RATE_PER_SECOND;
  const size = leaseSize(limit);
  const taken = (await counterPool().query<{ points: number; expire: number }>({ name: "callback-take-points", text: TAKE_POINTS, values: [callbackAllowanceKey(providerId), size] })).rows[0]!;
  const allowance = noteLease(providerId, taken.points, taken.expire, size, limit);
  if (!allowance.ok) throw new AppError("RATE_LIMITED", "providers.callbacks.tooMany", { retryAfterSeconds: allowance.retryAfterSeconds });
}

/**
 * One statement, one round trip: stores the delivery (deduplicated on its webhook id), queues its
 * job with the queue's own settings and, when asked, wakes a worker. A repeat answers with the
 * stored delivery's id.
 */
const STORE_AND_ENQUEUE = `
  WITH delivery AS (
    INSERT INTO "CallbackDelivery" ("id", "providerId", "contractId", "webhookId", "headers", "body", "verified", "receivedAt", "lastError")
    VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, now(), $8)
    ON CONFLICT ("providerId", "webhookId") DO NOTHING
    RETURNING "id"
  ), job AS (
    INSERT INTO pgboss.job (id, name, data, priority, start_after, singleton_key, dead_letter, expire_in, keep_until, retry_limit, retry_delay, retry_backoff, policy)
    SELECT gen_random_uuid(), q.name, jsonb_build_object('deliveryId', d."id"), 0, now(), d."id", q.dead_letter,
           COALESCE(q.expire_seconds * interval '1 second', interval '15 minutes'),
           now() + COALESCE(q.retention_minutes * interval '1 minute', interval '14 days'),
           COALESCE(q.retry_limit, 2),
           CASE WHEN COALESCE(q.retry_backoff, false) THEN GREATEST(COALESCE(q.retry_delay, 0), 1) ELSE COALESCE(q.retry_delay, 0) END,
           COALESCE(q.retry_backoff, false), q.policy
    FROM delivery d JOIN pgboss.queue q ON q.name = '${QUEUES.callbackProcess}'
    ON CONFLICT DO NOTHING
    RETURNING id
  )
  SELECT (SELECT "id" FROM delivery) AS id,
         (SELECT count(*) FROM job)::int AS queued,
         CASE WHEN $9::boolean AND EXISTS (SELECT 1 FROM delivery) THEN pg_notify('${JOBS_CHANNEL}', '${QUEUES.callbackProcess}') END AS woke,
         (SELECT "id" FROM "CallbackDelivery" WHERE "providerId" = $2 AND "webhookId" = $4) AS existing`;

export async function ingestCallback(input: IngestInput): Promise<IngestResult> {
  const bodyBytes = Buffer.byteLength(input.body);
  if (bodyBytes > MAX_CALLBACK_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", msg("providers.callbacks.tooLarge", { kilobytes: MAX_CALLBACK_BYTES / 1024 }));

  const contract = input.token && input.token.length <= 100 ? await targetOf(input.token) : null;
  if (!contract) {
    const allowed = scanning.take(input.ip);
    if (!allowed.ok) throw new AppError("RATE_LIMITED", "providers.callbacks.tooManyUnknown", { retryAfterSeconds: allowed.retryAfterSeconds });
    recordRejectedCallback({ reason: input.token ? "unknown-token" : "missing-token", bodyBytes, userAgent: input.headers.get("user-agent") });
    throw new AppError("NOT_FOUND", "providers.callbacks.unknownToken");
  }

  let verified = false;
  const { secret, acceptUnsigned } = await callbackTrust(contract.providerId);
  // Unsigned is refused while the provider has a secret, unless an admin accepted unsigned callbacks
  // (the per-contract token then carries the trust). A signature that is present is always checked.
  const unsigned = !input.headers.get("webhook-signature");
  if (secret && !(unsigned && acceptUnsigned)) {
    const check = verifyWebhook({ headers: input.headers, body: input.body, secret });
    if (!check.ok) throw new AppError("UNAUTHENTICATED", msg("providers.callbacks.badSignature", { reason: check.reason }));
    verified = true;
  }

  // Over the allowance a moment ago: refused without a query until the window ends.
  const known = knownOverAllowance(contract.providerId);
  if (!known.ok) throw new AppError("RATE_LIMITED", "providers.callbacks.tooMany", { retryAfterSeconds: known.retryAfterSeconds });

  if (input.body.includes("\u0000")) throw new AppError("BAD_REQUEST", "providers.callbacks.nul");
  let json: unknown;
  try {
    json = JSON.parse(input.body);
  } catch {
    throw new AppError("BAD_REQUEST", "providers.callbacks.invalidJson");
  }
  // A hint only (the contract is re-read): read tolerantly, every provider shapes its body its own way.
  const hint = readCallbackHint(json);

  // Deduplicated on the provider's delivery id (or, without one, on the exact body).
  const webhookId = input.headers.get("webhook-id")?.slice(0, 200) || `sha256:${crypto.createHash("sha256").update(input.body).digest("hex")}`;
  const headers = Object.fromEntries(KEPT_HEADERS.flatMap((name) => (input.headers.get(name) ? [[name, input.headers.get(name)!]] : [])));
  const mismatch = hint.id && contract.remoteId !== hint.id ? storedText("providers.callbacks.mismatch", { bodyId: hint.id, tokenId: contract.remoteId ?? "" }) : null;
  await boss(); // started once per process (its schema and queues exist from then on)
  await spendAllowance(contract.providerId);
  // A named statement: each connection parses and plans it once (half the time of the statement).
  const { rows } = await pgPool().query<{ id: string | null; existing: string | null }>({ name: "callback-store-and-enqueue", text: STORE_AND_ENQUEUE, values: [
    crypto.randomUUID(),
    contract.providerId,
    contract.id,
    webhookId,
    JSON.stringify(headers),
    input.body,
    verified,
    mismatch,
    wakeNow(),
  ] });
  const row = rows[0]!;
  if (row.id) return { status: 202, deliveryId: row.id, duplicate: false };
  // A repeat: stored before (seen by this statement), or by a request running at the same moment (committed by now).
  const existing = row.existing ?? (await pgPool().query<{ id: string }>(`SELECT "id" FROM "CallbackDelivery" WHERE "providerId" = $1 AND "webhookId" = $2`, [contract.providerId, webhookId])).rows[0]?.id ?? "";
  return { status: 200, deliveryId: existing, duplicate: true };
}
