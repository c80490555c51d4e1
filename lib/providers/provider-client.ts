/**
 * The FiNUM client for one of an organization's providers, with its secrets decrypted and every
 * HTTP attempt written to the integration log (ProviderRequest). One client per provider version
 * is kept in memory so its JWT is reused across calls.
 */
import { db } from "../db";
import { AppError, logUnexpected, notFound } from "../errors";
import { decryptSecret } from "../crypto/secrets";
import { createFinumClient, type FinumClient, type FinumClientConfig, type ProviderCall } from "../finum/client";

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
}

/** Writes one attempt to the integration log. Best effort: a failure to log never fails the call. */
async function logCall(providerId: string, call: ProviderCall): Promise<void> {
  try {
    await db().providerRequest.create({
      data: {
        providerId,
        method: call.method,
        path: call.path,
        status: call.status,
        durationMs: call.durationMs,
        requestId: call.requestId,
        correlationId: call.correlationId,
        idempotencyKey: call.idempotencyKey,
        error: call.error?.slice(0, 1000) ?? null,
      },
    });
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
  if (!row) throw notFound("This provider");
  if (!row.enabled) throw new AppError("CONFLICT", `${row.name} is disabled. An administrator can enable it under Admin → Providers.`);
  const cacheKey = `${row.id}:${row.updatedAt.getTime()}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  for (const key of cache.keys()) if (key.startsWith(`${row.id}:`)) cache.delete(key);
  const client = buildProviderClient(row);
  cache.set(cacheKey, client);
  return client;
}

/** The decrypted webhook secret for verifying a provider's callbacks; null when none is set. */
export async function getProviderWebhookSecret(providerId: string): Promise<string | null> {
  const row = await db().provider.findUnique({ where: { id: providerId }, select: { webhookSecretEnc: true } });
  if (!row) throw notFound("This provider");
  return row.webhookSecretEnc ? decryptSecret(row.webhookSecretEnc) : null;
}
