/**
 * /api/v1/contracts, /proposals and /products: reads scoped exactly as for people
 * (lib/auth/scope), every lifecycle action through the use case the browser calls.
 */
import crypto from "node:crypto";
import { z } from "zod";
import { db } from "../db";
import { translate } from "../i18n/translate";
import { msg } from "../i18n/message";
import { AppError, translateFieldMessages, notFound, type ErrorCode } from "../errors";
import { contractScope } from "../auth/scope";
import type { Prisma } from "../generated/prisma/client";
import { createProposal } from "../contracts/create-proposal";
import { sendProposal } from "../contracts/send-proposal";
import { resubmitContractData } from "../contracts/resubmit-contract-data";
import { withdrawContract } from "../contracts/withdraw-contract";
import { orderContract } from "../contracts/order-contract";
import { sendApprovalRequest } from "../approvals/send-approval-request";
import { recordOfflineApproval } from "../approvals/record-offline-approval";
import { getDocumentForViewer } from "../contracts/queries";
import { productFieldSchema } from "../finum/records";
import { ApiProblem } from "./problem";
import { withAdviceSteps } from "../advice/current-advice";
import { contractSelect, documentSelect, eventSelect, toApiContract, toApiDocument, toApiEvent } from "./serializers";
import { orderSchema, proposalCreateSchema, resubmitSchema, turnSchema, withdrawRequestSchema, offlineApprovalRequestSchema, type ApiContractOut, type ApiDocumentOut, type ApiProductOut, type ApiTimelineEventOut } from "./schemas";
import { decodePageToken, fingerprintOf, pageOf, pageSizeOf, type Page } from "./pagination";
import { parseBody } from "./handler";
import { updatedSinceOf, type Caller } from "./clients";
import { readStoredText } from "../i18n/stored-text";

const ID = /^[A-Za-z0-9_-]{1,64}$/;

function idFilter(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name)?.trim();
  if (!value) return undefined;
  if (!ID.test(value)) throw new ApiProblem(400, "INVALID_QUERY", msg("apiAdmin.problems.idFilter", { name }), { fieldErrors: { [name]: ["apiAdmin.problems.fields.notId"] } });
  return value;
}

/** status=110 or status=110,120 (FiNUM codes; 0 is a draft). */
function statusFilter(params: URLSearchParams): number[] | undefined {
  const raw = params.getAll("status").flatMap((value) => value.split(",")).map((value) => value.trim()).filter(Boolean);
  if (!raw.length) return undefined;
  const bad = raw.filter((value) => !/^\d{1,3}$/.test(value));
  if (bad.length) throw new ApiProblem(400, "INVALID_QUERY", "apiAdmin.problems.statusFilter", { fieldErrors: { status: [msg("apiAdmin.problems.fields.notStatus", { values: bad.join(", ").slice(0, 80) })] } });
  return [...new Set(raw.map(Number))];
}

function turnFilter(params: URLSearchParams) {
  const raw = params.get("turn")?.trim();
  if (!raw) return undefined;
  const parsed = turnSchema.safeParse(raw.toUpperCase());
  if (!parsed.success) throw new ApiProblem(400, "INVALID_QUERY", "apiAdmin.problems.turnFilter", { fieldErrors: { turn: ["apiAdmin.problems.fields.notTurn"] } });
  return parsed.data;
}

/**
 * Filters: status, turn, provider, advisor, client, updatedSince. Order as for clients: newest
 * first by creation, or oldest change first with updatedSince (see lib/api/clients.ts).
 */
