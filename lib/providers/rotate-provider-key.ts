import { db } from "../db";
import { notFound } from "../errors";
import { recordAudit } from "../audit";
import { encryptSecret } from "../crypto/secrets";
import { assertAdmin, type Admin } from "./guard";
import { generateKeyPair } from "./key-pair";

/**
 * Replaces the provider's key pair. The provider must receive the new public key (with the key id,
 * when one is set) before calls work again, so the page shows it with the onboarding steps.
 */
export async function rotateProviderKey(admin: Admin, providerId: string, keyId?: string | null): Promise<{ publicKeyPem: string }> {
  assertAdmin(admin);
  const keys = generateKeyPair();
  await db().$transaction(async (tx) => {
    const { count } = await tx.provider.updateMany({
      where: { id: providerId, organizationId: admin.organizationId },
      data: { publicKeyPem: keys.publicKeyPem, privateKeyEnc: encryptSecret(keys.privateKeyPem), ...(keyId !== undefined ? { keyId } : {}), lastCheckOk: null, lastCheckMessage: null },
    });
    if (count === 0) throw notFound("providers.errors.notFound");
    await recordAudit({ organizationId: admin.organizationId, actorId: admin.id, action: "provider.rotate-key", entityType: "Provider", entityId: providerId }, tx);
  });
  return { publicKeyPem: keys.publicKeyPem };
}
