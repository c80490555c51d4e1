import { describe, expect, it } from "vitest";
import { PRODUCT_LINES } from "../../lib/finum";
import { canConsumerMove } from "../flow/transitions";
import { PRODUCTS, findProduct } from "./products";
import { ageAt, underwrite } from "./underwriting";
import { invalidFields, missingFields, missingNote } from "./validate-data";

const life = PRODUCTS.find((p) => p.line === "life")!;
const household = PRODUCTS.find((p) => p.line === "household")!;
const lifeData = { coverAmount: 100_000, termYears: 20, smoker: false, startDate: "2030-01-01" };

describe("catalogue", () => {
  it("covers every line with unique ids", () => {
    expect(new Set(PRODUCTS.map((p) => p.line))).toEqual(new Set(PRODUCT_LINES));
    expect(new Set(PRODUCTS.map((p) => p.id)).size).toBe(PRODUCTS.length);
    expect(findProduct(life.id)).toBe(life);
  });

  it("names missing required fields and ignores optional ones", () => {
    expect(missingFields(household, { livingArea: 80, postalCode: "" })).toEqual(["sumInsured", "postalCode", "buildingType", "startDate"]);
    expect(missingNote(household, ["sumInsured"])).toBe("Missing client data: sumInsured (Sum insured (EUR))");
  });

  it("rejects wrong values and provider-owned fields, keeps unknown keys", () => {
    const problems = invalidFields(household, { livingArea: "big", buildingType: "castle", startDate: "2030-13-45", proposalVersion: 3, somethingElse: 1 });
    expect(problems.map((p) => p.field).sort()).toEqual(["data.buildingType", "data.livingArea", "data.proposalVersion", "data.startDate"]);
    expect(invalidFields(household, { sumInsured: 1 })[0]).toEqual({ field: "data.sumInsured", message: "must be at least 5000" });
  });
});

describe("underwriting", () => {
  it("computes age on a date", () => {
    expect(ageAt("1950-06-15", "2026-06-14")).toBe(75);
    expect(ageAt("1950-06-15", "2026-06-15")).toBe(76);
  });

  it("declines life cover over 75 at the start date, accepts at 75", () => {
    expect(underwrite(life, { type: "person", birthDate: "1954-06-15", name: "x" }, { ...lifeData, startDate: "2030-06-15" }).kind).toBe("decline");
    const accepted = underwrite(life, { type: "person", birthDate: "1954-06-15", name: "x" }, { ...lifeData, startDate: "2030-06-14" });
    expect(accepted).toMatchObject({ kind: "accept", premium: { currency: "EUR", interval: "monthly" } });
  });

  it("prices smokers higher", () => {
    const holder = { type: "person" as const, birthDate: "1980-01-01", name: "x" };
    const a = underwrite(life, holder, lifeData);
    const b = underwrite(life, holder, { ...lifeData, smoker: true });
    if (a.kind !== "accept" || b.kind !== "accept") throw new Error("expected accept");
    expect(b.premium.amount).toBeGreaterThan(a.premium.amount);
  });
});

describe("consumer transitions", () => {
  it("allow only the moves of the flow", () => {
    expect(canConsumerMove(110, 120)).toBe(true);
    expect(canConsumerMove(130, 120)).toBe(true);
    expect(canConsumerMove(130, 230)).toBe(true);
    expect(canConsumerMove(110, 230)).toBe(false);
    expect(canConsumerMove(320, 430)).toBe(false);
    expect(canConsumerMove(130, 320)).toBe(false);
    expect(canConsumerMove(430, 120)).toBe(false);
  });
});
