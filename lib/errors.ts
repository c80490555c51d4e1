/**
 * Expected errors carry a code and a message meant for the user; everything else is
 * unexpected: the user sees a generic message with a request id, the log gets the detail.
 */
import { currentContext, newId } from "./log/context";
import { logger } from "./log/logger";
import { isMsg, msg, type Msg } from "./i18n/message";
import { translate } from "./i18n/translate";
import type { AppLocale } from "./i18n/locales";

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

/** Field errors keyed by field name, as forms show them: English strings, for logs and tests. */
export type FieldErrors = Record<string, string[]>;
/** The same as messages, translated where the reader's language is known. */
export type FieldMessages = Record<string, Msg[]>;

/** A text for a person: a catalogue key with values (a bare string is a key). */
export type MessageInput = Msg | string;
const asMsg = (input: MessageInput): Msg => (isMsg(input) ? input : msg(input));

/**
 * An expected error. Its message is a catalogue key (with values), put into the reader's language
 * at the edge; `message` is the English text, for logs and tests.
 */
export class AppError extends Error {
  readonly status: number;
  readonly msg: Msg;
  readonly fieldMessages?: FieldMessages;
  constructor(
    readonly code: ErrorCode,
    message: MessageInput,
    readonly options: { fieldErrors?: Record<string, MessageInput[]>; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    const localized = asMsg(message);
    super(translate("en", localized), { cause: options.cause });
    this.name = "AppError";
    this.status = STATUS[code];
    this.msg = localized;
    if (options.fieldErrors) this.fieldMessages = Object.fromEntries(Object.entries(options.fieldErrors).map(([field, list]) => [field, list.map(asMsg)]));
  }
  get fieldErrors(): FieldErrors | undefined {
    return this.fieldMessages ? translateFieldMessages(this.fieldMessages, "en") : undefined;
  }
}

export function translateFieldMessages(fields: FieldMessages, locale: AppLocale | string): FieldErrors {
  return Object.fromEntries(Object.entries(fields).map(([field, list]) => [field, list.map((m) => translate(locale, m))]));
}

export const notFound = (what?: MessageInput) => new AppError("NOT_FOUND", what ?? msg("common.errors.notFound"));

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

/**
 * RFC 9457 problem details for an error, with `title`, `detail` and field errors in the reader's
 * language (English unless told); unexpected errors are logged and reported generically.
 */
export function toProblem(error: unknown, context: Record<string, unknown> = {}, locale: AppLocale = "en"): Problem {
  if (error instanceof AppError) {
    return {
      type: `https://proposal-desk.local/problems/${error.code.toLowerCase().replaceAll("_", "-")}`,
      title: translate(locale, `common.problems.${error.code}`),
      status: error.status,
      detail: translate(locale, error.msg),
      code: error.code,
      ...(error.fieldMessages ? { errors: translateFieldMessages(error.fieldMessages, locale) } : {}),
    };
  }
  const requestId = logUnexpected(error, context);
  return {
    type: "about:blank",
    title: translate(locale, "common.problems.INTERNAL"),
    status: 500,
    detail: translate(locale, "common.errors.unexpected", { requestId }),
    requestId,
  };
}

export function problemResponse(error: unknown, context: Record<string, unknown> = {}, locale: AppLocale = "en"): Response {
  const answer = problemAnswer(error, context, locale);
  return new Response(answer.body, answer);
}

/** An answer as plain data (a route answered without a web Response: lib/http/request-context.ts). */
export interface PlainAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** problemResponse as plain data. */
export function problemAnswer(error: unknown, context: Record<string, unknown> = {}, locale: AppLocale = "en"): PlainAnswer {
  const problem = toProblem(error, context, locale);
  const headers: Record<string, string> = { "content-type": "application/problem+json" };
  const requestId = currentContext()?.requestId;
  if (requestId) headers["x-request-id"] = requestId;
  if (error instanceof AppError && error.options.retryAfterSeconds) headers["retry-after"] = String(error.options.retryAfterSeconds);
  return { status: problem.status, headers, body: JSON.stringify(problem) };
}

/**
 * What a server action returns to the browser: never a raw exception message. The error and the
 * field errors are messages (key and values); the browser shows them in the user's language
 * (components/i18n/use-msg.ts).
 */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; error: Msg; code?: ErrorCode; fieldErrors?: FieldMessages; requestId?: string };

export function actionError(error: unknown, context: Record<string, unknown> = {}): Extract<ActionResult, { ok: false }> {
  if (error instanceof AppError) return { ok: false, error: error.msg, code: error.code, ...(error.fieldMessages ? { fieldErrors: error.fieldMessages } : {}) };
  const requestId = logUnexpected(error, context);
  return { ok: false, error: msg("common.errors.unexpected", { requestId }), requestId };
}
