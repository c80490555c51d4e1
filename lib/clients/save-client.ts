import { db, type Tx } from "../db";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit";
import { clientScope } from "../auth/scope";
import type { SessionUser } from "../auth/session";
import { clientInputSchema, displayNameOf, fieldErrorsOf, type ClientInput } from "./schema";

type Actor = Pick<SessionUser, "id" | "organizationId" | "role">;

function parse(input: unknown): ClientInput {
  const parsed = clientInputSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "common.errors.fieldsNeedAttention", { fieldErrors: fieldErrorsOf(parsed.error) });
  return parsed.data;
}

function columns(input: ClientInput) {
  const displayName = displayNameOf(input);
  const person = input.kind === "PERSON";
  return {
    kind: input.kind,
    firstName: person ? input.firstName! : null,
    lastName: person ? input.lastName! : null,
    companyName: person ? null : input.companyName!,
    displayName,
    searchText: [input.firstName, input.lastName, input.companyName, input.email].filter(Boolean).join(" ").toLowerCase(),
    email: input.email ?? null,
    phone: input.phone ?? null,
    birthDate: person && input.birthDate ? new Date(`${input.birthDate}T00:00:00Z`) : null,
    street: input.street ?? null,
    postalCode: input.postalCode ?? null,
    city: input.city ?? null,
    country: input.country,
    // Only when given: an API update without a language keeps the client's.
    ...(input.locale !== undefined ? { locale: input.locale } : {}),
  };
}

/** `options.tx`: run inside the caller's transaction (an all-or-none API batch). */
export async function createClient(actor: Actor, input: unknown, options: { tx?: Tx } = {}): Promise<{ id: string }> {
  const data = parse(input);
  return inTransaction(options.tx, async (tx) => {
    const client = await tx.client.create({ data: { ...columns(data), organizationId: actor.organizationId, ownerId: actor.id }, select: { id: true } });
    await recordAudit({ organizationId: actor.organizationId, actorId: actor.id, action: "client.create", entityType: "Client", entityId: client.id }, tx);
    return client;
  });
}

export async function updateClient(actor: Actor, clientId: string, input: unknown, options: { tx?: Tx } = {}): Promise<{ id: string }> {
  const data = parse(input);
  return inTransaction(options.tx, async (tx) => {
    const { count } = await tx.client.updateMany({ where: { id: clientId, ...clientScope(actor) }, data: columns(data) });
    if (count === 0) throw notFound("clients.errors.notFound");
    await recordAudit({ organizationId: actor.organizationId, actorId: actor.id, action: "client.update", entityType: "Client", entityId: clientId }, tx);
    return { id: clientId };
  });
}

const inTransaction = <T>(tx: Tx | undefined, fn: (tx: Tx) => Promise<T>): Promise<T> => (tx ? fn(tx) : db().$transaction(fn));
