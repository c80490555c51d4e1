/**
 * Calls /api/v1 in-process: a real Request through the real route handlers (the same modules
 * Next serves), against the run's real database and sandbox. Nothing is mocked.
 */
import * as token from "@/app/api/v1/oauth/token/route";
import * as clients from "@/app/api/v1/clients/route";
import * as client from "@/app/api/v1/clients/[id]/route";
import * as clientBatch from "@/app/api/v1/clients/batch/route";
import * as contracts from "@/app/api/v1/contracts/route";
import * as contract from "@/app/api/v1/contracts/[id]/route";
import * as contractBatch from "@/app/api/v1/contracts/batch/route";
import * as send from "@/app/api/v1/contracts/[id]/send/route";
import * as resubmit from "@/app/api/v1/contracts/[id]/resubmit/route";
import * as withdraw from "@/app/api/v1/contracts/[id]/withdraw/route";
import * as order from "@/app/api/v1/contracts/[id]/order/route";
import * as approvalRequests from "@/app/api/v1/contracts/[id]/approval-requests/route";
import * as approvals from "@/app/api/v1/contracts/[id]/approvals/route";
import * as documents from "@/app/api/v1/contracts/[id]/documents/route";
import * as documentContent from "@/app/api/v1/contracts/[id]/documents/[documentId]/content/route";
import * as events from "@/app/api/v1/contracts/[id]/events/route";
import * as proposals from "@/app/api/v1/proposals/route";
import * as products from "@/app/api/v1/products/route";
import * as openapi from "@/app/api/v1/openapi.json/route";
import * as consents from "@/app/api/v1/clients/[id]/consents/route";
import * as consentWithdraw from "@/app/api/v1/clients/[id]/consents/[consentId]/withdraw/route";
import * as advice from "@/app/api/v1/contracts/[id]/advice/route";
import * as adviceComplete from "@/app/api/v1/contracts/[id]/advice/complete/route";
import * as adviceWaive from "@/app/api/v1/contracts/[id]/advice/waive/route";
import * as advicePdf from "@/app/api/v1/contracts/[id]/advice/[recordId]/pdf/route";
import { createApiClient } from "@/lib/api/api-clients";
import type { TestUser } from "../factories";

type Handler = (request: Request, route: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;

const ROUTES: Array<[string, Record<string, unknown>]> = [
  ["/api/v1/oauth/token", token],
  ["/api/v1/openapi.json", openapi],
  ["/api/v1/clients/batch", clientBatch],
  ["/api/v1/clients/:id/consents/:consentId/withdraw", consentWithdraw],
  ["/api/v1/clients/:id/consents", consents],
  ["/api/v1/clients/:id", client],
  ["/api/v1/clients", clients],
  ["/api/v1/contracts/batch", contractBatch],
  ["/api/v1/contracts/:id/send", send],
  ["/api/v1/contracts/:id/resubmit", resubmit],
  ["/api/v1/contracts/:id/withdraw", withdraw],
  ["/api/v1/contracts/:id/order", order],
  ["/api/v1/contracts/:id/approval-requests", approvalRequests],
  ["/api/v1/contracts/:id/approvals", approvals],
  ["/api/v1/contracts/:id/documents/:documentId/content", documentContent],
  ["/api/v1/contracts/:id/documents", documents],
  ["/api/v1/contracts/:id/events", events],
  ["/api/v1/contracts/:id/advice/complete", adviceComplete],
  ["/api/v1/contracts/:id/advice/waive", adviceWaive],
  ["/api/v1/contracts/:id/advice/:recordId/pdf", advicePdf],
  ["/api/v1/contracts/:id/advice", advice],
  ["/api/v1/contracts/:id", contract],
  ["/api/v1/contracts", contracts],
  ["/api/v1/proposals", proposals],
  ["/api/v1/products", products],
];

export const ROUTE_PATTERNS = ROUTES.map(([pattern]) => pattern);

function match(pathname: string): { module: Record<string, unknown>; params: Record<string, string> } {
  for (const [pattern, module] of ROUTES) {
    const names: string[] = [];
    const regex = new RegExp(`^${pattern.replace(/:(\w+)/g, (_, name: string) => (names.push(name), "([^/]+)"))}$`);
    const found = pathname.match(regex);
    if (found) return { module, params: Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(found[index + 1]!)])) };
  }
  throw new Error(`No route for ${pathname}`);
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export async function call(method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const url = new URL(path, "http://localhost:3000");
  const { module, params } = match(url.pathname);
  const handler = module[method] as Handler | undefined;
  if (!handler) return new Response(null, { status: 405 });
  const headers = new Headers(options.headers);
  if (options.token) headers.set("authorization", `Bearer ${options.token}`);
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  return handler(new Request(url, { method, headers, body }), { params: Promise.resolve(params) });
}

export async function callJson<T = Record<string, unknown>>(method: string, path: string, options: CallOptions = {}): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await call(method, path, options);
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
}

export async function tokenFor(clientId: string, clientSecret: string, scope?: string): Promise<string> {
  const form = new URLSearchParams({ grant_type: "client_credentials", ...(scope ? { scope } : {}) });
  const response = await call("POST", "/api/v1/oauth/token", {
    body: form.toString(),
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString("base64")}` },
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`No token: ${response.status} ${JSON.stringify(body)}`);
  return body.access_token;
}

/** An API client of the admin's organization and a token for it. */
export async function apiClientWithToken(admin: TestUser, input: { scopes: string[]; actingUserId?: string; name?: string }) {
  const created = await createApiClient(admin, { name: input.name ?? "Test CRM", scopes: input.scopes, actingUserId: input.actingUserId });
  return { ...created, token: await tokenFor(created.clientId, created.clientSecret) };
}

export const ALL_SCOPES = ["clients:read", "clients:write", "clients:pii", "contracts:read", "contracts:write", "documents:read"];
