import { describe, expect, it } from "vitest";
import { AppError, problemResponse, toProblem } from "./errors";
import { logger, setLogDestination } from "./log/logger";
import { withContext } from "./log/context";

describe("problem details", () => {
  it("reports expected errors with their code, message and field errors", async () => {
    const response = problemResponse(new AppError("VALIDATION", "Check the email.", { fieldErrors: { email: ["Invalid."] } }));
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ status: 422, detail: "Check the email.", code: "VALIDATION", errors: { email: ["Invalid."] } });
  });

  it("hides unexpected errors behind a request id and logs them as JSON with the request's ids", () => {
    const lines: string[] = [];
    setLogDestination({ write: (line: string) => void lines.push(line) });
    const problem = withContext({ requestId: "req-123", correlationId: "corr-9" }, () => toProblem(new Error("connection string postgresql://secret")));
    expect(problem.status).toBe(500);
    expect(problem.detail).not.toContain("secret");
    expect(problem.requestId).toBe("req-123");
    expect(problem.detail).toContain("req-123");
    const logged = JSON.parse(lines[0]!);
    expect(logged).toMatchObject({ level: "error", requestId: "req-123", correlationId: "corr-9" });
    expect(logged.err.message).toContain("postgresql://secret");
  });

  it("redacts secrets, tokens and passwords in logged objects", () => {
    const lines: string[] = [];
    setLogDestination({ write: (line: string) => void lines.push(line) });
    withContext({ requestId: "r1", userId: "u1", organizationId: "o1" }, () => {
      logger().info({ password: "hunter2", provider: { webhookSecret: "whsec_x", token: "tok" }, headers: { authorization: "Bearer abc" } }, "hello");
    });
    const text = lines.join("");
    expect(text).not.toMatch(/hunter2|whsec_x|"tok"|Bearer abc/);
    expect(JSON.parse(lines[0]!)).toMatchObject({ userId: "u1", organizationId: "o1", requestId: "r1" });
  });

  it("sets Retry-After on rate limits", () => {
    expect(problemResponse(new AppError("RATE_LIMITED", "Slow down.", { retryAfterSeconds: 30 })).headers.get("retry-after")).toBe("30");
  });
});
