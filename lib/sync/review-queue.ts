/**
 * The review queue as an admin reads it: what the provider sent (name, birth date, the provider's
 * own `_` fields), why the portal could not take it in, and the client the portal suggests.
 */
import { db } from "../db";
import { AppError } from "../errors";
import type { SessionUser } from "../auth/session";
import { actionsFor } from "./resolve-review-item";

type Admin = Pick<SessionUser, "id" | "organizationId" | "role">;

export const REVIEW_REASON_LABELS: Record<string, string> = {
  UNKNOWN_HOLDER: "Unknown holder",
  UNKNOWN_PRODUCT: "Unknown product",
  APPLY_FAILED: "Could not be applied",
};

export interface ReviewRow {
  id: string;
  providerId: string;
  providerName: string;
  recordType: string;
  remoteId: string;
  reason: string;
  reasonLabel: string;
  message: string;
  createdAt: Date;
  /** The provider's record, as far as a person needs it. */
  record: { name: string | null; birthDate: string | null; email: string | null; city: string | null; status: number | null; productId: string | null; extra: Array<[string, string]> };
  suggested: { id: string; displayName: string; birthDate: Date | null; ownerName: string } | null;
  actions: ReadonlyArray<string>;
}

const text = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value : typeof value === "number" ? String(value) : null);

function recordOf(raw: Record<string, unknown>): ReviewRow["record"] {
  const address = typeof raw.address === "object" && raw.address !== null ? (raw.address as Record<string, unknown>) : raw;
  const person = [text(raw.firstName), text(raw.lastName)].filter(Boolean).join(" ");
  const extra = Object.entries(raw)
    .filter(([key]) => key.startsWith("_"))
    .map(([key, value]): [string, string] => [key, typeof value === "string" ? value : JSON.stringify(value)]);
  return {
    name: text(raw.companyName) ?? (person || null),
    birthDate: text(raw.birthDate) ?? text(raw.dateOfBirth),
    email: text(raw.email),
    city: text(address.city),
    status: typeof raw.status === "number" ? raw.status : null,
    productId: text(raw.productId),
    extra,
  };
}

export async function listReviewItems(admin: Admin, options: { limit?: number } = {}): Promise<{ items: ReviewRow[]; open: number }> {
  if (admin.role !== "ADMIN") throw new AppError("FORBIDDEN", "sync.errors.queueAdminOnly");
  const where = { organizationId: admin.organizationId, state: "OPEN" };
  const [rows, open] = await Promise.all([
    db().syncReviewItem.findMany({ where, orderBy: { createdAt: "asc" }, take: options.limit ?? 100, include: { provider: { select: { name: true } } } }),
    db().syncReviewItem.count({ where }),
  ]);
  const suggestedIds = [...new Set(rows.map((row) => row.suggestedClientId).filter((id): id is string => id !== null))];
  const clients = await db().client.findMany({
    where: { id: { in: suggestedIds }, organizationId: admin.organizationId },
    select: { id: true, displayName: true, birthDate: true, owner: { select: { name: true } } },
  });
  const byId = new Map(clients.map((client) => [client.id, client]));
  const items = rows.map((row): ReviewRow => {
    const suggested = row.suggestedClientId ? byId.get(row.suggestedClientId) : undefined;
    return {
      id: row.id,
      providerId: row.providerId,
      providerName: row.provider.name,
      recordType: row.recordType,
      remoteId: row.remoteId,
      reason: row.reason,
      reasonLabel: REVIEW_REASON_LABELS[row.reason] ?? row.reason,
      message: row.message,
      createdAt: row.createdAt,
      record: recordOf((row.raw ?? {}) as Record<string, unknown>),
      suggested: suggested ? { id: suggested.id, displayName: suggested.displayName, birthDate: suggested.birthDate, ownerName: suggested.owner.name } : null,
      actions: actionsFor(row.reason),
    };
  });
  return { items, open };
}

/** Clients an admin may match a holder to: by name, a few at a time. */
export async function searchClientsForMatch(admin: Admin, query: string) {
  if (admin.role !== "ADMIN") throw new AppError("FORBIDDEN", "sync.errors.reviewAdminOnly");
  const term = query.trim().toLowerCase().slice(0, 100);
  if (term.length < 2) return [];
  return db().client.findMany({
    where: { organizationId: admin.organizationId, searchText: { contains: term } },
    orderBy: { displayName: "asc" },
    take: 10,
    select: { id: true, displayName: true, birthDate: true, owner: { select: { name: true } } },
  });
}
