import { describe, expect, it } from "vitest";
import { canAdvisorMove, statusCodesOfPhase, statusView } from "./status";

describe("contract status view", () => {
  it("labels every known status and its phase (whose turn: lib/contracts/turn.ts)", () => {
    expect(statusView(0)).toMatchObject({ phase: "draft" });
    expect(statusView(110)).toMatchObject({ label: "Provider needs more data", phase: "proposal" });
    expect(statusView(130)).toMatchObject({ phase: "proposal" });
    expect(statusView(240)).toMatchObject({ phase: "ordering" });
    expect(statusView(320)).toMatchObject({ phase: "in-force" });
    expect(statusView(420)).toMatchObject({ phase: "ended" });
  });

  it("shows unknown codes by their hundreds digit and never throws", () => {
    expect(statusView(150)).toMatchObject({ phase: "proposal", known: false });
    expect(statusView(399)).toMatchObject({ phase: "in-force", label: "In force (399)" });
    expect(statusView(999)).toMatchObject({ phase: "unknown", known: false });
  });

  it("lets the advisor order only from 130, and resubmit data from 110 and 130", () => {
    expect(canAdvisorMove(130, 230)).toBe(true);
    expect(canAdvisorMove(110, 230)).toBe(false);
    expect(canAdvisorMove(120, 230)).toBe(false);
    expect(canAdvisorMove(110, 120)).toBe(true);
    expect(canAdvisorMove(320, 430)).toBe(false);
  });

  it("groups codes into phases", () => {
    expect(statusCodesOfPhase("ordering")).toEqual([230, 240]);
    expect(statusCodesOfPhase("ended")).toEqual([410, 420, 430]);
  });
});
