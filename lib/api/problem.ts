/**
 * RFC 9457 problem details for /api/v1: machine-readable `code`, field-level `errors`, and the
 * request id. Expected errors are AppErrors (shared with the browser) or ApiProblems (codes
 * that only the API has, such as a reused Idempotency-Key).
 */
import { AppError, logUnexpected, toProblem, type FieldErrors } from "../errors";

export const PROBLEM_BASE = "https://proposal-desk.local/problems/";

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly options: { fieldErrors?: FieldErrors; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = "ApiProblem";
  }
}

const TITLES: Record<number, string> = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 409: "Conflict", 413: "Content Too Large", 415: "Unsupported Media Type", 422: "Unprocessable Content", 429: "Too Many Requests", 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable" };

export interface ApiProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  requestId: string;
  errors?: FieldErrors;
}

export function problemBody(error: unknown, requestId: string, context: Record<string, unknown> = {}): { body: ApiProblemBody; headers: Record<string, string> } {
  if (error instanceof ApiProblem) {
    return {
      body: { type: PROBLEM_BASE + error.code.toLowerCase().replaceAll("_", "-"), title: TITLES[error.status] ?? "Error", status: error.status, detail: error.message, code: error.code, requestId, ...(error.options.fieldErrors ? { errors: error.options.fieldErrors } : {}) },
      headers: error.options.headers ?? {},
    };
  }
  if (!(error instanceof AppError)) {
    logUnexpected(error, context, requestId);
    return { body: { type: "about:blank", title: "Internal Server Error", status: 500, detail: `Something went wrong on our side. Quote request id ${requestId} if you contact support.`, code: "INTERNAL", requestId }, headers: {} };
  }
  const problem = toProblem(error, context);
  const headers: Record<string, string> = {};
  if (error instanceof AppError && error.options.retryAfterSeconds) headers["retry-after"] = String(error.options.retryAfterSeconds);
  if (error instanceof AppError && error.status === 401) headers["www-authenticate"] = 'Bearer realm="proposal-desk"';
  return { body: { ...problem, title: TITLES[problem.status] ?? problem.title, code: problem.code ?? "INTERNAL", requestId: problem.requestId ?? requestId }, headers };
}
