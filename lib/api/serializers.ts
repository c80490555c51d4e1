/** Database rows to the wire shapes of ./schemas.ts, with field-level security by scope. */
import type { Scope } from "./scopes";
import type { ApiClientOut, ApiContractOut, ApiDocumentOut, ApiTimelineEventOut } from "./schemas";
import { statusView } from "../contracts/status";
import { isoDay } from "../format";

export const clientSelect = {
  id: true, kind: true, displayName: true, firstName: true, lastName: true, companyName: true, country: true, ownerId: true, createdAt: true, updatedAt: true,
  email: true, phone: true, birthDate: true, street: true, postalCode: true, city: true,
} as const;

type ClientRow = {
  id: string; kind: "PERSON" | "COMPANY"; displayName: string; firstName: string | null; lastName: string | null; companyName: string | null; country: string; ownerId: string; createdAt: Date; updatedAt: Date;
  email: string | null; phone: string | null; birthDate: Date | null; street: string | null; postalCode: string | null; city: string | null;
};

export function toApiClient(row: ClientRow, scopes: ReadonlySet<Scope>): ApiClientOut {
  const base: ApiClientOut = {
    id: row.id, kind: row.kind, displayName: row.displayName, firstName: row.firstName, lastName: row.lastName, companyName: row.companyName, country: row.country, ownerId: row.ownerId,
    createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
  };
  if (!scopes.has("clients:pii")) return base;
  return { ...base, email: row.email, phone: row.phone, birthDate: isoDay(row.birthDate), street: row.street, postalCode: row.postalCode, city: row.city };
}

export const contractSelect = {
  id: true, status: true, statusNote: true, statusChangedAt: true, turn: true, approvalState: true, nextStep: true, needsAttention: true,
  clientId: true, providerId: true, productId: true, advisorId: true, remoteId: true, contractNumber: true, premium: true, currency: true, proposalVersion: true, data: true, createdAt: true, updatedAt: true,
} as const;

type ContractRow = {
  id: string; status: number; statusNote: string | null; statusChangedAt: Date; turn: ApiContractOut["turn"]; approvalState: ApiContractOut["approvalState"]; nextStep: string; needsAttention: boolean;
  clientId: string; providerId: string; productId: string | null; advisorId: string; remoteId: string | null; contractNumber: string | null; premium: { toFixed(digits: number): string } | null; currency: string | null; proposalVersion: number; data: unknown; createdAt: Date; updatedAt: Date;
};

export function toApiContract(row: ContractRow): ApiContractOut {
  return {
    id: row.id, status: row.status, statusLabel: statusView(row.status).label, statusNote: row.statusNote, statusChangedAt: row.statusChangedAt.toISOString(),
    turn: row.turn, approvalState: row.approvalState, nextStep: row.nextStep, needsAttention: row.needsAttention,
    clientId: row.clientId, providerId: row.providerId, productId: row.productId, advisorId: row.advisorId, remoteId: row.remoteId, contractNumber: row.contractNumber,
    premium: row.premium?.toFixed(2) ?? null, currency: row.currency, proposalVersion: row.proposalVersion,
    data: row.data && typeof row.data === "object" && !Array.isArray(row.data) ? (row.data as Record<string, unknown>) : {},
    createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
  };
}

export const documentSelect = { id: true, contractId: true, kind: true, name: true, mime: true, size: true, sha256: true, proposalVersion: true, createdAt: true } as const;

export function toApiDocument(row: Omit<ApiDocumentOut, "createdAt" | "contentUrl"> & { createdAt: Date }): ApiDocumentOut {
  return { ...row, createdAt: row.createdAt.toISOString(), contentUrl: `/api/v1/contracts/${row.contractId}/documents/${row.id}/content` };
}

export const eventSelect = { id: true, kind: true, fromStatus: true, toStatus: true, source: true, actorLabel: true, note: true, at: true } as const;

export function toApiEvent(row: Omit<ApiTimelineEventOut, "at"> & { at: Date }): ApiTimelineEventOut {
  return { ...row, at: row.at.toISOString() };
}
