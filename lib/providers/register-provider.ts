import { db, Prisma } from "../db";
import { AppError } from "../errors";
import { recordAudit } from "../audit";
import { encryptSecret } from "../crypto/secrets";
import { generateWebhookSecret } from "../finum/webhook-signature";
import { fieldErrorsOf } from "../clients/schema";
import { assertAdmin, type Admin } from "./guard";
import { checkKeyPair, generateKeyPair, type KeyPair } from "./key-pair";
import { defaultAudience, providerInputSchema } from "./schema";

export interface RegisterProviderOptions {
  /** The admin registering it; null for the seed. */
  actor: Admin | null;
  /** An existing key pair (the seed's development identity); otherwise one is generated here. */
  keyPair?: KeyPair;
}

/**
 * Registers a FiNUM provider for an organization: a key pair generated in the app (the public half
 * is shown for onboarding), a webhook secret, both secrets encrypted at rest. Audited.
 */
export async function registerProvider(organizationId: string, input: unknown, options: RegisterProviderOptions): Promise<{ id: string }> {
  if (options.actor) {
    assertAdmin(options.actor);
    if (options.actor.organizationId !== organizationId) throw new AppError("FORBIDDEN", "You can only add providers to your own organization.");
  }
  const parsed = providerInputSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Some fields need your attention.", { fieldErrors: fieldErrorsOf(parsed.error) });
  const data = parsed.data;
  const keys = options.keyPair ? checkKeyPair(options.keyPair) : generateKeyPair();
  try {
    return await db().$transaction(async (tx) => {
      const provider = await tx.provider.create({
        data: {
          organizationId,
          name: data.name,
          baseUrl: data.baseUrl,
          consumerId: data.consumerId,
          audience: data.audience ?? defaultAudience(data.baseUrl),
          keyId: data.keyId ?? null,
          publicKeyPem: keys.publicKeyPem,
          privateKeyEnc: encryptSecret(keys.privateKeyPem),
          webhookSecretEnc: encryptSecret(data.webhookSecret ?? generateWebhookSecret()),
        },
        select: { id: true },
      });
      await recordAudit(
        { organizationId, actorId: options.actor?.id, action: "provider.register", entityType: "Provider", entityId: provider.id, data: { name: data.name, baseUrl: data.baseUrl, consumerId: data.consumerId } },
        tx,
      );
      return provider;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", `A provider named ${data.name} already exists.`, { fieldErrors: { name: ["This name is already in use."] } });
    }
    throw error;
  }
}
