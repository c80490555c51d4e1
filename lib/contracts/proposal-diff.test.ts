import { describe, expect, it } from "vitest";
import { diffVersions, formatFieldValue } from "./proposal-diff";
import type { ProductField } from "../finum/records";

const fields: ProductField[] = [
  { name: "coverage", label: "Coverage (EUR)", type: "enum", required: true, options: ["3000000", "10000000"] },
  { name: "postalCode", label: "Postal code", type: "string", required: true },
  { name: "startDate", label: "Start date", type: "date", required: true },
  { name: "family", label: "Cover the whole family", type: "boolean", required: true },
];

describe("proposal diff", () => {
  it("lists premium and changed fields in the product's order, formatted, and nothing that stayed", () => {
    const before = { version: 1, data: { coverage: "3000000", postalCode: "20095", startDate: "2027-06-01", family: "false", proposalFileId: "f1" }, premium: "4.2", currency: "EUR" };
    const after = { version: 2, data: { coverage: "10000000", postalCode: "20095", startDate: "2027-07-01", family: false, extra: "new", proposalFileId: "f2" }, premium: "6.40", currency: "EUR" };
    expect(diffVersions(before, after, fields)).toEqual([
      { name: "premium", label: "Premium", before: "€4.20", after: "€6.40" },
      { name: "coverage", label: "Coverage (EUR)", before: "3,000,000", after: "10,000,000" },
      { name: "startDate", label: "Start date", before: "01 Jun 2027", after: "01 Jul 2027" },
      // "false" and false are the same answer; the provider's file ids are not terms.
      { name: "extra", label: "extra", before: "—", after: "new" },
    ]);
    expect(diffVersions(before, before, fields)).toEqual([]);
  });

  it("never groups digits of a plain string such as a postal code", () => {
    expect(formatFieldValue("20095", fields[1])).toBe("20095");
    expect(formatFieldValue("20095", fields[0])).toBe("20,095");
    expect(formatFieldValue(true)).toBe("Yes");
    expect(formatFieldValue("2027-06-01", fields[2], "de-DE")).toBe("01.06.2027");
  });
});
