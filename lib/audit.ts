import type { Prisma } from "./generated/prisma/client";
import { db, type Tx } from "./db";

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
  await (tx ?? db()).auditEvent.create({ data: { ...input, data: input.data ?? {} } });
}
