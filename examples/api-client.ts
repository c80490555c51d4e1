/**
 * A small client of the Proposal Desk API, written against /api/v1/openapi.json only.
 *
 *   PD_BASE_URL=http://localhost:3000 PD_CLIENT_ID=pdc_… PD_CLIENT_SECRET=pds_… \
 *   PD_PRODUCT_ID=<a product id from GET /products, optional> npx tsx examples/api-client.ts
 *
 * Create the API client under Admin → API and webhooks with the scopes clients:read
 * clients:write clients:pii contracts:read contracts:write. It: gets a token, creates three
 * clients in one batch (one of them invalid, to show per-record results), sends a proposal for
 * the first, and pages through the contracts. Every POST carries an Idempotency-Key, so running
 * a step again after a timeout is safe.
 */
import crypto from "node:crypto";

const BASE = (process.env.PD_BASE_URL ?? "http://localhost:3000").replace(/\/$/, "");
const CLIENT_ID = process.env.PD_CLIENT_ID ?? "";
const CLIENT_SECRET = process.env.PD_CLIENT_SECRET ?? "";

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: Record<string, string[]>;
  requestId: string;
}

let token: { value: string; expiresAt: number } | undefined;

/** Client credentials; a new token shortly before the old one expires (they live 5 minutes). */
async function accessToken(): Promise<string> {
  if (token && token.expiresAt > Date.now() + 30_000) return token.value;
  const response = await fetch(`${BASE}/api/v1/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64")}` },
    body: new URLSearchParams({ grant_type: "client_credentials" }),
  });
  const body = (await response.json()) as { access_token?: string; expires_in?: number; error?: string; error_description?: string };
  if (!response.ok || !body.access_token) throw new Error(`Token refused: ${body.error}: ${body.error_description}`);
  token = { value: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 300) * 1000 };
  return token.value;
}

async function api<T>(method: string, path: string, body?: unknown, options: { idempotencyKey?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${await accessToken()}`, "x-correlation-id": "example-run" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method === "POST") headers["idempotency-key"] = options.idempotencyKey ?? crypto.randomUUID();
  const response = await fetch(`${BASE}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = (await response.json()) as T | Problem;
  if (!response.ok) {
    const problem = data as Problem;
    throw new Error(`${method} ${path}: ${problem.status} ${problem.code}: ${problem.detail}${problem.errors ? ` ${JSON.stringify(problem.errors)}` : ""} (request ${problem.requestId})`);
  }
  return data as T;
}

async function main() {
  if (!CLIENT_ID || !CLIENT_SECRET) throw new Error("Set PD_CLIENT_ID and PD_CLIENT_SECRET (Admin → API and webhooks).");

  const batch = await api<{ succeeded: number; failed: number; results: Array<{ ref?: string; outcome: string; id?: string; error?: { detail: string; errors?: Record<string, string[]> } }> }>("POST", "/clients/batch", {
    records: [
      { ref: "crm-1001", kind: "PERSON", firstName: "Erika", lastName: "Mustermann", email: "erika@example.com", birthDate: "1980-05-17" },
      { ref: "crm-1002", kind: "PERSON", firstName: "Max" }, // no last name: this record fails on its own
      { ref: "crm-1003", kind: "COMPANY", companyName: "Muster GmbH" },
    ],
  });
  console.log(`Batch: ${batch.succeeded} created, ${batch.failed} failed`);
  for (const result of batch.results) console.log(`  ${result.ref}: ${result.outcome}${result.error ? ` (${result.error.detail} ${JSON.stringify(result.error.errors ?? {})})` : ` ${result.id}`}`);

  const products = await api<{ data: Array<{ id: string; name: string; providerName: string; fields: Array<{ name: string; required?: boolean }> }> }>("GET", "/products?pageSize=100");
  const product = products.data.find((entry) => entry.id === process.env.PD_PRODUCT_ID) ?? products.data[0];
  const erika = batch.results.find((result) => result.ref === "crm-1001")?.id;
  if (product && erika) {
    console.log(`Product: ${product.name} (${product.providerName}); fields ${product.fields.map((field) => field.name).join(", ")}`);
    const proposal = await api<{ contract: { id: string; status: number }; send: { sent: boolean; error?: string } }>("POST", "/proposals", { clientId: erika, productId: product.id, data: {}, allowMissing: true });
    console.log(`Proposal ${proposal.contract.id}: status ${proposal.contract.status}${proposal.send.sent ? "" : ` (not sent: ${proposal.send.error})`}`);
    console.log("Follow it with the webhook receiver (examples/webhook-receiver.ts) or GET /contracts/{id}.");
  }

  let pageToken: string | null = null;
  let count = 0;
  do {
    const page: { data: Array<{ id: string; status: number }>; nextPageToken: string | null } = await api("GET", `/contracts?pageSize=100${pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : ""}`);
    count += page.data.length;
    pageToken = page.nextPageToken;
  } while (pageToken);
  console.log(`Contracts visible to this client: ${count}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
