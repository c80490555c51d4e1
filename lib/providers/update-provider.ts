import { db, Prisma } from "../db";
import { AppError, notFound } from "../errors";
import { msg } from "../i18n/message";
import { recordAudit } from "../audit";
import { encryptSecret } from "../crypto/secrets";
import { fieldErrorsOf } from "../clients/schema";
import { assertAdmin, type Admin } from "./guard";
import { defaultAudience, providerInputSchema } from "./schema";
import { assertProviderUrlAllowed } from "./url-policy";

/**
 * Changes a provider's identity settings. An empty webhook secret keeps the current one. The base
 * URL must pass the address policy. A change to where or as whom we call (base URL, consumer id,
 * audience, key id) clears the last connection test, so the page asks for a new one. Audited.
 */
export async function updateProvider(admin: Admin, providerId: string, input: unknown): Promise<{ id: string }> {
  assertAdmin(admin);
  const parsed = providerInputSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "common.errors.fieldsNeedAttention", { fieldErrors: fieldErrorsOf(parsed.error) });
  const data = parsed.data;
  const current = await db().provider.findFirst({
    where: { id: providerId, organizationId: admin.organizationId },
    select: { baseUrl: true, consumerId: true, audience: true, keyId: true },
  });
  if (!current) throw notFound("providers.errors.notFound");
  await assertProviderUrlAllowed(data.baseUrl, data);
  const audience = data.audience ?? defaultAudience(data.baseUrl);
  const keyId = data.keyId ?? null;
  const identityChanged = current.baseUrl !== data.baseUrl || current.consumerId !== data.consumerId || current.audience !== audience || current.keyId !== keyId;
  try {
    await db().$transaction(async (tx) => {
      const { count } = await tx.provider.updateMany({
        where: { id: providerId, organizationId: admin.organizationId },
        data: {
          name: data.name,
          baseUrl: data.baseUrl,
          consumerId: data.consumerId,
          audience,
          keyId,
          allowPrivateNetwork: data.allowPrivateNetwork,
          ...(identityChanged ? { lastCheckOk: null, lastCheckMessage: null, lastCheckedAt: null } : {}),
          ...(data.webhookSecret ? { webhookSecretEnc: encryptSecret(data.webhookSecret) } : {}),
        },
      });
      if (count === 0) throw notFound("providers.errors.notFound");
      await recordAudit(
        {
          organizationId: admin.organizationId,
          actorId: admin.id,
          action: "provider.update",
          entityType: "Provider",
          entityId: providerId,
          data: { name: data.name, baseUrl: data.baseUrl, consumerId: data.consumerId, allowPrivateNetwork: data.allowPrivateNetwork, webhookSecretChanged: Boolean(data.webhookSecret) },
        },
        tx,
      );
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", msg("providers.errors.nameExists", { name: data.name }), { fieldErrors: { name: ["providers.errors.nameInUse"] } });
    }
    throw error;
  }
  return { id: providerId };
}
