/**
 * Idempotency-Key on POST: the first request with a key runs; the same key with the same
 * request within 24 hours gets the first answer again (status and body), the same key with a
 * different request gets 422. Server errors (5xx) are not kept, so a retry runs again.
 */
import crypto from "node:crypto";
import { db, Prisma } from "../db";
import { ApiProblem } from "./problem";

export const IDEMPOTENCY_TTL_HOURS = 24;
/** A first request still unanswered after this long is taken to have died with its process. */
const ABANDONED_AFTER_MS = 5 * 60_000;
const KEY = /^[\x21-\x7e]{1,255}$/;

export function requestHashOf(method: string, path: string, body: string): string {
  return crypto.createHash("sha256").update(`${method} ${path}\n${body}`).digest("hex");
}

export type IdempotencyStart = { kind: "new"; id: string } | { kind: "replay"; status: number; body: unknown };

export async function beginIdempotentRequest(apiClientId: string, key: string, requestHash: string, now = new Date()): Promise<IdempotencyStart> {
  if (!KEY.test(key)) throw new ApiProblem(400, "INVALID_IDEMPOTENCY_KEY", "apiAdmin.problems.idempotencyKeyInvalid", { fieldErrors: { "Idempotency-Key": ["apiAdmin.problems.fields.idempotencyKeyInvalid"] } });
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const row = await db().apiIdempotencyKey.create({
        data: { apiClientId, key, requestHash, expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_HOURS * 3_600_000) },
        select: { id: true },
      });
      return { kind: "new", id: row.id };
    } catch (error) {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    }
    const existing = await db().apiIdempotencyKey.findUnique({ where: { apiClientId_key: { apiClientId, key } } });
    if (!existing) continue; // removed meanwhile (expired or a failed first request): try again
    const abandoned = existing.responseStatus === null && now.getTime() - existing.createdAt.getTime() > ABANDONED_AFTER_MS;
    if (existing.expiresAt <= now || abandoned) {
      await db().apiIdempotencyKey.deleteMany({ where: { id: existing.id, createdAt: existing.createdAt } });
      continue;
    }
    if (existing.requestHash !== requestHash) {
      throw new ApiProblem(422, "IDEMPOTENCY_KEY_REUSED", "apiAdmin.problems.idempotencyKeyReused", { fieldErrors: { "Idempotency-Key": ["apiAdmin.problems.fields.idempotencyKeyReused"] } });
    }
    if (existing.responseStatus === null) {
      throw new ApiProblem(409, "IDEMPOTENCY_REQUEST_IN_PROGRESS", "apiAdmin.problems.idempotencyInProgress", { headers: { "retry-after": "1" } });
    }
    return { kind: "replay", status: existing.responseStatus, body: existing.responseBody };
  }
  throw new ApiProblem(409, "IDEMPOTENCY_REQUEST_IN_PROGRESS", "apiAdmin.problems.idempotencyBusy", { headers: { "retry-after": "1" } });
}

export async function finishIdempotentRequest(id: string, status: number, body: unknown): Promise<void> {
  if (status >= 500) {
    await db().apiIdempotencyKey.deleteMany({ where: { id } });
    return;
  }
  await db().apiIdempotencyKey.update({ where: { id }, data: { responseStatus: status, responseBody: (body ?? Prisma.JsonNull) as Prisma.InputJsonValue } });
}

/** For the retention job: keys past their 24 hours. */
export async function deleteExpiredIdempotencyKeys(now = new Date()): Promise<number> {
  const { count } = await db().apiIdempotencyKey.deleteMany({ where: { expiresAt: { lt: now } } });
  return count;
}
