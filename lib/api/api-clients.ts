/**
 * Administrators' API clients: create (the secret is shown once), rotate the secret, revoke.
 * The client acts as one user: an advisor (their own clients and contracts) or, by default,
 * the administrator who created it (the whole organization), exactly as that person would.
 */
import crypto from "node:crypto";
import { z } from "zod";
import { db } from "../db";
import { AppError, notFound } from "../errors";
import { recordAudit } from "../audit";
import { fieldErrorsOf } from "../clients/schema";
import type { SessionUser } from "../auth/session";
import { hashSecret } from "./tokens";
import { SCOPE_NAMES } from "./scopes";

type Admin = Pick<SessionUser, "id" | "organizationId" | "role">;

function requireAdmin(actor: Admin) {
  if (actor.role !== "ADMIN") throw new AppError("FORBIDDEN", "apiAdmin.errors.adminOnly");
}

export const apiClientInputSchema = z.object({
  name: z.string().trim().min(1, "apiAdmin.errors.name").max(100),
  scopes: z.array(z.enum(SCOPE_NAMES as [string, ...string[]], { error: "apiAdmin.errors.scopeChoice" })).min(1, "apiAdmin.errors.scopeMin"),
  /** An advisor the client acts as; empty: the creating administrator (whole organization). */
  actingUserId: z.string().trim().max(64).optional().transform((value) => value || undefined),
  /** YYYY-MM-DD, the last day the client works; empty: no expiry. */
  expiresOn: z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .refine((value) => value === undefined || (/^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T23:59:59Z`) > new Date()), "apiAdmin.errors.futureDate"),
});

const newSecret = () => `pds_${crypto.randomBytes(32).toString("base64url")}`;
const newClientId = () => `pdc_${crypto.randomBytes(12).toString("base64url")}`;

export interface CreatedApiClient {
  id: string;
  clientId: string;
  /** Shown once; only its hash is stored. */
  clientSecret: string;
}

export async function createApiClient(admin: Admin, input: unknown): Promise<CreatedApiClient> {
  requireAdmin(admin);
  const parsed = apiClientInputSchema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "common.errors.fieldsNeedAttention", { fieldErrors: fieldErrorsOf(parsed.error) });
  const { name, scopes, actingUserId, expiresOn } = parsed.data;
  if (actingUserId) {
    const user = await db().user.findFirst({ where: { id: actingUserId, organizationId: admin.organizationId, disabled: false }, select: { id: true } });
    if (!user) throw new AppError("VALIDATION", "common.errors.fieldsNeedAttention", { fieldErrors: { actingUserId: ["apiAdmin.errors.actingUser"] } });
  }
  const clientSecret = newSecret();
  const clientId = newClientId();
  const created = await db().$transaction(async (tx) => {
    const row = await tx.apiClient.create({
      data: {
        organizationId: admin.organizationId,
        name,
        clientId,
        secretHash: hashSecret(clientSecret),
        scopes: [...new Set(scopes)],
        actingUserId: actingUserId ?? admin.id,
        createdById: admin.id,
        expiresAt: expiresOn ? new Date(`${expiresOn}T23:59:59.999Z`) : null,
      },
      select: { id: true },
    });
    await recordAudit({ organizationId: admin.organizationId, actorId: admin.id, action: "api-client.create", entityType: "ApiClient", entityId: row.id, data: { name, scopes, actingUserId: actingUserId ?? admin.id } }, tx);
    return row;
  });
  return { id: created.id, clientId, clientSecret };
}

async function ownClient(admin: Admin, id: string) {
  requireAdmin(admin);
  const client = await db().apiClient.findFirst({ where: { id, organizationId: admin.organizationId }, select: { id: true, clientId: true, revokedAt: true } });
  if (!client) throw notFound("apiAdmin.errors.notFound");
  return client;
}

/** A new secret; the old one and every token issued with it stop working at once. */
export async function rotateApiClientSecret(admin: Admin, id: string): Promise<CreatedApiClient> {
  const client = await ownClient(admin, id);
  if (client.revokedAt) throw new AppError("CONFLICT", "apiAdmin.errors.revoked");
  const clientSecret = newSecret();
  await db().$transaction(async (tx) => {
    await tx.apiClient.update({ where: { id }, data: { secretHash: hashSecret(clientSecret), secretVersion: { increment: 1 } } });
    await recordAudit({ organizationId: admin.organizationId, actorId: admin.id, action: "api-client.rotate-secret", entityType: "ApiClient", entityId: id }, tx);
  });
  return { id, clientId: client.clientId, clientSecret };
}

export async function revokeApiClient(admin: Admin, id: string): Promise<void> {
  const client = await ownClient(admin, id);
  if (client.revokedAt) return;
  await db().$transaction(async (tx) => {
    await tx.apiClient.update({ where: { id }, data: { revokedAt: new Date(), secretVersion: { increment: 1 } } });
    await recordAudit({ organizationId: admin.organizationId, actorId: admin.id, action: "api-client.revoke", entityType: "ApiClient", entityId: id }, tx);
  });
}

export async function listApiClients(admin: Admin) {
  requireAdmin(admin);
  const [clients, users] = await Promise.all([
    db().apiClient.findMany({
      where: { organizationId: admin.organizationId },
      orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
      select: { id: true, name: true, clientId: true, scopes: true, actingUserId: true, expiresAt: true, revokedAt: true, lastUsedAt: true, createdAt: true },
    }),
    db().user.findMany({ where: { organizationId: admin.organizationId }, select: { id: true, name: true, role: true, disabled: true }, orderBy: { name: "asc" } }),
  ]);
  const byId = new Map(users.map((user) => [user.id, user]));
  return { clients: clients.map((client) => ({ ...client, actingUser: byId.get(client.actingUserId) ?? null })), users };
}
