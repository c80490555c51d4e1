import { afterEach, describe, expect, it, vi } from "vitest";
import { leadingAndTrailing } from "./listen";

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
});
