import { db, Prisma } from "../db";
import { AppError } from "../errors";
import { msg } from "../i18n/message";
import { recordAudit } from "../audit";
import { encryptSecret } from "../crypto/secrets";
import { generateWebhookSecret } from "../finum/webhook-signature";
import { fieldErrorsOf } from "../clients/schema";
import { assertAdmin, type Admin } from "./guard";
import { checkKeyPair, generateKeyPair, type KeyPair } from "./key-pair";
import { defaultAudience, providerInputSchema } from "./schema";
import { assertProviderUrlAllowed } from "./url-policy";

export interface RegisterProviderOptions {
  /** The admin registering it; null for the seed. */
  actor: Admin | null;
  /** An existing key pair (the seed's development identity); otherwise one is generated here. */
  keyPair?: KeyPair;
  /**
   * Enabled at once. Only for a provider that already has our public key (the seed's development
   * identity, test fixtures). Everyone else starts disabled until the connection test passes.
   */
  enabled?: boolean;
}

export interface RegisteredProvider {
  id: string;
  /** The webhook secret we generated, to show the admin ONCE (it is stored encrypted). Absent when the admin gave one. */
  webhookSecret?: string;
}

/**
 * Registers a FiNUM provider for an organization: a key pair generated in the app (the public half
 * is shown for onboarding), a webhook secret (generated unless the provider gave one), both secrets
 * encrypted at rest. The base URL must pass the address policy. A new provider starts disabled: no
 * proposal, sync or refresh reaches it before its connection test passes and an admin enables it. Audited.
 */
export async function registerProvider(organizationId: string, input: unknown, options: RegisterProviderOptions): Promise<RegisteredProvider> {
  if (options.actor) {
    assertAdmin(options.actor);
    if (options.actor.organizationId !== organizationId) throw new AppError("FORBIDDEN", "providers.errors.ownOrganization");
  }
  const parsed = providerInputSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "common.errors.fieldsNeedAttention", { fieldErrors: fieldErrorsOf(parsed.error) });
  const data = parsed.data;
  await assertProviderUrlAllowed(data.baseUrl, data);
  const keys = options.keyPair ? checkKeyPair(options.keyPair) : generateKeyPair();
  const generatedSecret = data.webhookSecret ? undefined : generateWebhookSecret();
  try {
    const provider = await db().$transaction(async (tx) => {
      const created = await tx.provider.create({
        data: {
          organizationId,
          name: data.name,
          baseUrl: data.baseUrl,
          consumerId: data.consumerId,
          audience: data.audience ?? defaultAudience(data.baseUrl),
          keyId: data.keyId ?? null,
          publicKeyPem: keys.publicKeyPem,
          privateKeyEnc: encryptSecret(keys.privateKeyPem),
          webhookSecretEnc: encryptSecret(data.webhookSecret ?? generatedSecret!),
          allowPrivateNetwork: data.allowPrivateNetwork,
          enabled: options.enabled ?? false,
        },
        select: { id: true },
      });
      await recordAudit(
        {
          organizationId,
          actorId: options.actor?.id,
          action: "provider.register",
          entityType: "Provider",
          entityId: created.id,
          data: { name: data.name, baseUrl: data.baseUrl, consumerId: data.consumerId, allowPrivateNetwork: data.allowPrivateNetwork },
        },
        tx,
      );
      return created;
    });
    return generatedSecret ? { id: provider.id, webhookSecret: generatedSecret } : { id: provider.id };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", msg("providers.errors.nameExists", { name: data.name }), { fieldErrors: { name: ["providers.errors.nameInUse"] } });
    }
    throw error;
  }
}
