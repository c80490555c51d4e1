import { db } from "../db";
import { notFound } from "../errors";
import { recordAudit } from "../audit";
import { encryptSecret } from "../crypto/secrets";
import { generateWebhookSecret } from "../finum/webhook-signature";
import { assertAdmin, type Admin } from "./guard";

/**
 * Replaces the provider's webhook secret with a new one generated here, returned ONCE for the admin
 * to give to the provider (it is stored encrypted and never shown again). Callbacks signed with the
 * old secret are refused from now on (within the callback endpoint's short secret cache). Audited.
 */
export async function rotateWebhookSecret(admin: Admin, providerId: string): Promise<{ webhookSecret: string }> {
  assertAdmin(admin);
  const webhookSecret = generateWebhookSecret();
  await db().$transaction(async (tx) => {
    const { count } = await tx.provider.updateMany({ where: { id: providerId, organizationId: admin.organizationId }, data: { webhookSecretEnc: encryptSecret(webhookSecret) } });
    if (count === 0) throw notFound("providers.errors.notFound");
    await recordAudit({ organizationId: admin.organizationId, actorId: admin.id, action: "provider.rotate-webhook-secret", entityType: "Provider", entityId: providerId }, tx);
  });
  return { webhookSecret };
}
