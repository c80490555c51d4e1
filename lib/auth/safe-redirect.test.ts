import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-redirect";

describe("redirect after sign-in", () => {
  it("keeps paths on this portal", () => {
    expect(safeNextPath("/contracts/abc?tab=documents#top")).toBe("/contracts/abc?tab=documents#top");
    expect(safeNextPath(["/clients", "/x"])).toBe("/clients");
  });

  it("sends anything that could leave the portal to the start page", () => {
    for (const bad of ["/\\evil.example", decodeURIComponent("/%5Cevil.example"), "//evil.example", "/\t/evil.example", "/\n/evil.example", "https://evil.example", "javascript:alert(1)", "evil.example", "/\\/evil.example", "///evil.example", "", null, undefined]) {
      expect(safeNextPath(bad), String(bad)).toBe("/");
    }
  });
});
