/**
 * What every check gets, plus helpers that speak FiNUM as a consumer would. Spec checks read a
 * provider's answers leniently (any id shape, any premium shape, null or absent, timestamps
 * with or without fractions and offsets, the proposal file in `data` or at the top level), so
 * that only the public description decides whether they pass; the convention checks compare the
 * same answers with FINUM.md's [ours] details and describe how the provider differs.
 */
import assert from "node:assert/strict";
import { createPublicKey } from "node:crypto";
import { errorBodySchema } from "../errors";
import type { CallbackListener } from "./callback-listener";
import type { Answer, ConsumerClient } from "./client";
import type { ConformanceConfig } from "./config";

/** What the checks saw on the way, for the convention checks that judge it afterwards. */
export interface Observations {
  /** Raw contract records read during the flow, in order. */
  contracts: Record<string, unknown>[];
  /** Raw callback bodies received during the flow. */
  callbackBodies: string[];
  /** Raw file records read. */
  files: Record<string, unknown>[];
  /** Whether POST /contract without data answered 110 at once (true) or 120 first (false). */
  missingDataAtOnce?: boolean;
  /** The 110 note and the product's required fields at that time. */
  missingDataNote?: { note: string | null; required: string[] };
  /** The contract of the full flow. */
  flowContractId?: string;
}

export interface CheckContext {
  config: ConformanceConfig;
  client: ConsumerClient;
  /** Receives callbacks (not in quick mode, which makes no writes). */
  listener: CallbackListener;
  /** Sandbox admin API (only when config.adminToken is set). */
  admin(method: string, path: string, body?: unknown): Promise<Answer>;
  publicKeyPem: string;
  observed: Observations;
}

export type Requirement = "admin" | "sandboxRules" | "webhookSecret" | "flow";

/**
 * spec: from the public FiNUM description; a provider that fails it is not compatible.
 * convention: FINUM.md [ours]; a provider that differs is reported ("differs: ..."), with what
 * the portal does about it (`adapts`).
 */
export type CheckKind = "spec" | "convention";

export interface Check {
  id: string;
  title: string;
  kind: CheckKind;
  /** Part of the quick run (auth, reads, error shape; no writes) behind the admin's Test connection. */
  quick?: boolean;
  /** For conventions: what the portal does when the provider differs. */
  adapts?: string;
  needs?: Requirement[];
  run(ctx: CheckContext): Promise<void>;
}

export function publicKeyOf(privateKeyPem: string): string {
  return createPublicKey(privateKeyPem).export({ type: "spki", format: "pem" }).toString();
}

export const EPOCH = "1970-01-01T00:00:00.000Z";

/** Asserts a rejection by status only (the body's shape is a convention, judged by the errors.* checks). */
export function expectStatus(answer: Answer, status: number | number[], what: string): Answer {
  const statuses = Array.isArray(status) ? status : [status];
  assert.ok(statuses.includes(answer.status), `${what}: expected HTTP ${statuses.join(" or ")}, got ${answer.status} ${answer.text.slice(0, 300)}`);
  return answer;
}

/** Asserts a FINUM error answer: the status, and FINUM.md's error body. */
export function expectError(answer: Answer, status: number | number[], what: string): { code: string; message: string; details?: { field: string; message: string }[] } {
  expectStatus(answer, status, what);
  const parsed = errorBodySchema.safeParse(answer.json);
  assert.ok(parsed.success, `${what}: the error body does not follow FINUM.md: ${describeBody(answer)}`);
  return parsed.data.error;
}

/** How an answer's body looks, in words: for "differs: the provider answers errors as ...". */
export function describeBody(answer: Answer): string {
  const type = (answer.headers.get("content-type") ?? "").split(";")[0]!.trim();
  if (answer.text.length === 0) return "an empty body";
  if (type === "application/problem+json") return "RFC 9457 problem details (application/problem+json)";
  if (type.includes("html")) return `HTML (${type})`;
  if (type.includes("json")) return `JSON ${answer.text.slice(0, 120)}`;
  return `${type || "untyped"} text "${answer.text.trim().split("\n")[0]!.slice(0, 80)}"`;
}

