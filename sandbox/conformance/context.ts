/** What every check gets, plus helpers that speak FiNUM as a consumer would. */
import assert from "node:assert/strict";
import { createPublicKey } from "node:crypto";
import { contractRecordSchema, errorBodySchema, productRecordSchema, type ContractRecord, type ProductRecord } from "../../lib/finum";
import type { CallbackListener } from "./callback-listener";
import type { Answer, ConsumerClient } from "./client";
import type { ConformanceConfig } from "./config";

export interface CheckContext {
  config: ConformanceConfig;
  client: ConsumerClient;
  listener: CallbackListener;
  /** Sandbox admin API (only when config.adminToken is set). */
  admin(method: string, path: string, body?: unknown): Promise<Answer>;
  publicKeyPem: string;
}

export type Requirement = "admin" | "sandboxRules" | "webhookSecret";

export interface Check {
  id: string;
  title: string;
  needs?: Requirement[];
  run(ctx: CheckContext): Promise<void>;
}

export function publicKeyOf(privateKeyPem: string): string {
  return createPublicKey(privateKeyPem).export({ type: "spki", format: "pem" }).toString();
}

export const EPOCH = "1970-01-01T00:00:00.000Z";

/** Asserts a FINUM error answer: the status, and the error body schema. */
export function expectError(answer: Answer, status: number | number[], what: string): { code: string; message: string; details?: { field: string; message: string }[] } {
  const statuses = Array.isArray(status) ? status : [status];
  assert.ok(statuses.includes(answer.status), `${what}: expected HTTP ${statuses.join(" or ")}, got ${answer.status} ${answer.text.slice(0, 300)}`);
  const parsed = errorBodySchema.safeParse(answer.json);
  assert.ok(parsed.success, `${what}: the error body does not follow FINUM.md: ${answer.text.slice(0, 300)}`);
  return parsed.data.error;
}

export function expectOk(answer: Answer, status: number, what: string): unknown {
  assert.equal(answer.status, status, `${what}: expected HTTP ${status}, got ${answer.status} ${answer.text.slice(0, 500)}`);
  return answer.json;
}

export async function products(ctx: CheckContext): Promise<ProductRecord[]> {
  const ids = expectOk(await ctx.client.get("/v1/product-id-list-updated", { since: EPOCH }), 200, "product ids") as string[];
  assert.ok(ids.length > 0, "the provider has no products");
  const list = expectOk(await ctx.client.get("/v1/product-list", { "id-list": ids.slice(0, 500).join(",") }), 200, "product list") as unknown[];
  return list.map((record) => productRecordSchema.parse(record));
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Complete data for a product, built only from its field descriptions. */
export function completeData(product: ProductRecord, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of product.fields) {
    if (!field.required) continue;
    switch (field.type) {
      case "number":
        data[field.name] = field.min ?? 1;
        break;
      case "boolean":
        data[field.name] = false;
        break;
      case "date":
        data[field.name] = inDays(30);
        break;
      case "enum":
        data[field.name] = field.options?.[0] ?? "";
        break;
      default:
        data[field.name] = field.name.toLowerCase().includes("postal") ? "10115" : "Conformance";
    }
  }
  return { ...data, ...overrides };
}

/** A product suited to the main flow: prefer household, needing at least one field. */
export async function flowProduct(ctx: CheckContext): Promise<ProductRecord> {
  const all = await products(ctx);
  const usable = all.filter((product) => product.fields.some((field) => field.required));
  const product = usable.find((p) => p.line === "household") ?? usable.find((p) => p.line !== "life") ?? usable[0];
  assert.ok(product, "no product with required fields to run the contract flow with");
  return product;
}

export async function createPerson(ctx: CheckContext, overrides: Record<string, unknown> = {}): Promise<{ id: string; updatedAt: string } & Record<string, unknown>> {
  const body = { type: "person", firstName: "Conny", lastName: "Formance", birthDate: "1985-04-12", email: "conny@example.com", ...overrides };
  const created = expectOk(await ctx.client.request("POST", "/v1/client", { body }), 201, "POST /v1/client") as { id: string; updatedAt: string };
  assert.equal(typeof created.id, "string", "a created client has a string id");
  return created;
}

export async function getContract(ctx: CheckContext, id: string): Promise<ContractRecord> {
  const list = expectOk(await ctx.client.get("/v1/contract-list", { "id-list": id }), 200, "contract-list") as unknown[];
  assert.equal(list.length, 1, `contract-list?id-list=${id} returned ${list.length} records`);
  return contractRecordSchema.parse(list[0]);
}

/** Re-reads a contract until `predicate` holds; fails with the last state at the deadline. */
export async function waitForContract(ctx: CheckContext, id: string, predicate: (contract: ContractRecord) => boolean, what: string): Promise<ContractRecord> {
  const deadline = Date.now() + ctx.config.stepTimeoutMs;
  let interval = 50;
  for (;;) {
    const contract = await getContract(ctx, id);
    if (predicate(contract)) return contract;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; contract is ${contract.status} (${contract.statusNote ?? ""})`);
    await new Promise((resolve) => setTimeout(resolve, interval));
    interval = Math.min(interval * 2, 500);
  }
}

export async function createContract(ctx: CheckContext, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<ContractRecord> {
  const answer = await ctx.client.request("POST", "/v1/contract", { body: { status: 120, ...body }, headers });
  return contractRecordSchema.parse(expectOk(answer, 201, "POST /v1/contract"));
}

export async function patchContract(ctx: CheckContext, body: Record<string, unknown>): Promise<ContractRecord> {
  return contractRecordSchema.parse(expectOk(await ctx.client.request("PATCH", "/v1/contract", { body }), 200, `PATCH /v1/contract ${JSON.stringify(body)}`));
}

/** Retries `probe` (which throws while not yet true) until it passes or the deadline is reached. */
export async function eventually<T>(probe: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let interval = 50;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
    interval = Math.min(interval * 2, 500);
  }
}
