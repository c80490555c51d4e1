import { db } from "../db";
import { notFound } from "../errors";
import { ProviderAddressError, ProviderAuthError, ProviderError, PROVIDER_ADDRESS_REFUSED } from "../finum/client-errors";
import { SecretDecryptionError } from "../crypto/secrets";
import { assertAdmin, type Admin } from "./guard";
import { buildProviderClient } from "./provider-client";
import { decryptSecret } from "../crypto/secrets";
import { runQuickConformance } from "../finum/conformance";

export interface ConnectionResult {
  ok: boolean;
  message: string;
  /** The quick conformance run (auth, reads, error shapes; no writes), once the token is accepted. */
  conformance?: { compatible: boolean; summary: string; differences: string[]; failures: string[] };
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
  let conformance: ConnectionResult["conformance"];
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
    conformance = await quickConformance(row, audience);
    if (!conformance.compatible) {
      ok = false;
      message += ` But it does not follow the FiNUM spec where the portal needs it: ${conformance.failures.join("; ")}.`;
    } else if (conformance.differences.length > 0) {
      message += ` It differs from our conventions in ${conformance.differences.length} point${conformance.differences.length === 1 ? "" : "s"} the portal adapts to.`;
    }
    if (ok && !row.enabled) message += " You can enable the provider now.";
  } catch (error) {
    message = describeFailure(error, row.name, audience);
  }
  const durationMs = Math.round(performance.now() - started);
  const checkedAt = new Date();
  await db().provider.update({ where: { id: row.id }, data: { lastCheckedAt: checkedAt, lastCheckOk: ok, lastCheckMessage: message.slice(0, 1000) } });
  return { ok, message, checkedAt, durationMs, conformance };
}

/** The quick part of the conformance suite (lib/finum/conformance): spec checks must pass, conventions may differ. */
async function quickConformance(row: { baseUrl: string; consumerId: string; keyId: string | null; privateKeyEnc: string }, audience: string): Promise<NonNullable<ConnectionResult["conformance"]>> {
  const report = await runQuickConformance({ baseUrl: row.baseUrl, consumerId: row.consumerId, keyId: row.keyId ?? undefined, privateKeyPem: decryptSecret(row.privateKeyEnc), audience, requestTimeoutMs: 8_000 });
  const line = (result: (typeof report.results)[number]) => `${result.title}${result.message ? `: ${result.message}` : ""}`;
  return { compatible: report.compatible, summary: report.summary, differences: report.differences.map(line), failures: report.failures.map(line) };
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