export function expectOk(answer: Answer, status: number | number[], what: string): unknown {
  const statuses = Array.isArray(status) ? status : [status];
  assert.ok(statuses.includes(answer.status), `${what}: expected HTTP ${statuses.join(" or ")}, got ${answer.status} ${answer.text.slice(0, 500)}`);
  return answer.json;
}

type Raw = Record<string, unknown>;

/** An id as a consumer keeps it: a string, digits and leading zeros as sent. */
export function idOf(value: unknown): string | undefined {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  return undefined;
}

/** A timestamp in milliseconds, from RFC 3339 with or without fraction or offset. */
export function timeOf(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The first instant after a sent timestamp that the provider may not have rounded into it. */
export function justAfter(value: string): string {
  const ms = timeOf(value)!;
  return new Date(ms + (/\d\.\d+/.test(value) ? 1 : 1000)).toISOString();
}

export interface LenientContract {
  id: string;
  status: number;
  statusNote: string | null;
  updatedAt: number;
  holderId?: string;
  proposalFileId?: string;
  proposalVersion?: number;
  policyFileId?: string;
  contractNumber?: string;
  raw: Raw;
}

const numberOf = (value: unknown) => (typeof value === "number" ? value : typeof value === "string" && /^\d+$/.test(value) ? Number(value) : undefined);

/** Reads a contract record leniently; fails only when what the flow needs is not there at all. */
export function readContract(raw: unknown): LenientContract {
  assert.ok(raw && typeof raw === "object", `a contract record is not an object: ${JSON.stringify(raw)?.slice(0, 200)}`);
  const record = raw as Raw;
  const data = (record.data && typeof record.data === "object" ? record.data : {}) as Raw;
  const id = idOf(record.id);
  const status = numberOf(record.status);
  const updatedAt = timeOf(record.updatedAt);
  assert.ok(id, `a contract without an id: ${JSON.stringify(record).slice(0, 200)}`);
  assert.ok(status !== undefined, `contract ${id} without a status`);
  assert.ok(updatedAt !== undefined, `contract ${id} without a readable updatedAt: ${JSON.stringify(record.updatedAt)}`);
  const pick = (name: string) => data[name] ?? record[name];
  return {
    id,
    status,
    statusNote: typeof record.statusNote === "string" ? record.statusNote : null,
    updatedAt,
    holderId: idOf(record.holderId),
    proposalFileId: idOf(pick("proposalFileId")),
    proposalVersion: numberOf(pick("proposalVersion")),
    policyFileId: idOf(pick("policyFileId")),
    contractNumber: typeof record.contractNumber === "string" ? record.contractNumber : undefined,
    raw: record,
  };
}

export interface LenientField {
  name: string;
  kind: "number" | "boolean" | "date" | "enum" | "string";
  required: boolean;
  options?: string[];
  min?: number;
  integer: boolean;
}

export interface LenientProduct {
  id: string;
  name: string;
  line?: string;
  fields: LenientField[];
  raw: Raw;
}

/** Field type names seen at providers, mapped to what a form needs. */
const FIELD_KINDS: Record<string, LenientField["kind"]> = {
  number: "number",
  decimal: "number",
  integer: "number",
  int: "number",
  float: "number",
  boolean: "boolean",
  bool: "boolean",
  date: "date",
  enum: "enum",
  select: "enum",
  choice: "enum",
  string: "string",
  text: "string",
};

export function readProduct(raw: unknown): LenientProduct {
  const record = raw as Raw;
  const id = idOf(record?.id);
  assert.ok(id, `a product without an id: ${JSON.stringify(raw)?.slice(0, 200)}`);
  const fields = (Array.isArray(record.fields) ? record.fields : []).map((field: Raw) => ({
    name: String(field.name),
    kind: FIELD_KINDS[String(field.type)] ?? (Array.isArray(field.options) ? "enum" : "string"),
    required: field.required === true,
    options: Array.isArray(field.options) ? field.options.map(String) : undefined,
    min: typeof field.min === "number" ? field.min : undefined,
    integer: ["integer", "int"].includes(String(field.type)),
  }));
  return { id, name: String(record.name ?? id), line: typeof record.line === "string" ? record.line : undefined, fields, raw: record };
}

/** Ids from an id-list answer, as strings (numbers accepted). */
export function readIds(body: unknown, what: string): string[] {
  assert.ok(Array.isArray(body), `${what}: not a JSON array`);
  return body.map((value) => {
    const id = idOf(value);
    assert.ok(id, `${what}: ${JSON.stringify(value)} is not an id`);
    return id;
  });
}

/** Ids in chunks a provider accepts (FINUM.md's 500; fewer never hurts). */
export async function productsRaw(ctx: CheckContext): Promise<unknown[]> {
  const ids = readIds(expectOk(await ctx.client.get("/v1/product-id-list-updated", { since: EPOCH }), 200, "product ids"), "product ids");
  assert.ok(ids.length > 0, "the provider has no products");
  return expectOk(await ctx.client.get("/v1/product-list", { "id-list": ids.slice(0, 100).join(",") }), 200, "product list") as unknown[];
}

export async function products(ctx: CheckContext): Promise<LenientProduct[]> {
  return (await productsRaw(ctx)).map(readProduct);
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Complete data for a product, built only from its field descriptions. */
export function completeData(product: LenientProduct, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of product.fields) {
    if (!field.required) continue;
    switch (field.kind) {
      case "number":
        data[field.name] = field.integer ? Math.ceil(field.min ?? 1) : (field.min ?? 1);
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
export async function flowProduct(ctx: CheckContext): Promise<LenientProduct> {
  const all = await products(ctx);
  const usable = all.filter((product) => product.fields.some((field) => field.required));
  const product = usable.find((p) => p.line === "household") ?? usable.find((p) => p.line !== "life") ?? usable[0];
  assert.ok(product, "no product with required fields to run the contract flow with");
  return product;
}

export async function createPerson(ctx: CheckContext, overrides: Record<string, unknown> = {}): Promise<{ id: string; updatedAt: string; raw: Raw }> {
  const body = { type: "person", firstName: "Conny", lastName: "Formance", birthDate: "1985-04-12", email: "conny@example.com", ...overrides };
  const created = expectOk(await ctx.client.request("POST", "/v1/client", { body }), [200, 201], "POST /v1/client") as Raw;
  const id = idOf(created?.id);
  assert.ok(id, `a created client has no id: ${JSON.stringify(created).slice(0, 200)}`);
  assert.ok(timeOf(created.updatedAt) !== undefined, `a created client has no readable updatedAt: ${JSON.stringify(created.updatedAt)}`);
  return { id, updatedAt: String(created.updatedAt), raw: created };
}

export async function getContractRaw(ctx: CheckContext, id: string): Promise<Raw> {
  const list = expectOk(await ctx.client.get("/v1/contract-list", { "id-list": id }), 200, "contract-list") as unknown[];
  assert.ok(Array.isArray(list) && list.length === 1, `contract-list?id-list=${id} returned ${Array.isArray(list) ? list.length : "no"} records`);
  ctx.observed.contracts.push(list[0] as Raw);
  return list[0] as Raw;
}

export async function getContract(ctx: CheckContext, id: string): Promise<LenientContract> {
  return readContract(await getContractRaw(ctx, id));
}

/** Re-reads a contract until `predicate` holds; fails with the last state at the deadline. */
export async function waitForContract(ctx: CheckContext, id: string, predicate: (contract: LenientContract) => boolean, what: string): Promise<LenientContract> {
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

export async function createContract(ctx: CheckContext, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<LenientContract> {
  const answer = await ctx.client.request("POST", "/v1/contract", { body: { status: 120, ...body }, headers });
  return readContract(expectOk(answer, [200, 201], "POST /v1/contract"));
}

export async function patchContract(ctx: CheckContext, body: Record<string, unknown>): Promise<LenientContract> {
  return readContract(expectOk(await ctx.client.request("PATCH", "/v1/contract", { body }), 200, `PATCH /v1/contract ${JSON.stringify(body)}`));
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

/** True when `value` (a parsed JSON body) holds the string `id` anywhere: "the call includes the contract id". */
export function mentions(value: unknown, id: string): boolean {
  if (value === id) return true;
  if (Array.isArray(value)) return value.some((item) => mentions(item, id));
  if (value && typeof value === "object") return Object.values(value).some((item) => mentions(item, id));
  return false;
}
