/** Reads for the admin pages and the proposal flow. Secrets are never selected here. */
import { db } from "../db";
import { storedMessagesOf } from "../i18n/stored-message";
import { readStoredText } from "../i18n/stored-text";
import { notFound } from "../errors";
import type { SessionUser } from "../auth/session";

type Viewer = Pick<SessionUser, "organizationId">;

export async function listProviders(viewer: Viewer) {
  return db().provider.findMany({
    where: { organizationId: viewer.organizationId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, baseUrl: true, consumerId: true, enabled: true, lastCheckedAt: true, lastCheckOk: true, lastCheckMessage: true, _count: { select: { products: true } } },
  });
}

export async function getProvider(viewer: Viewer, providerId: string) {
  const provider = await db().provider.findFirst({
    where: { id: providerId, organizationId: viewer.organizationId },
    select: {
      id: true,
      name: true,
      baseUrl: true,
      consumerId: true,
      audience: true,
      keyId: true,
      publicKeyPem: true,
      enabled: true,
      lastCheckedAt: true,
      lastCheckOk: true,
      lastCheckMessage: true,
      timeoutMs: true,
      requestsPerSecond: true,
      idChunkSizeOverride: true,
      idChunkSizeLearned: true,
      acceptUnsignedCallbacks: true,
      allowPrivateNetwork: true,
      pausedUntil: true,
      createdAt: true,
      updatedAt: true,
      syncCursors: { select: { recordType: true, lastPullStartedAt: true, lastSuccessAt: true, lastCount: true, lastError: true } },
    },
  });
  if (!provider) throw notFound("providers.errors.notFound");
  // The test's outcome is stored as messages: in English here (logs, tests), as messages for a page.
  return { ...provider, lastCheckMessage: readStoredText(provider.lastCheckMessage, "en"), lastCheck: provider.lastCheckMessage ? storedMessagesOf(provider.lastCheckMessage) : null };
}

/** The integration log: the provider's latest HTTP attempts, newest first. */
export async function listProviderRequests(viewer: Viewer, providerId: string, take = 50) {
  await getProvider(viewer, providerId);
  return db().providerRequest.findMany({
    where: { providerId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(take, 1), 200),
    select: { id: true, method: true, path: true, status: true, durationMs: true, requestId: true, correlationId: true, idempotencyKey: true, error: true, at: true },
  });
}

/** Callbacks from this provider whose processing failed (newest first), for the provider page. */
export async function listFailedCallbacks(viewer: Viewer, providerId: string, take = 10) {
  await getProvider(viewer, providerId);
  const where = { providerId, outcome: "failed" };
  const [rows, total] = await Promise.all([
    db().callbackDelivery.findMany({
      where,
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      take: Math.min(Math.max(take, 1), 50),
      select: { id: true, receivedAt: true, processedAt: true, attempts: true, lastError: true, contractId: true },
    }),
    db().callbackDelivery.count({ where }),
  ]);
  return { rows, total };
}

/** Whether the provider still has a webhook secret (never the secret itself). */
export async function providerHasWebhookSecret(viewer: Viewer, providerId: string): Promise<boolean> {
  const row = await db().provider.findFirst({ where: { id: providerId, organizationId: viewer.organizationId }, select: { webhookSecretEnc: true } });
  if (!row) throw notFound("providers.errors.notFound");
  return row.webhookSecretEnc !== null;
}