export async function listContractsForApi(caller: Caller, params: URLSearchParams): Promise<Page<ApiContractOut>> {
  const pageSize = pageSizeOf(params);
  const filters = {
    status: statusFilter(params),
    turn: turnFilter(params),
    providerId: idFilter(params, "provider"),
    advisorId: idFilter(params, "advisor"),
    clientId: idFilter(params, "client"),
    updatedSince: updatedSinceOf(params),
  };
  const fingerprint = fingerprintOf({ r: "contracts", ...filters });
  const after = decodePageToken(params.get("pageToken"), fingerprint, ["date", "string"]);
  const and: Prisma.ContractWhereInput[] = [
    contractScope(caller.actor),
    ...(filters.status ? [{ status: { in: filters.status } }] : []),
    ...(filters.turn ? [{ turn: filters.turn }] : []),
    ...(filters.providerId ? [{ providerId: filters.providerId }] : []),
    ...(filters.advisorId ? [{ advisorId: filters.advisorId }] : []),
    ...(filters.clientId ? [{ clientId: filters.clientId }] : []),
  ];
  if (filters.updatedSince) {
    and.push({ updatedAt: { gte: filters.updatedSince } });
    if (after) and.push({ OR: [{ updatedAt: { gt: after[0] as Date } }, { updatedAt: after[0] as Date, id: { gt: after[1] as string } }] });
    const rows = await withAdviceSteps(await db().contract.findMany({ where: { AND: and }, orderBy: [{ updatedAt: "asc" }, { id: "asc" }], take: pageSize + 1, select: contractSelect }));
    return pageOf(rows, pageSize, (row) => [row.updatedAt.toISOString(), row.id], fingerprint, toApiContract);
  }
  if (after) and.push({ OR: [{ createdAt: { lt: after[0] as Date } }, { createdAt: after[0] as Date, id: { lt: after[1] as string } }] });
  const rows = await withAdviceSteps(await db().contract.findMany({ where: { AND: and }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: pageSize + 1, select: contractSelect }));
  return pageOf(rows, pageSize, (row) => [row.createdAt.toISOString(), row.id], fingerprint, toApiContract);
}

export async function getContractForApi(caller: Caller, contractId: string): Promise<ApiContractOut> {
  const row = await db().contract.findFirst({ where: { id: contractId, ...contractScope(caller.actor) }, select: contractSelect });
  if (!row) throw notFound("apiAdmin.problems.notFound.contract");
  const [refined] = await withAdviceSteps([row]);
  return toApiContract(refined!);
}

async function visibleContract(caller: Caller, contractId: string) {
  const row = await db().contract.findFirst({ where: { id: contractId, ...contractScope(caller.actor) }, select: { id: true } });
  if (!row) throw notFound("apiAdmin.problems.notFound.contract");
}

/** The timeline, oldest first (new events append to the end, so pages never shift). */
export async function listContractEventsForApi(caller: Caller, contractId: string, params: URLSearchParams): Promise<Page<ApiTimelineEventOut>> {
  await visibleContract(caller, contractId);
  const pageSize = pageSizeOf(params);
  const fingerprint = fingerprintOf({ r: "events", contractId });
  const after = decodePageToken(params.get("pageToken"), fingerprint, ["date", "string"]);
  const rows = await db().contractEvent.findMany({
    where: { contractId, ...(after ? { OR: [{ at: { gt: after[0] as Date } }, { at: after[0] as Date, id: { gt: after[1] as string } }] } : {}) },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    take: pageSize + 1,
    select: eventSelect,
  });
  // Notes the portal wrote are messages: read in the caller's language (Accept-Language).
  const locale = caller.locale ?? "en";
  return pageOf(rows, pageSize, (row) => [row.at.toISOString(), row.id], fingerprint, (row) => toApiEvent({ ...row, note: readStoredText(row.note, locale), actorLabel: readStoredText(row.actorLabel, locale) }));
}

