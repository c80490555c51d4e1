import { describe, expect, it } from "vitest";
import { knownOverAllowance, leaseSize, noteLease, RateLimiter, spendLeased } from "./rate-limit";

describe("callback rate limiter", () => {
  it("lets a burst through, then refuses with a Retry-After, then refills", () => {
    const limiter = new RateLimiter(10, 20);
    const now = 1_000_000;
    const answers = Array.from({ length: 25 }, () => limiter.take("provider:a", now));
    expect(answers.filter((answer) => answer.ok)).toHaveLength(20);
    expect(answers[24]).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take("provider:b", now).ok).toBe(true); // each provider has its own bucket
    expect(limiter.take("provider:a", now + 500).ok).toBe(true); // 5 tokens back after half a second
  });
});

describe("provider allowance leases", () => {
  it("takes a twentieth of the allowance at once, at least one point and at most 50", () => {
    expect(leaseSize(6)).toBe(1);
    expect(leaseSize(500)).toBe(25);
    expect(leaseSize(100_000)).toBe(50);
  });

  it("spends a lease point by point within its window, grants only what is left of the allowance, and refuses beyond it", () => {
    const now = 2_000_000;
    // 25 taken, the window's count is now 25 of 500: all leased, one spent by the caller.
    expect(noteLease("lease:a", 25, now + 1000, 25, 500, now)).toEqual({ ok: true });
    const spent = Array.from({ length: 30 }, () => spendLeased("lease:a", now));
    expect(spent.filter(Boolean)).toHaveLength(24);
    // The window ended: what was left lapses.
    expect(noteLease("lease:b", 10, now + 1000, 10, 500, now)).toEqual({ ok: true });
    expect(spendLeased("lease:b", now + 1000)).toBe(false);
    // Other instances took most of the allowance: 25 taken brings the count to 510 of 500, 15 are granted.
    expect(noteLease("lease:c", 510, now + 1000, 25, 500, now)).toEqual({ ok: true });
    expect(Array.from({ length: 20 }, () => spendLeased("lease:c", now)).filter(Boolean)).toHaveLength(14);
    // Nothing left: refused until the window ends, without a query.
    expect(noteLease("lease:d", 525, now + 400, 25, 500, now)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(knownOverAllowance("lease:d", now).ok).toBe(false);
    expect(knownOverAllowance("lease:d", now + 400).ok).toBe(true);
  });
});
