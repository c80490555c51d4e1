/**
 * The provider's id for one of our clients (the "foreign id"): reused when we have it,
 * otherwise created once through POST /client with an Idempotency-Key. Never twice.
 */
import { db } from "../db";
import { AppError } from "../errors";
import { msg } from "../i18n/message";
import type { FinumClient } from "../finum/client";
import type { CreateClientRequest } from "../finum/requests";
import type { Prisma } from "../generated/prisma/client";
import { isoDay } from "../format";
import { performProviderWrite } from "../writes/perform-provider-write";

type ClientRow = Prisma.ClientGetPayload<true>;

export function clientRequestBody(client: ClientRow): CreateClientRequest {
  const address = client.street || client.city ? { street: client.street ?? undefined, postalCode: client.postalCode ?? undefined, city: client.city ?? undefined, country: client.country } : undefined;
  const contact = { ...(client.email ? { email: client.email } : {}), ...(client.phone ? { phone: client.phone } : {}), ...(address ? { address } : {}) };
  if (client.kind === "COMPANY") return { type: "company", companyName: client.companyName!, ...contact };
  if (!client.birthDate) {
    throw new AppError("VALIDATION", msg("clients.errors.birthDateNeeded", { name: client.displayName }), {
      fieldErrors: { birthDate: ["clients.errors.neededByProvider"] },
    });
  }
  return { type: "person", firstName: client.firstName!, lastName: client.lastName!, birthDate: isoDay(client.birthDate)!, ...contact };
}

export async function ensureProviderClient(client: ClientRow, providerId: string, finum: FinumClient): Promise<string> {
  const linked = await db().providerClientLink.findUnique({ where: { clientId_providerId: { clientId: client.id, providerId } }, select: { remoteId: true } });
  if (linked) return linked.remoteId;
  return performProviderWrite({
    providerId,
    clientId: client.id,
    operation: "client.create",
    body: clientRequestBody(client),
    alreadyDone: async (tx) =>
      (await tx.providerClientLink.findUnique({ where: { clientId_providerId: { clientId: client.id, providerId } }, select: { remoteId: true } }))?.remoteId ?? null,
    send: (body, idempotencyKey) => finum.createClient(body, { idempotencyKey }),
    onSuccess: async (tx, record) => {
      await tx.providerClientLink.upsert({
        where: { clientId_providerId: { clientId: client.id, providerId } },
        update: { remoteId: record.id, raw: record.raw as Prisma.InputJsonValue, remoteUpdatedAt: record.updatedAt },
        create: { clientId: client.id, providerId, remoteId: record.id, raw: record.raw as Prisma.InputJsonValue, remoteUpdatedAt: record.updatedAt },
      });
      return record.id;
    },
  });
}
