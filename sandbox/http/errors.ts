/** Expected API errors; the server turns them into the FINUM error body. */
import { ERROR_CODES, errorBody, issuesToDetails, type ErrorBody, type ErrorDetail } from "../../lib/finum";
import type { z } from "zod";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): ErrorBody {
    return errorBody(this.code, this.message, this.details);
  }
}

const codeFor = (status: keyof typeof ERROR_CODES) => ERROR_CODES[status];

export const badRequest = (message: string, details?: ErrorDetail[]) => new HttpError(400, codeFor(400), message, details);
export const unauthorized = (message: string) =>
  new HttpError(401, codeFor(401), message, undefined, { "www-authenticate": 'Bearer error="invalid_token"' });
export const forbidden = (message: string) => new HttpError(403, codeFor(403), message);
export const notFound = (message: string) => new HttpError(404, codeFor(404), message);
export const conflict = (code: string, message: string) => new HttpError(409, code, message);
export const tooManyIds = (message: string) => new HttpError(414, codeFor(414), message);
export const payloadTooLarge = (message: string) => new HttpError(413, codeFor(413), message);
export const unprocessable = (message: string, details: ErrorDetail[]) => new HttpError(422, codeFor(422), message, details);
export const rateLimited = (retryAfterSeconds: number) =>
  new HttpError(429, codeFor(429), "Too many requests (injected fault)", undefined, { "retry-after": String(retryAfterSeconds) });
export const unavailable = (message: string) => new HttpError(503, codeFor(503), message);

/** Parses with a zod schema; failures become 422 with field details (bodies) or 400 (query). */
export function parseOr<S extends z.ZodType>(schema: S, input: unknown, kind: "body" | "query", prefix = ""): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = issuesToDetails(result.error.issues, prefix);
  if (kind === "query") throw badRequest("Invalid query parameters", details);
  throw unprocessable("The request body is invalid", details);
}
