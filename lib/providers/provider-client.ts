/**
 * The FiNUM client for one of an organization's providers, with its secrets decrypted, its settings
 * (timeout, requests per second, id chunk size), the address policy (url-policy.ts), and every HTTP
 * attempt written to the integration log (ProviderRequest). What the client learns is kept on the
 * provider row: the id chunk size after a 413/414, and `pausedUntil` after a Retry-After, which every
 * instance reads before each request. One client per provider version is kept in memory so its JWT
 * is reused across calls.
 */
import { db } from "../db";
import { env } from "../env";
import { AppError, logUnexpected, notFound } from "../errors";
import { msg } from "../i18n/message";
import { decryptSecret } from "../crypto/secrets";
import { createFinumClient, type FinumClient, type FinumClientConfig, type ProviderCall } from "../finum/client";
import { MAX_IDS_PER_LIST_CALL } from "../finum/common";
import { clientUrlHooks } from "./url-policy";
import { newId } from "../log/context";

const SECRET_COLUMNS = { privateKeyEnc: false, webhookSecretEnc: false } as const;

const cache = new Map<string, FinumClient>();

interface ProviderRow {
  id: string;
  name: string;
  baseUrl: string;
  consumerId: string;
  audience: string | null;
  keyId: string | null;
  privateKeyEnc: string;
  updatedAt: Date;
  timeoutMs: number;
  requestsPerSecond: number | null;
  idChunkSizeOverride: number | null;
  idChunkSizeLearned: number | null;
  allowPrivateNetwork: boolean;
}

/** Ids per `*-list` call: the admin's override wins, then what a 413/414 taught us, then FINUM's 500. */
export function effectiveIdChunkSize(row: Pick<ProviderRow, "idChunkSizeOverride" | "idChunkSizeLearned">): number {
  return row.idChunkSizeOverride ?? row.idChunkSizeLearned ?? MAX_IDS_PER_LIST_CALL;
}

// Raw updates on purpose: they must not bump updatedAt (which would drop every cached client and its token).
async function rememberChunkSize(providerId: string, size: number): Promise<void> {
  await db().$executeRaw`UPDATE "Provider" SET "idChunkSizeLearned" = LEAST(COALESCE("idChunkSizeLearned", ${size}), ${size}) WHERE "id" = ${providerId}`;
}

/** Moves the shared pause forward only (two instances' Retry-Afters: the later end wins). */
async function pauseProvider(providerId: string, until: Date): Promise<void> {
  await db().$executeRaw`UPDATE "Provider" SET "pausedUntil" = GREATEST(COALESCE("pausedUntil", ${until}), ${until}) WHERE "id" = ${providerId}`;
}

// Raw SQL for the two statements of every provider call: an ORM model query is compiled anew for
// each call (about 2 ms of CPU), and a sync of 50,000 contracts makes hundreds of calls.
async function providerPause(providerId: string): Promise<Date | null> {
  const [row] = await db().$queryRaw<Array<{ pausedUntil: Date | null }>>`SELECT "pausedUntil" FROM "Provider" WHERE "id" = ${providerId}`;
  return row?.pausedUntil && row.pausedUntil.getTime() > Date.now() ? row.pausedUntil : null;
}

/** A 2xx the client could not read: its log row shows the error instead of a plain 200. */
async function markUnreadable(providerId: string, requestId: string, message: string): Promise<void> {
  await db().providerRequest.updateMany({ where: { providerId, requestId }, data: { error: message.slice(0, 1000) } });
}

/** Writes one attempt to the integration log. Best effort: a failure to log never fails the call. */
async function logCall(providerId: string, call: ProviderCall): Promise<void> {
  try {
    await db().$executeRaw`
      INSERT INTO "ProviderRequest" ("id", "providerId", "method", "path", "status", "durationMs", "requestId", "correlationId", "idempotencyKey", "error", "at")
      VALUES (${newId()}, ${providerId}, ${call.method}, ${call.path}, ${call.status ?? null}::int, ${Math.round(call.durationMs)}::int, ${call.requestId},
              ${call.correlationId ?? null}, ${call.idempotencyKey ?? null}, ${call.error?.slice(0, 1000) ?? null}, ${new Date().toISOString()}::timestamp)`;
  } catch (error) {
    logUnexpected(error, { what: "provider request log", providerId, path: call.path });
  }
}

/** Builds a client from a provider row (secrets selected). Used by providerClientFor and the connection test. */
export function buildProviderClient(row: ProviderRow, overrides: Partial<FinumClientConfig> = {}): FinumClient {
  return createFinumClient({
    name: row.name,
    baseUrl: row.baseUrl,
    consumerId: row.consumerId,
    audience: row.audience ?? new URL(row.baseUrl).host,
    keyId: row.keyId,
    privateKeyPem: decryptSecret(row.privateKeyEnc),
    timeoutMs: row.timeoutMs,
    requestsPerSecond: row.requestsPerSecond,
    idChunkSize: effectiveIdChunkSize(row),
    maxResponseBytes: env().PROVIDER_MAX_RESPONSE_MB * 1024 * 1024,
    ...clientUrlHooks(row),
    pause: { get: () => providerPause(row.id), set: (until) => pauseProvider(row.id, until) },
    onLearnChunkSize: (size) => rememberChunkSize(row.id, size),
    onUnreadable: (requestId, message) => markUnreadable(row.id, requestId, message),
    onCall: (call) => logCall(row.id, call),
    ...overrides,
  });
}

/**
 * The client for `providerId`, which must belong to `organizationId` and be enabled.
 * Throws NOT_FOUND for another organization's provider, CONFLICT for a disabled one.
 */
export async function providerClientFor(providerId: string, organizationId: string): Promise<FinumClient> {
  const row = await db().provider.findFirst({
    where: { id: providerId, organizationId },
    omit: SECRET_COLUMNS,
  });
  if (!row) throw notFound("providers.errors.notFound");
  if (!row.enabled) throw new AppError("CONFLICT", msg("providers.errors.disabled", { name: row.name }));
  const cacheKey = `${row.id}:${row.updatedAt.getTime()}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  for (const key of cache.keys()) if (key.startsWith(`${row.id}:`)) cache.delete(key);
  const client = buildProviderClient(row);
  cache.set(cacheKey, client);
  return client;
}

/**
 * How a provider's callbacks are trusted: its webhook secret (null when none is set) and whether an
 * admin accepted unsigned deliveries (then the per-contract callback token carries the trust).
 */
export async function getProviderCallbackTrust(providerId: string): Promise<{ secret: string | null; acceptUnsigned: boolean }> {
  const row = await db().provider.findUnique({ where: { id: providerId }, select: { webhookSecretEnc: true, acceptUnsignedCallbacks: true } });
  if (!row) throw notFound("providers.errors.notFound");
  return { secret: row.webhookSecretEnc ? decryptSecret(row.webhookSecretEnc) : null, acceptUnsigned: row.acceptUnsignedCallbacks };
}

/** The decrypted webhook secret for verifying a provider's callbacks; null when none is set. */
export async function getProviderWebhookSecret(providerId: string): Promise<string | null> {
  const row = await db().provider.findUnique({ where: { id: providerId }, select: { webhookSecretEnc: true } });
  if (!row) throw notFound("providers.errors.notFound");
  return row.webhookSecretEnc ? decryptSecret(row.webhookSecretEnc) : null;
}
