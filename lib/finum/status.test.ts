import { describe, expect, it } from "vitest";
import { CONTRACT_STATUS, describeStatus, KNOWN_CONTRACT_STATUSES } from "./status";

describe("contract status codes", () => {
  it("knows the nine codes of FINUM.md with their meanings", () => {
    expect(KNOWN_CONTRACT_STATUSES.sort()).toEqual([110, 120, 130, 230, 240, 320, 410, 420, 430]);
    expect(describeStatus(110)).toMatchObject({ known: true, label: "Wait for client data", phase: "proposal", setBy: "provider" });
    expect(describeStatus(CONTRACT_STATUS.PROPOSAL_SENT)).toMatchObject({ label: "Proposal sent", phase: "ordering", setBy: "consumer" });
    expect(describeStatus(320)).toMatchObject({ label: "Active", phase: "in-force" });
    expect(describeStatus(430)).toMatchObject({ label: "Withdrawn by client", phase: "ended", setBy: "consumer" });
  });

  it("falls back to the hundreds digit for unknown codes", () => {
    expect(describeStatus(150)).toEqual({ code: 150, known: false, phase: "proposal", label: "Proposal (150)" });
    expect(describeStatus(299)).toMatchObject({ known: false, phase: "ordering" });
    expect(describeStatus(350)).toMatchObject({ phase: "in-force", label: "In force (350)" });
    expect(describeStatus(499)).toMatchObject({ phase: "ended" });
    expect(describeStatus(901)).toEqual({ code: 901, known: false, phase: "unknown", label: "Status 901" });
  });
});
