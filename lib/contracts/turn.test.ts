import { describe, expect, it } from "vitest";
import { approvalStateOf, decideTurn, withAdvice, type ApprovalRow } from "./turn";

describe("decideTurn: whose turn from status and approval state", () => {
  it.each([
    [0, "NONE", "ADVISOR", "send-proposal", false],
    [110, "NONE", "ADVISOR", "complete-data", true],
    [120, "NONE", "PROVIDER", "wait-provider", false],
    [130, "NONE", "ADVISOR", "send-approval", true],
    [130, "PENDING", "CUSTOMER", "wait-customer", false],
    [130, "APPROVED", "ADVISOR", "order", false],
    [130, "DECLINED", "ADVISOR", "after-decline", true],
    [130, "EXPIRED", "ADVISOR", "resend-approval", true],
    [130, "VOID", "ADVISOR", "approval-voided", true],
    [230, "APPROVED", "PROVIDER", "wait-provider", false],
    [250, "APPROVED", "PROVIDER", "wait-provider", false],
    [320, "APPROVED", "NONE", "none", false],
    [510, "NONE", "NONE", "none", false],
    [420, "NONE", "ADVISOR", "try-another", true],
    [430, "DECLINED", "NONE", "none", false],
  ] as const)("status %i, approval %s → %s (%s)", (status, approvalState, turn, nextStep, needsAttention) => {
    expect(decideTurn({ status, approvalState })).toEqual({ turn, nextStep, needsAttention });
  });

  it("a declined proposal or a provider decline replaced by a newer draft leaves nothing to do", () => {
    expect(decideTurn({ status: 130, approvalState: "DECLINED", hasSuccessor: true }).turn).toBe("NONE");
    expect(decideTurn({ status: 420, approvalState: "NONE", hasSuccessor: true }).turn).toBe("NONE");
  });
});

describe("approvalStateOf", () => {
  const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 12, minutes));
  const now = at(30);
  const row = (status: ApprovalRow["status"], proposalVersion: number, created: number, expires: number | null = 60): ApprovalRow => ({ status, proposalVersion, createdAt: at(created), expiresAt: expires === null ? null : at(expires) });

  it.each([
    ["no request at all", [], "NONE"],
    ["an open link", [row("PENDING", 2, 1)], "PENDING"],
    ["a link that ran out", [row("PENDING", 2, 1, 20)], "EXPIRED"],
    ["a decline, then a new link", [row("DECLINED", 2, 1), row("PENDING", 2, 5)], "PENDING"],
    ["a new link, then a decline", [row("PENDING", 2, 1), row("DECLINED", 2, 5)], "DECLINED"],
    ["an approval beside a later voided link", [row("APPROVED", 2, 1), row("VOID", 2, 5)], "APPROVED"],
    ["only requests for an earlier version", [row("APPROVED", 1, 1)], "VOID"],
    ["a link whose email failed", [row("VOID", 2, 1)], "VOID"],
  ] as const)("%s", (_label, rows, expected) => {
    expect(approvalStateOf(rows, 2, now)).toBe(expected);
  });
});

describe("withAdvice: no link and no order without a completed advice record", () => {
  it("asks for the advice record at 130 until it is completed, and for a new link when the approval is not bound to it", () => {
    for (const step of ["send-approval", "resend-approval", "approval-voided", "order"] as const) {
      expect(withAdvice(step, { ready: false, approvalBound: false })).toBe("record-advice");
    }
    expect(withAdvice("send-approval", { ready: true, approvalBound: false })).toBe("send-approval");
    expect(withAdvice("order", { ready: true, approvalBound: true })).toBe("order");
    expect(withAdvice("order", { ready: true, approvalBound: false })).toBe("send-approval");
    // Steps that do not involve the customer's approval are left alone.
    for (const step of ["send-proposal", "complete-data", "wait-provider", "wait-customer", "after-decline", "try-another", "none"] as const) {
      expect(withAdvice(step, { ready: false, approvalBound: false })).toBe(step);
    }
  });
});
