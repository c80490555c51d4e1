import { describe, expect, it, vi } from "vitest";
import { AppError, problemResponse, toProblem } from "./errors";

describe("problem details", () => {
  it("reports expected errors with their code, message and field errors", async () => {
    const response = problemResponse(new AppError("VALIDATION", "Check the email.", { fieldErrors: { email: ["Invalid."] } }));
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 422, detail: "Check the email.", code: "VALIDATION", errors: { email: ["Invalid."] } });
  });

  it("hides unexpected errors behind a request id and logs them", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const problem = toProblem(new Error("connection string postgresql://secret"));
    expect(problem.status).toBe(500);
    expect(problem.detail).not.toContain("secret");
    expect(problem.detail).toContain(problem.requestId!);
    expect(log.mock.calls[0]![0]).toContain(problem.requestId!);
    log.mockRestore();
  });

  it("sets Retry-After on rate limits", () => {
    expect(problemResponse(new AppError("RATE_LIMITED", "Slow down.", { retryAfterSeconds: 30 })).headers.get("retry-after")).toBe("30");
  });
});
