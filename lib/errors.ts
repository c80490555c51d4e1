/**
 * Expected errors carry a code and a message meant for the user; everything else is
 * unexpected: the user sees a generic message with a request id, the log gets the detail.
 */
import { currentContext, newId } from "./log/context";
import { logger } from "./log/logger";

export type ErrorCode =
  | "BAD_REQUEST"
  | "VALIDATION"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "PAYLOAD_TOO_LARGE"
  | "PROVIDER_UNAVAILABLE"
  | "PROVIDER_ERROR";

const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  VALIDATION: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  PROVIDER_UNAVAILABLE: 503,
  PROVIDER_ERROR: 502,
};

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly options: { fieldErrors?: FieldErrors; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.status = STATUS[code];
  }
  get fieldErrors() {
    return this.options.fieldErrors;
  }
}

export const notFound = (what = "This record") => new AppError("NOT_FOUND", `${what} was not found.`);

/** The id of the current request or job (the one in its log lines), or a new one outside any. */
export function newRequestId(): string {
  return currentContext()?.requestId ?? newId();
}

/** Logs an unexpected error (pino, with the request's ids); returns the request id to show the user. */
export function logUnexpected(error: unknown, context: Record<string, unknown> = {}, requestId = newRequestId()): string {
  logger().error({ ...context, requestId, err: error instanceof Error ? error : new Error(String(error)) }, "Unexpected error");
  return requestId;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  requestId?: string;
  errors?: FieldErrors;
}

/** RFC 9457 problem details for an error; unexpected errors are logged and reported generically. */
export function toProblem(error: unknown, context: Record<string, unknown> = {}): Problem {
  if (error instanceof AppError) {
    return {
      type: `https://proposal-desk.local/problems/${error.code.toLowerCase().replaceAll("_", "-")}`,
      title: error.code.replaceAll("_", " ").toLowerCase().replace(/^./, (c) => c.toUpperCase()),
      status: error.status,
      detail: error.message,
      code: error.code,
      ...(error.fieldErrors ? { errors: error.fieldErrors } : {}),
    };
  }
  const requestId = logUnexpected(error, context);
  return {
    type: "about:blank",
    title: "Internal Server Error",
    status: 500,
    detail: `Something went wrong on our side. Quote request id ${requestId} if you contact support.`,
    requestId,
  };
}

export function problemResponse(error: unknown, context: Record<string, unknown> = {}): Response {
  const problem = toProblem(error, context);
  const headers = new Headers({ "content-type": "application/problem+json" });
  const requestId = currentContext()?.requestId;
  if (requestId) headers.set("x-request-id", requestId);
  if (error instanceof AppError && error.options.retryAfterSeconds) headers.set("retry-after", String(error.options.retryAfterSeconds));
  return new Response(JSON.stringify(problem), { status: problem.status, headers });
}

/** What a server action returns to the browser: never a raw exception message. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; error: string; code?: ErrorCode; fieldErrors?: FieldErrors; requestId?: string };

export function actionError(error: unknown, context: Record<string, unknown> = {}): Extract<ActionResult, { ok: false }> {
  if (error instanceof AppError) return { ok: false, error: error.message, code: error.code, fieldErrors: error.fieldErrors };
  const requestId = logUnexpected(error, context);
  return { ok: false, error: `Something went wrong on our side. Quote request id ${requestId} if you contact support.`, requestId };
}
