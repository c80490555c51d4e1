/** The dialect table applied to records, errors and callback bodies, without a server. */
import { describe, expect, it } from "vitest";
import { HttpError } from "../http/errors";
import { productForDialect } from "./products";
import { PRODUCTS } from "../catalogue/products";
import { readSandboxEnv } from "../env";
import { DIALECTS, DIALECT_NAMES, dialectOf } from "./table";
import { formatTimestamp, wireCallbackBody, wireError, wireIdListJson, wireRecord, wireRecordsJson } from "./wire";

const contract = {
  id: "000123456789012345",
  updatedAt: "2026-12-01T10:00:00.123Z",
  holderId: "000987654321098765",
  productId: "pr_hh4contentsplus01",
  status: 130,
  statusNote: null,
  data: { livingArea: 80, proposalFileId: "4812345678", proposalVersion: 2 },
  callback: null,
  contractNumber: null,
  premium: { amount: 12.5, currency: "EUR", interval: "monthly" },
  _riskClass: "B",
};

describe("dialect table", () => {
  it("names every dialect once, standard first", () => {
    expect(DIALECT_NAMES[0]).toBe("standard");
    for (const name of DIALECT_NAMES) expect(DIALECTS[name].name).toBe(name);
  });

  it("a consumer without a dialect gets the instance's (SANDBOX_DIALECT), an unknown name standard", () => {
    expect(readSandboxEnv({ NODE_ENV: "test", SANDBOX_DIALECT: "problem-json" }).SANDBOX_DIALECT).toBe("problem-json");
    expect(readSandboxEnv({ NODE_ENV: "test" }).SANDBOX_DIALECT).toBe("standard");
    expect(() => readSandboxEnv({ NODE_ENV: "test", SANDBOX_DIALECT: "klingon" })).toThrow(/SANDBOX_DIALECT/);
    expect(dialectOf(null, "numeric-ids").name).toBe("numeric-ids");
    expect(dialectOf("problem-json", "numeric-ids").name).toBe("problem-json");
    expect(dialectOf("klingon").name).toBe("standard");
  });

  it("standard changes nothing (byte for byte)", () => {
    const json = JSON.stringify([contract]);
    expect(wireRecordsJson(DIALECTS.standard, "contract", json)).toBe(json);
    expect(wireRecord(DIALECTS.standard, "contract", contract)).toBe(contract);
    expect(wireIdListJson(DIALECTS.standard, "file", '["123"]')).toBe('["123"]');
    const error = wireError(DIALECTS.standard, new HttpError(422, "VALIDATION_FAILED", "bad", [{ field: "data.x", message: "no" }]));
    expect(error.body).toBe('{"error":{"code":"VALIDATION_FAILED","message":"bad","details":[{"field":"data.x","message":"no"}]}}');
    expect(error.contentType).toBe("application/json; charset=utf-8");
  });

  it("numeric-ids: numeric-string premium, nulls left out, file ids as numbers at the top level, seconds", () => {
    const wire = wireRecord(DIALECTS["numeric-ids"], "contract", contract) as Record<string, unknown>;
    expect(wire.premium).toBe("12.50");
    expect(wire.id).toBe("000123456789012345");
    expect("statusNote" in wire || "callback" in wire || "contractNumber" in wire).toBe(false);
    expect(wire.proposalFileId).toBe(4812345678);
    expect(wire.proposalVersion).toBe(2);
    expect(wire.data).toEqual({ livingArea: 80 });
    expect(wire.updatedAt).toBe("2026-12-01T10:00:00Z");
    expect(wire.branchCode).toBe("0042");
    expect(wireIdListJson(DIALECTS["numeric-ids"], "file", '["4812345678","0123"]')).toBe('[4812345678,"0123"]');
    const file = wireRecord(DIALECTS["numeric-ids"], "file", { id: "4812345678", updatedAt: contract.updatedAt, contentType: "application/pdf" }) as Record<string, unknown>;
    expect(file).toMatchObject({ id: 4812345678, mimeType: "application/pdf" });
    expect("contentType" in file).toBe(false);
  });

  it("problem-json: number premium, nested _ objects, extra plain fields, +00:00", () => {
    const wire = wireRecord(DIALECTS["problem-json"], "contract", contract) as Record<string, unknown>;
    expect(wire.premium).toBe(12.5);
    expect(wire._risk).toEqual({ class: "B" });
    expect("_riskClass" in wire).toBe(false);
    expect(wire.statusNote).toBeNull();
    expect(wire.channel).toBe("broker-api");
    expect(wire.updatedAt).toBe("2026-12-01T10:00:00.123+00:00");
    expect((wire.data as Record<string, unknown>).proposalFileId).toBe("4812345678");
  });

  it("writes error bodies as problem details, text, HTML or nothing", () => {
    const error = new HttpError(422, "VALIDATION_FAILED", "The body is invalid", [{ field: "data.sumInsured", message: "must be at least 5000" }]);
    const problem = wireError(DIALECTS["problem-json"], error);
    expect(problem.contentType).toBe("application/problem+json");
    expect(JSON.parse(problem.body)).toEqual({
      type: "/problems/validation-failed",
      title: "Unprocessable Content",
      status: 422,
      detail: "The body is invalid",
      errors: [{ pointer: "#/data/sumInsured", detail: "must be at least 5000" }],
    });
    const text = wireError(DIALECTS["numeric-ids"], error);
    expect(text.contentType).toMatch(/^text\/plain/);
    expect(text.body).toBe("422 Unprocessable Content: The body is invalid\ndata.sumInsured: must be at least 5000\n");
    const html = wireError(DIALECTS["numeric-ids"], new HttpError(503, "UNAVAILABLE", "down <now>", undefined, { "retry-after": "1" }));
    expect(html.contentType).toMatch(/^text\/html/);
    expect(html.body).toContain("<h1>Service Unavailable</h1><p>down &lt;now&gt;</p>");
    expect(html.headers).toEqual({ "retry-after": "1" });
    const empty = wireError(DIALECTS["numeric-ids"], new HttpError(404, "NOT_FOUND", "No file"));
    expect(empty).toMatchObject({ status: 404, body: "" });
    expect(empty.contentType).toBeUndefined();
  });

  it("formats timestamps and callback bodies", () => {
    expect(formatTimestamp(DIALECTS["numeric-ids"], "2026-12-01T10:00:00.999Z")).toBe("2026-12-01T10:00:00Z");
    const body = { recordType: "contract" as const, id: "c1", status: 320, updatedAt: "2026-12-01T10:00:00.100Z" };
    const sentAt = new Date("2026-12-01T10:00:01.000Z");
    expect(wireCallbackBody(DIALECTS["numeric-ids"], body, { statusNote: "Active", sentAt })).toEqual({
      event: "contract.status_changed",
      recordType: "contract",
      id: "c1",
      status: 320,
      updatedAt: "2026-12-01T10:00:00Z",
      statusNote: "Active",
      sentAt: "2026-12-01T10:00:01Z",
    });
    expect(wireCallbackBody(DIALECTS["problem-json"], body, { contractNumber: "X-1", sentAt })).toMatchObject({ specversion: "1.0", id: "c1", data: { contractNumber: "X-1" } });
  });

  it("products: the dialect's type names and required fields, also for the flow", () => {
    const household = PRODUCTS.find((p) => p.line === "household")!;
    const problem = productForDialect(household, DIALECTS["problem-json"]);
    expect(problem.fields.find((f) => f.name === "bicycleCover")?.required).toBe(true);
    expect(problem.fields.find((f) => f.name === "postalCode")?.required).toBe(false);
    expect(productForDialect(household, DIALECTS.standard)).toBe(household);
    const record = wireRecord(DIALECTS["numeric-ids"], "product", { id: household.id, updatedAt: contract.updatedAt, line: "household", fields: household.fields }) as {
      fields: { name: string; type: string }[];
    };
    expect(Object.fromEntries(record.fields.map((f) => [f.name, f.type]))).toMatchObject({ livingArea: "integer", sumInsured: "decimal", postalCode: "text", buildingType: "select", startDate: "date" });
  });
});
