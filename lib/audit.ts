import type { Prisma } from "./generated/prisma/client";
import { db, type Tx } from "./db";
import { currentRequestContext } from "./request-context";

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

/** Appends an audit row; pass the transaction when the audited change is part of one. */
export async function recordAudit(input: AuditInput, tx?: Tx): Promise<void> {
  // Inside an API request: its request id on the row, its correlation id and API client in the data.
  const context = currentRequestContext();
  const trace = context ? { ...(context.correlationId ? { correlationId: context.correlationId } : {}), ...(context.apiClientId ? { apiClientId: context.apiClientId } : {}) } : {};
  const data = Object.keys(trace).length ? { ...((input.data ?? {}) as Record<string, Prisma.InputJsonValue>), ...trace } : (input.data ?? {});
  await (tx ?? db()).auditEvent.create({ data: { ...input, requestId: input.requestId ?? context?.requestId ?? null, data } });
}
