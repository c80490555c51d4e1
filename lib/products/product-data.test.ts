import { describe, expect, it } from "vitest";
import type { ProductField } from "../finum/records";
import { missingRequiredFields, productDataSchema, productDraftSchema } from "./product-data";

const fields: ProductField[] = [
  { name: "sumInsured", label: "Sum insured", type: "number", required: true, min: 1000, max: 500000 },
  { name: "startDate", label: "Start date", type: "date", required: true },
  { name: "glassCover", label: "Glass cover", type: "boolean", required: false },
  { name: "tariff", label: "Tariff", type: "enum", options: ["basic", "comfort"], required: true },
  { name: "note", label: "Note", type: "string", required: false },
];

describe("product data schema", () => {
  it("converts form strings to wire types and drops blanks", () => {
    const parsed = productDataSchema(fields).parse({ sumInsured: "25000", startDate: "2027-01-01", glassCover: "on", tariff: "comfort", note: "  " });
    expect(parsed).toEqual({ sumInsured: 25000, startDate: "2027-01-01", glassCover: true, tariff: "comfort" });
  });

  it("names missing and out-of-range fields", () => {
    const result = productDataSchema(fields).safeParse({ sumInsured: "10", tariff: "gold" });
    expect(result.success).toBe(false);
    const byField = Object.fromEntries(result.error!.issues.map((issue) => [issue.path[0], issue.message]));
    expect(byField.sumInsured).toMatch(/at least 1000/);
    expect(byField.startDate).toBe("Start date is required.");
    expect(byField.tariff).toMatch(/Choose one/);
  });

  it("lets a draft leave required fields for later", () => {
    const draft = productDraftSchema(fields).parse({ sumInsured: "5000" });
    expect(draft).toEqual({ sumInsured: 5000 });
    expect(missingRequiredFields(fields, draft).map((f) => f.name)).toEqual(["startDate", "tariff"]);
  });
});
