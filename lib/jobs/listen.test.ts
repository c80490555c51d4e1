import { afterEach, describe, expect, it, vi } from "vitest";
import { coalesce, leadingAndTrailing } from "./listen";

describe("leadingAndTrailing (coalesced worker wake-ups)", () => {
  afterEach(() => vi.useRealTimers());

  it("runs at once when quiet, then once per window however many calls come in it", () => {
    vi.useFakeTimers();
    const run = vi.fn();
    const wake = leadingAndTrailing(run, 250);
    wake();
    expect(run).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 50; i++) wake();
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(250);
    expect(run).toHaveBeenCalledTimes(2); // the calls in the window: one run at its end
    vi.advanceTimersByTime(1_000);
    expect(run).toHaveBeenCalledTimes(2); // nothing new: nothing more
    wake();
    expect(run).toHaveBeenCalledTimes(3);
  });

  it("coalesce tells the first caller to act now and runs the rest once at the window's end", () => {
    vi.useFakeTimers();
    const later = vi.fn();
    const now = coalesce(20, later);
    expect(now()).toBe(true);
    expect([now(), now(), now()]).toEqual([false, false, false]);
    expect(later).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20);
    expect(later).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(20);
    expect(now()).toBe(true);
  });
});
