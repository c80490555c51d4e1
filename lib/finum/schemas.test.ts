import { describe, expect, it } from "vitest";
import {
  buildOpenApiDocument,
  callbackBodySchema,
  contractRecordSchema,
  clientRecordSchema,
  createClientRequestSchema,
  createContractRequestSchema,
  errorBodySchema,
  idListSchema,
  issuesToDetails,
  extensionFields,
} from "./index";

const updatedAt = "2025-03-01T10:00:00.123Z";

describe("record schemas", () => {
  it("keep unknown and _ extension fields instead of rejecting them", () => {
    const parsed = clientRecordSchema.parse({ id: "cl_abc", updatedAt, type: "person", _hasEverBeenInDebt: false, somethingNew: 1 });
    expect(parsed._hasEverBeenInDebt).toBe(false);
    expect(parsed.somethingNew).toBe(1);
    expect(extensionFields(parsed)).toEqual({ _hasEverBeenInDebt: false });
  });

  it("require a string id and an RFC 3339 updatedAt", () => {
    expect(clientRecordSchema.safeParse({ id: 12, updatedAt }).success).toBe(false);
    expect(clientRecordSchema.safeParse({ id: "x", updatedAt: "yesterday" }).success).toBe(false);
    expect(clientRecordSchema.safeParse({ id: "x", updatedAt: "2025-03-01T10:00:00+02:00" }).success).toBe(true);
  });

  it("accept contracts with unknown status codes", () => {
    const contract = contractRecordSchema.parse({ id: "ct_1", updatedAt, holderId: "cl_1", productId: "pr_1", status: 150 });
    expect(contract.status).toBe(150);
    expect(contract.data).toEqual({});
  });
});

describe("request schemas", () => {
  it("require the person fields of a person client", () => {
    const result = createClientRequestSchema.safeParse({ type: "person", firstName: "Ada" });
    expect(result.success).toBe(false);
    const fields = issuesToDetails(result.error!.issues).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["lastName", "birthDate"]));
  });

  it("accept a company client and keep its extension fields", () => {
    const parsed = createClientRequestSchema.parse({ type: "company", companyName: "Acme", _vat: "DE1" });
    expect(parsed).toMatchObject({ companyName: "Acme", _vat: "DE1" });
  });

  it("only create contracts with status 120 and an http(s) callback", () => {
    expect(createContractRequestSchema.safeParse({ holderId: "a", productId: "b", status: 130 }).success).toBe(false);
    expect(createContractRequestSchema.safeParse({ holderId: "a", productId: "b", status: 120, callback: "ftp://x/y" }).success).toBe(false);
    expect(createContractRequestSchema.parse({ holderId: "a", productId: "b", status: 120, callback: "http://127.0.0.1:9/cb" }).data).toEqual({});
  });

  it("split and dedupe id lists", () => {
    expect(idListSchema.parse("a,b, a,,c")).toEqual(["a", "b", "c"]);
    expect(idListSchema.safeParse(",").success).toBe(false);
  });
});

describe("error and callback bodies", () => {
  it("use UPPER_SNAKE codes", () => {
    expect(errorBodySchema.safeParse({ error: { code: "NOT_FOUND", message: "x" } }).success).toBe(true);
    expect(errorBodySchema.safeParse({ error: { code: "notFound", message: "x" } }).success).toBe(false);
  });

  it("describe a contract status change", () => {
    expect(callbackBodySchema.safeParse({ recordType: "contract", id: "ct_1", status: 130, updatedAt }).success).toBe(true);
    expect(callbackBodySchema.safeParse({ recordType: "client", id: "ct_1", status: 130, updatedAt }).success).toBe(false);
  });
});

describe("OpenAPI document", () => {
  const doc = buildOpenApiDocument({ serverUrl: "http://127.0.0.1:4010" }) as {
    openapi: string;
    paths: Record<string, Record<string, unknown>>;
    components: { schemas: Record<string, { $id?: string; properties?: Record<string, unknown> }> };
  };

  it("is OpenAPI 3.1 with every FINUM endpoint", () => {
    expect(doc.openapi).toBe("3.1.0");
    for (const type of ["contract", "client", "product", "user", "file"]) {
      expect(doc.paths[`/v1/${type}-id-list-updated`]?.get).toBeDefined();
      expect(doc.paths[`/v1/${type}-list`]?.get).toBeDefined();
    }
    expect(Object.keys(doc.paths["/v1/contract"]!)).toEqual(["post", "patch"]);
    expect(doc.paths["/v1/client"]?.post).toBeDefined();
    expect(doc.paths["/v1/auth-status"]?.get).toBeDefined();
    expect(doc.paths["/v1/file-content"]?.get).toBeDefined();
  });

  it("has component schemas generated from zod, with references resolvable inside the document", () => {
    expect(doc.components.schemas.Contract?.properties).toHaveProperty("status");
    expect(doc.components.schemas.Contract?.$id).toBeUndefined();
    const text = JSON.stringify(doc);
    for (const match of text.matchAll(/"\$ref":"#\/components\/schemas\/([A-Za-z]+)"/g)) {
      expect(doc.components.schemas).toHaveProperty(match[1]!);
    }
  });
});
