/** The error body of every non-2xx answer (FINUM.md, "Errors [ours]"). */
import { z } from "zod";

export const ERROR_CODES = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  414: "TOO_MANY_IDS",
  422: "VALIDATION_FAILED",
  429: "RATE_LIMITED",
  500: "INTERNAL_ERROR",
  503: "UNAVAILABLE",
} as const;

/** More specific codes used with 409. */
export const CONFLICT_CODES = {
  invalidTransition: "INVALID_STATUS_TRANSITION",
  idempotencyKeyReused: "IDEMPOTENCY_KEY_REUSED",
} as const;

export const errorDetailSchema = z.object({ field: z.string(), message: z.string() });

export const errorBodySchema = z
  .object({
    error: z.looseObject({
      code: z.string().regex(/^[A-Z][A-Z0-9_]*$/, "UPPER_SNAKE"),
      message: z.string(),
      details: z.array(errorDetailSchema).optional(),
    }),
  })
  .meta({ description: "Body of every non-2xx answer." });

export type ErrorDetail = z.infer<typeof errorDetailSchema>;
export type ErrorBody = z.infer<typeof errorBodySchema>;

export function errorBody(code: string, message: string, details?: ErrorDetail[]): ErrorBody {
  return { error: details && details.length > 0 ? { code, message, details } : { code, message } };
}

/** Zod issues as FINUM error details: `field` is the dotted path. */
export function issuesToDetails(issues: readonly { path: readonly PropertyKey[]; message: string }[], prefix = ""): ErrorDetail[] {
  return issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "(body)",
    message: issue.message,
  }));
}