export async function listContractDocumentsForApi(caller: Caller, contractId: string): Promise<{ data: ApiDocumentOut[] }> {
  await visibleContract(caller, contractId);
  const rows = await db().document.findMany({ where: { contractId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: documentSelect });
  return { data: rows.map(toApiDocument) };
}

export async function getDocumentContentForApi(caller: Caller, contractId: string, documentId: string) {
  const document = await getDocumentForViewer(caller.actor, documentId);
  const owner = await db().document.findFirst({ where: { id: documentId, contractId }, select: { id: true } });
  if (!owner) throw notFound("apiAdmin.problems.notFound.document");
  return document;
}

/** A UUID made from the caller's Idempotency-Key: a retried POST finds the same draft. */
export function requestKeyOf(apiClientId: string, idempotencyKey: string | null): string {
  if (!idempotencyKey) return crypto.randomUUID();
  const hex = crypto.createHash("sha256").update(`${apiClientId}:${idempotencyKey}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

type SendOutcome = { sent: boolean; error?: string; code?: string; errors?: Record<string, string[]> };

/** Draft and send 120 with the use case the "New proposal" wizard calls. */
export async function createProposalForApi(caller: Caller, body: unknown, keys: { apiClientId: string; idempotencyKey: string | null }): Promise<{ contract: ApiContractOut; send: SendOutcome }> {
  const input = parseBody(proposalCreateSchema, body);
  const result = await createProposal(caller.actor, { ...input, requestKey: requestKeyOf(keys.apiClientId, keys.idempotencyKey) }, { consentSource: "API" });
  const send: SendOutcome = result.sent
    ? { sent: true }
    : { sent: false, error: translate(caller.locale ?? "en", result.error), code: result.code, ...(result.fieldErrors ? { errors: translateFieldMessages(result.fieldErrors, caller.locale ?? "en") } : {}) };
  return { contract: await getContractForApi(caller, result.contractId), send };
}

const ERROR_CODES = new Set<string>(["BAD_REQUEST", "VALIDATION", "UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "RATE_LIMITED", "PAYLOAD_TOO_LARGE", "PROVIDER_UNAVAILABLE", "PROVIDER_ERROR"] satisfies ErrorCode[]);

export async function sendDraftForApi(caller: Caller, contractId: string): Promise<ApiContractOut> {
  const result = await sendProposal(caller.actor, contractId);
  if (!result.sent) throw new AppError(ERROR_CODES.has(result.code) ? (result.code as ErrorCode) : "PROVIDER_UNAVAILABLE", result.error, { fieldErrors: result.fieldErrors });
  return getContractForApi(caller, contractId);
}

export async function resubmitForApi(caller: Caller, contractId: string, body: unknown): Promise<ApiContractOut> {
  const { data } = parseBody(resubmitSchema, body);
  await resubmitContractData(caller.actor, contractId, data);
  return getContractForApi(caller, contractId);
}

export async function withdrawForApi(caller: Caller, contractId: string, body: unknown): Promise<ApiContractOut> {
  const input = parseBody(withdrawRequestSchema, body);
  await withdrawContract(caller.actor, contractId, input);
  return getContractForApi(caller, contractId);
}

export async function orderForApi(caller: Caller, contractId: string, body: unknown): Promise<ApiContractOut> {
  const { proposalVersion } = parseBody(orderSchema, body);
  await orderContract(caller.actor, contractId, proposalVersion);
  return getContractForApi(caller, contractId);
}

export async function requestApprovalForApi(caller: Caller, contractId: string) {
  const sent = await sendApprovalRequest(caller.actor, contractId);
  return { approvalId: sent.approvalId, email: sent.email, expiresAt: sent.expiresAt.toISOString() };
}

export async function recordApprovalForApi(caller: Caller, contractId: string, body: unknown) {
  const { evidence, ...rest } = parseBody(offlineApprovalRequestSchema, body);
  const file = new File([Buffer.from(evidence.contentBase64, "base64")], evidence.name, { type: evidence.contentType });
  return recordOfflineApproval(caller.actor, contractId, { ...rest, evidence: file });
}

export async function listProductsForApi(caller: Caller, params: URLSearchParams): Promise<Page<ApiProductOut>> {
  const pageSize = pageSizeOf(params);
  const providerId = idFilter(params, "provider");
  const fingerprint = fingerprintOf({ r: "products", providerId });
  const after = decodePageToken(params.get("pageToken"), fingerprint, ["string"]);
  const rows = await db().product.findMany({
    where: { provider: { organizationId: caller.actor.organizationId }, ...(providerId ? { providerId } : {}), ...(after ? { id: { gt: after[0] as string } } : {}) },
    orderBy: { id: "asc" },
    take: pageSize + 1,
    select: { id: true, providerId: true, name: true, line: true, description: true, currency: true, active: true, fields: true, updatedAt: true, provider: { select: { name: true } } },
  });
  return pageOf(rows, pageSize, (row) => [row.id], fingerprint, (row) => ({
    id: row.id, providerId: row.providerId, providerName: row.provider.name, name: row.name, line: row.line, description: row.description, currency: row.currency, active: row.active,
    fields: z.array(z.unknown()).catch([]).parse(row.fields).flatMap((field) => {
      const parsed = productFieldSchema.safeParse(field);
      return parsed.success ? [parsed.data as ApiProductOut["fields"][number]] : [];
    }),
    updatedAt: row.updatedAt.toISOString(),
  }));
}
