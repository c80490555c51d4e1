import { db, Prisma } from "../db";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit";
import { encryptSecret } from "../crypto/secrets";
import { fieldErrorsOf } from "../clients/schema";
import { assertAdmin, type Admin } from "./guard";
import { defaultAudience, providerInputSchema } from "./schema";

/** Changes a provider's settings. An empty webhook secret keeps the current one. Audited. */
export async function updateProvider(admin: Admin, providerId: string, input: unknown): Promise<{ id: string }> {
  assertAdmin(admin);
  const parsed = providerInputSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Some fields need your attention.", { fieldErrors: fieldErrorsOf(parsed.error) });
  const data = parsed.data;
  try {
    await db().$transaction(async (tx) => {
      const { count } = await tx.provider.updateMany({
        where: { id: providerId, organizationId: admin.organizationId },
        data: {
          name: data.name,
          baseUrl: data.baseUrl,
          consumerId: data.consumerId,
          audience: data.audience ?? defaultAudience(data.baseUrl),
          keyId: data.keyId ?? null,
          ...(data.webhookSecret ? { webhookSecretEnc: encryptSecret(data.webhookSecret) } : {}),
        },
      });
      if (count === 0) throw notFound("This provider");
      await recordAudit(
        {
          organizationId: admin.organizationId,
          actorId: admin.id,
          action: "provider.update",
          entityType: "Provider",
          entityId: providerId,
          data: { name: data.name, baseUrl: data.baseUrl, consumerId: data.consumerId, webhookSecretChanged: Boolean(data.webhookSecret) },
        },
        tx,
      );
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", `A provider named ${data.name} already exists.`, { fieldErrors: { name: ["This name is already in use."] } });
    }
    throw error;
  }
  return { id: providerId };
}
