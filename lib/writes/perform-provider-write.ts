/**
 * Every write to a provider goes through here. The Idempotency-Key and the exact body are
 * stored before the call; a later attempt at the same operation (a retry, a double click, a
 * restart after a crash between the call and our commit) resends that same body with that
 * same key, so the provider answers with the original record instead of creating another.
 */
import crypto from "node:crypto";
import { db, type Tx } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { ProviderRejectedError, ProviderAuthError } from "../finum/client-errors";
import { toAppError } from "../providers/map-provider-error";
import { storeMessage } from "../i18n/stored-message";
import { AppError } from "../errors";

export interface ProviderWriteSpec<Body, Result, Out> {
  providerId: string;
  contractId?: string;
  clientId?: string;
  operation: "client.create" | "contract.create" | "contract.resubmit" | "contract.order" | "contract.withdraw";
  body: Body;
  send: (body: Body, idempotencyKey: string) => Promise<Result>;
  /** Runs in the transaction that marks the write done. */
  onSuccess: (tx: Tx, result: Result) => Promise<Out>;
  /** Checked under the lock before anything is sent: when it returns a value, the write is already done. */
  alreadyDone?: (tx: Tx) => Promise<Out | null>;
}

const hash = (value: unknown) => crypto.createHash("sha256").update(JSON.stringify(value)).digest("hex");

export async function performProviderWrite<Body, Result, Out>(spec: ProviderWriteSpec<Body, Result, Out>): Promise<Out> {
  const scope = { providerId: spec.providerId, operation: spec.operation, contractId: spec.contractId ?? null, clientId: spec.clientId ?? null };
  const bodyHash = hash(spec.body);
  for (;;) {
    // Serialize attempts at the same operation, so two clicks cannot both create a pending write.
    const write = await db().$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`${scope.providerId}:${scope.operation}:${scope.contractId}:${scope.clientId}`}))`;
      const done = spec.alreadyDone ? await spec.alreadyDone(tx) : null;
      if (done !== null) return { done };
      const pending = await tx.providerWrite.findFirst({ where: { ...scope, state: "PENDING" }, orderBy: { createdAt: "asc" } });
      if (pending) return pending;
      return tx.providerWrite.create({
        data: { ...scope, idempotencyKey: crypto.randomUUID(), request: spec.body as Prisma.InputJsonValue, requestHash: bodyHash },
      });
    });
    if ("done" in write) return write.done;
    const out = await settle(spec, write);
    // An older unconfirmed attempt with another body was settled first; now send this one.
    if (write.requestHash === bodyHash) return out;
  }
}

async function settle<Body, Result, Out>(spec: ProviderWriteSpec<Body, Result, Out>, write: { id: string; idempotencyKey: string; request: Prisma.JsonValue }): Promise<Out> {
  let result: Result;
  try {
    result = await spec.send(write.request as Body, write.idempotencyKey);
  } catch (error) {
    // A definite "no" from the provider ends this write; anything else (down, timeout, unreadable
    // answer) may have happened on their side, so the write stays pending and is resent as is.
    // Kept as a message (key and values), shown in each reader's language on the contract page.
    const kept = storedError(error);
    if (error instanceof ProviderRejectedError || error instanceof ProviderAuthError) {
      await db().providerWrite.update({ where: { id: write.id }, data: { state: "FAILED", error: kept, completedAt: new Date() } });
    } else {
      await db().providerWrite.update({ where: { id: write.id }, data: { error: kept } });
    }
    throw error;
  }
  return db().$transaction(async (tx) => {
    await tx.providerWrite.update({ where: { id: write.id }, data: { state: "SUCCEEDED", response: JSON.parse(JSON.stringify(result)) as Prisma.InputJsonValue, error: null, completedAt: new Date() } });
    return spec.onSuccess(tx, result);
  });
}

function storedError(error: unknown): string {
  const mapped = toAppError(error);
  return mapped instanceof AppError ? storeMessage(mapped.msg) : error instanceof Error ? error.message : String(error);
}
