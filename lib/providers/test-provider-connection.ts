import { db } from "../db";
import { notFound } from "../errors";
import { ProviderAddressError, ProviderAuthError, ProviderError } from "../finum/client-errors";
import { SecretDecryptionError } from "../crypto/secrets";
import { assertAdmin, type Admin } from "./guard";
import { buildProviderClient } from "./provider-client";
import { decryptSecret } from "../crypto/secrets";
import { runQuickConformance } from "../finum/conformance";
import { msg, type Msg } from "../i18n/message";
import { hasMessage } from "../i18n/translate";
import { storeMessages } from "../i18n/stored-message";
import { translateAll } from "../i18n/stored-text";

export interface ConnectionResult {
  ok: boolean;
  /** The outcome in English (logs, tests); `messages` is the same for the reader's language. */
  message: string;
  messages: Msg[];
  /** The quick conformance run (auth, reads, error shapes; no writes), once the token is accepted. */
  conformance?: { compatible: boolean; summary: string; differences: string[]; failures: string[]; failed: Array<{ id: string; title: string; message?: string }> };
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
  if (!row) throw notFound("providers.errors.notFound");
  const started = performance.now();
  let ok = false;
  let messages: Msg[];
  let conformance: ConnectionResult["conformance"];
  const audience = row.audience ?? new URL(row.baseUrl).host;
  try {
    // One retry only, and no long waits: an admin is watching a spinner.
    const client = buildProviderClient(row, { maxRetries: 1, timeoutMs: Math.min(row.timeoutMs, 8_000), maxRetryAfterSeconds: 2 });
    const status = await client.authStatus();
    ok = true;
    messages = [status.audience ? msg("providers.connection.connectedAudience", { name: row.name, consumerId: String(status.consumerId), audience: status.audience }) : msg("providers.connection.connected", { name: row.name, consumerId: String(status.consumerId) })];
    if (status.audience && status.audience !== audience) {
      messages.push(msg("providers.connection.audienceNote", { reported: status.audience, sent: audience }));
    }
    conformance = await quickConformance(row, audience);
    if (!conformance.compatible) {
      ok = false;
      const failed = conformance.failed;
      // Each failed check by its title in the reader's language; the provider's own detail as the check reported it.
      messages.push(
        msg("providers.connection.notConformant"),
        ...failed.map((failure, index) => {
          const key = `providers.conformance.${failure.id.replace(".", "_")}`;
          return msg(hasMessage(key) ? key : "providers.conformance.other", { title: failure.title, detail: failure.message ?? "", hasDetail: failure.message ? "yes" : "no", last: index === failed.length - 1 ? "yes" : "no" });
        }),
      );
    } else if (conformance.differences.length > 0) {
      messages.push(msg("providers.connection.differences", { count: conformance.differences.length }));
    }
    if (ok && !row.enabled) messages.push(msg("providers.connection.canEnable"));
  } catch (error) {
    messages = describeFailure(error, row.name, audience);
  }
  const message = translateAll("en", messages);
  const durationMs = Math.round(performance.now() - started);
  const checkedAt = new Date();
  await db().provider.update({ where: { id: row.id }, data: { lastCheckedAt: checkedAt, lastCheckOk: ok, lastCheckMessage: storeMessages(messages).slice(0, 4000) } });
  return { ok, message, messages, checkedAt, durationMs, conformance };
}

/** The quick part of the conformance suite (lib/finum/conformance): spec checks must pass, conventions may differ. */
async function quickConformance(row: { baseUrl: string; consumerId: string; keyId: string | null; privateKeyEnc: string }, audience: string): Promise<NonNullable<ConnectionResult["conformance"]>> {
  const report = await runQuickConformance({ baseUrl: row.baseUrl, consumerId: row.consumerId, keyId: row.keyId ?? undefined, privateKeyPem: decryptSecret(row.privateKeyEnc), audience, requestTimeoutMs: 8_000 });
  const line = (result: (typeof report.results)[number]) => `${result.title}${result.message ? `: ${result.message}` : ""}`;
  return { compatible: report.compatible, summary: report.summary, differences: report.differences.map(line), failures: report.failures.map(line), failed: report.failures.map(({ id, title, message }) => ({ id, title, message })) };
}

/** The audience a provider's refusal names, e.g. "expected audience 'api.acme'" → api.acme. */
export function expectedAudienceIn(text: string): string | undefined {
  const match = /(?:expect(?:ed|s)?|required?|must be|should be)\s*(?:audience|aud)?\s*(?:is|=|:)?\s*["'`“]?([A-Za-z0-9][A-Za-z0-9._:/-]*[A-Za-z0-9])["'`”]?/i.exec(text);
  const candidate = match?.[1];
  return candidate && !/^(audience|aud|an?|the|to)$/i.test(candidate) ? candidate : undefined;
}

/** Why the test failed: the client's own account of it (technical, as it is) and what to do, translated. */
function describeFailure(error: unknown, name: string, audience: string): Msg[] {
  if (error instanceof ProviderAddressError) return [msg("providers.errors.addressRefused")];
  if (error instanceof ProviderAuthError) {
    const said = error.providerMessage;
    if (/\baud(ience)?\b/i.test(said)) {
      const expected = expectedAudienceIn(said);
      return [
        msg(error.message.replace(/\.?$/, ".")),
        expected && expected !== audience ? msg("providers.connection.otherAudienceNamed", { name, expected, audience }) : msg("providers.connection.otherAudience", { name, audience }),
      ];
    }
    return [msg(error.message.replace(/\.?$/, ".")), msg("providers.connection.checkIdentity", { name, audience })];
  }
  if (error instanceof ProviderError) return [msg(error.message)];
  if (error instanceof SecretDecryptionError) return [msg("providers.connection.keyUndecryptable")];
  throw error;
}
