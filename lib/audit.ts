import type { Prisma } from "./generated/prisma/client";
import { db, type Tx } from "./db";
import { currentContext } from "./log/context";

export interface AuditInput {
  organizationId?: string | null;
  actorId?: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  ip?: string | null;
  requestId?: string | null;
  data?: Prisma.InputJsonValue;
}

/**
 * Appends an audit row; pass the transaction when the audited change is part of one. The request
 * id (the caller's X-Request-Id, or ours; a job's id in a worker) is kept unless one is given.
 */
export async function recordAudit(input: AuditInput, tx?: Tx): Promise<void> {
  // Inside a request: its request id on the row; an API request's correlation id and client in the data.
  const context = currentContext();
  const trace = context ? { ...(context.correlationId ? { correlationId: context.correlationId } : {}), ...(context.apiClientId ? { apiClientId: context.apiClientId } : {}) } : {};
  const data = Object.keys(trace).length ? { ...((input.data ?? {}) as Record<string, Prisma.InputJsonValue>), ...trace } : (input.data ?? {});
  await (tx ?? db()).auditEvent.create({ data: { ...input, requestId: input.requestId ?? context?.requestId ?? null, data } });
}
