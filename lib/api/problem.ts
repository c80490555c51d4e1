/**
 * RFC 9457 problem details for /api/v1: machine-readable `code`, field-level `errors`, and the
 * request id. Expected errors are AppErrors (shared with the browser) or ApiProblems (codes
 * that only the API has, such as a reused Idempotency-Key). `title`, `detail` and the field
 * errors are in the caller's language (Accept-Language, English unless it asks for German).
 */
import { AppError, logUnexpected, toProblem, translateFieldMessages, type FieldErrors, type FieldMessages, type MessageInput } from "../errors";
import { isMsg, msg, type Msg } from "../i18n/message";
import { hasMessage, translate } from "../i18n/translate";
import type { AppLocale } from "../i18n/locales";

export const PROBLEM_BASE = "https://proposal-desk.local/problems/";

const asMsg = (input: MessageInput): Msg => (isMsg(input) ? input : msg(input));

/** A problem only the API has. Its message and field errors are catalogue keys (apiAdmin.problems.*). */
export class ApiProblem extends Error {
  readonly msg: Msg;
  readonly fieldMessages?: FieldMessages;
  constructor(
    readonly status: number,
    readonly code: string,
    message: MessageInput,
    readonly options: { fieldErrors?: Record<string, MessageInput[]>; headers?: Record<string, string> } = {},
  ) {
    const localized = asMsg(message);
    super(translate("en", localized));
    this.name = "ApiProblem";
    this.msg = localized;
    if (options.fieldErrors) this.fieldMessages = Object.fromEntries(Object.entries(options.fieldErrors).map(([field, list]) => [field, list.map(asMsg)]));
  }
  /** The field errors in English (logs, tests). */
  get fieldErrors(): FieldErrors | undefined {
    return this.fieldMessages ? translateFieldMessages(this.fieldMessages, "en") : undefined;
  }
}

/** The HTTP status's name, in the caller's language ("Unprocessable Content" / "Nicht verarbeitbarer Inhalt"). */
function titleOf(status: number, locale: AppLocale, fallback?: string): string {
  const key = `apiAdmin.problems.titles.${status}`;
  return hasMessage(key) ? translate(locale, key) : (fallback ?? translate(locale, "apiAdmin.problems.titles.error"));
}

export interface ApiProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  requestId: string;
  errors?: FieldErrors;
}

export function problemBody(error: unknown, requestId: string, context: Record<string, unknown> = {}, locale: AppLocale = "en"): { body: ApiProblemBody; headers: Record<string, string> } {
  if (error instanceof ApiProblem) {
    return {
      body: {
        type: PROBLEM_BASE + error.code.toLowerCase().replaceAll("_", "-"),
        title: titleOf(error.status, locale),
        status: error.status,
        detail: translate(locale, error.msg),
        code: error.code,
        requestId,
        ...(error.fieldMessages ? { errors: translateFieldMessages(error.fieldMessages, locale) } : {}),
      },
      headers: error.options.headers ?? {},
    };
  }
  if (!(error instanceof AppError)) {
    logUnexpected(error, context, requestId);
    return { body: { type: "about:blank", title: titleOf(500, locale), status: 500, detail: translate(locale, "common.errors.unexpected", { requestId }), code: "INTERNAL", requestId }, headers: {} };
  }
  const problem = toProblem(error, context, locale);
  const headers: Record<string, string> = {};
  if (error.options.retryAfterSeconds) headers["retry-after"] = String(error.options.retryAfterSeconds);
  if (error.status === 401) headers["www-authenticate"] = 'Bearer realm="proposal-desk"';
  return { body: { ...problem, title: titleOf(problem.status, locale, problem.title), code: problem.code ?? "INTERNAL", requestId: problem.requestId ?? requestId }, headers };
}
