import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-policy";

describe("password policy", () => {
  it("refuses short, common, run and repeated passwords with a reason", () => {
    for (const weak of ["short", "password1234", "Password2026!", "P@ssw0rd-2026".replace("@", "a").replace("0", "o"), "qwertyuiop12", "123456789012", "aaaaaaaaaaaa", "abababababab", "letmein!letmein"]) {
      expect(passwordProblem(weak), weak).not.toBeNull();
    }
    expect(passwordProblem("anna.schmidt-2026", { email: "anna.schmidt@firm.example" })).toMatch(/email/);
  });

  it("accepts long unrelated words and generated passwords", () => {
    for (const strong of ["correct-horse-battery-staple", "demo-password-2026", "tN7#qL2v!xP9zR", "blue kettle under stairs"]) expect(passwordProblem(strong), strong).toBeNull();
  });
});
