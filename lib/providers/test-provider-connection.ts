import { db } from "../db";
import { notFound } from "../errors";
import { ProviderAddressError, ProviderAuthError, ProviderError, PROVIDER_ADDRESS_REFUSED } from "../finum/client-errors";
import { SecretDecryptionError } from "../crypto/secrets";
import { assertAdmin, type Admin } from "./guard";
import { buildProviderClient } from "./provider-client";

export interface ConnectionResult {
  ok: boolean;
  message: string;
  checkedAt: Date;
  durationMs: number;
}

/**
 * Calls the provider's auth-status with our token and stores the outcome on the provider.
 * Works on a disabled provider too: a passing test is what lets an admin enable a new provider.
 * When the provider names another audience (in its auth-status answer or its 401), the message says so.
 */
export async function testProviderConnection(admin: Admin, providerId: string): Promise<ConnectionResult> {
  assertAdmin(admin);
  const row = await db().provider.findFirst({ where: { id: providerId, organizationId: admin.organizationId }, omit: { privateKeyEnc: false } });
  if (!row) throw notFound("This provider");
  const started = performance.now();
  let ok = false;
  let message: string;
  const audience = row.audience ?? new URL(row.baseUrl).host;
  try {
    // One retry only, and no long waits: an admin is watching a spinner.
    const client = buildProviderClient(row, { maxRetries: 1, timeoutMs: Math.min(row.timeoutMs, 8_000), maxRetryAfterSeconds: 2 });
    const status = await client.authStatus();
    ok = true;
    message = `Connected: ${row.name} accepts our token as ${status.consumerId}${status.audience ? ` (audience ${status.audience})` : ""}.`;
    if (status.audience && status.audience !== audience) {
      message += ` Note: it reports the audience ${status.audience}, while we send ${audience}; set the audience under Settings if calls start failing.`;
    }
    if (!row.enabled) message += " You can enable the provider now.";
  } catch (error) {
    message = describeFailure(error, row.name, audience);
  }
  const durationMs = Math.round(performance.now() - started);
  const checkedAt = new Date();
  await db().provider.update({ where: { id: row.id }, data: { lastCheckedAt: checkedAt, lastCheckOk: ok, lastCheckMessage: message.slice(0, 1000) } });
  return { ok, message, checkedAt, durationMs };
}

/** The audience a provider's refusal names, e.g. "expected audience 'api.acme'" → api.acme. */
export function expectedAudienceIn(text: string): string | undefined {
  const match = /(?:expect(?:ed|s)?|required?|must be|should be)\s*(?:audience|aud)?\s*(?:is|=|:)?\s*["'`“]?([A-Za-z0-9][A-Za-z0-9._:/-]*[A-Za-z0-9])["'`”]?/i.exec(text);
  const candidate = match?.[1];
  return candidate && !/^(audience|aud|an?|the|to)$/i.test(candidate) ? candidate : undefined;
}

function describeFailure(error: unknown, name: string, audience: string): string {
  if (error instanceof ProviderAddressError) return PROVIDER_ADDRESS_REFUSED;
  if (error instanceof ProviderAuthError) {
    const said = error.providerMessage;
    if (/\baud(ience)?\b/i.test(said)) {
      const expected = expectedAudienceIn(said);
      return `${error.message.replace(/\.?$/, ".")} ${name} expects another audience${expected && expected !== audience ? ` (${expected})` : ""} than the one we send (${audience}). Set the audience under Settings, then test again.`;
    }
    return `${error.message.replace(/\.?$/, ".")} Check the consumer id, the audience (${audience}) and the key id, and that ${name} has our current public key.`;
  }
  if (error instanceof ProviderError) return error.message;
  if (error instanceof SecretDecryptionError) return `The stored private key cannot be decrypted (was ENCRYPTION_KEY changed?). Rotate the key pair.`;
  throw error;
}
