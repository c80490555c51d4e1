import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limit";

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
