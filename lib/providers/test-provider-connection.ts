import { db } from "../db";
import { notFound } from "../errors";
import { ProviderAuthError, ProviderError } from "../finum/client-errors";
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
 * Works on a disabled provider too, so an admin can check it before enabling it.
 */
export async function testProviderConnection(admin: Admin, providerId: string): Promise<ConnectionResult> {
  assertAdmin(admin);
  const row = await db().provider.findFirst({ where: { id: providerId, organizationId: admin.organizationId }, omit: { privateKeyEnc: false } });
  if (!row) throw notFound("This provider");
  const started = performance.now();
  let ok = false;
  let message: string;
  try {
    // One retry only: an admin is watching a spinner.
    const client = buildProviderClient(row, { maxRetries: 1, timeoutMs: 8_000 });
    const status = await client.authStatus();
    ok = true;
    message = `Connected: ${row.name} accepts our token as ${status.consumerId}${status.audience ? ` (audience ${status.audience})` : ""}.`;
  } catch (error) {
    message = describeFailure(error, row.name);
  }
  const durationMs = Math.round(performance.now() - started);
  const checkedAt = new Date();
  await db().provider.update({ where: { id: row.id }, data: { lastCheckedAt: checkedAt, lastCheckOk: ok, lastCheckMessage: message.slice(0, 1000) } });
  return { ok, message, checkedAt, durationMs };
}

function describeFailure(error: unknown, name: string): string {
  if (error instanceof ProviderAuthError) {
    return `${error.message.replace(/\.?$/, ".")} Check the consumer id, the audience and the key id, and that ${name} has our current public key.`;
  }
  if (error instanceof ProviderError) return error.message;
  if (error instanceof SecretDecryptionError) return `The stored private key cannot be decrypted (was ENCRYPTION_KEY changed?). Rotate the key pair.`;
  throw error;
}
