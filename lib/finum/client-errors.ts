/**
 * Typed errors of the provider client (lib/finum/client.ts). Every one names the provider and the
 * operation, so a message read in a log or on a page says who failed at what.
 */
import type { ErrorDetail } from "./errors";

export type FieldErrors = Record<string, string[]>;

export class ProviderError extends Error {
  constructor(
    /** The provider's display name, e.g. "FiNUM Sandbox". */
    readonly provider: string,
    /** What we asked for, e.g. "list product", "create contract". */
    readonly operation: string,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = "ProviderError";
  }
}

/** Network error, timeout, 5xx or 429, still failing after the retries. Worth trying again later. */
export class ProviderUnavailableError extends ProviderError {
  constructor(
    provider: string,
    operation: string,
    message: string,
    readonly details: { status?: number | null; retryAfterSeconds?: number; attempts?: number; cause?: unknown } = {},
  ) {
    super(provider, operation, message, { cause: details.cause });
    this.name = "ProviderUnavailableError";
  }
  get status(): number | null {
    return this.details.status ?? null;
  }
  get retryAfterSeconds(): number | undefined {
    return this.details.retryAfterSeconds;
  }
}

/** The provider refused the request (4xx other than 401/403). Retrying the same request will not help. */
export class ProviderRejectedError extends ProviderError {
  /** Field errors for a form: FINUM `details[].field` mapped to our field names (see fieldErrorsFromDetails). */
  readonly fieldErrors: FieldErrors;
  constructor(
    provider: string,
    operation: string,
    message: string,
    readonly status: number,
    readonly code: string,
    /** The provider's own message, without our prefix. */
    readonly providerMessage: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(provider, operation, message);
    this.name = "ProviderRejectedError";
    this.fieldErrors = fieldErrorsFromDetails(details);
  }
}

/** 401/403: our token was refused (wrong key, unknown consumer id, wrong audience, clock skew). */
export class ProviderAuthError extends ProviderError {
  constructor(
    provider: string,
    operation: string,
    message: string,
    readonly status: number | null,
    readonly code: string,
    readonly providerMessage: string,
  ) {
    super(provider, operation, message);
    this.name = "ProviderAuthError";
  }
}

/** A 2xx answer that cannot be read (not JSON, not the wire schema, over the size limit), or a redirect we do not follow. */
export class ProviderResponseError extends ProviderError {
  constructor(provider: string, operation: string, message: string, readonly status: number, options: { cause?: unknown } = {}) {
    super(provider, operation, message, options);
    this.name = "ProviderResponseError";
  }
}

/**
 * The one text for a provider address we refuse (issue 11), whatever the reason (scheme, the portal
 * itself, loopback, private or link-local addresses, a host resolving to one of them): different
 * texts per cause would let an admin map a network through the connection test.
 */
export const PROVIDER_ADDRESS_REFUSED = "This address cannot be used for a provider. Use the provider's public HTTPS address.";

/** The base URL (or an address its host resolves to right now) is not allowed by the address policy. Nothing was sent. */
export class ProviderAddressError extends ProviderError {
  constructor(provider: string, operation: string) {
    super(provider, operation, `${provider}: ${PROVIDER_ADDRESS_REFUSED}`);
    this.name = "ProviderAddressError";
  }
}

/**
 * FINUM error details → form field errors. `data.coverage` (contract data) becomes `coverage`,
 * `address.city` (client address) becomes `city`, a body-level problem `_form`; other names
 * (`firstName`, `birthDate`) stay as they are.
 */
export function fieldErrorsFromDetails(details: readonly ErrorDetail[]): FieldErrors {
  const out: FieldErrors = {};
  for (const detail of details) {
    const key = fieldNameOf(detail.field);
    (out[key] ??= []).push(detail.message);
  }
  return out;
}

export function fieldNameOf(field: string): string {
  if (field === "" || field === "(body)") return "_form";
  for (const prefix of ["data.", "address."]) {
    if (field.startsWith(prefix) && field.length > prefix.length) return field.slice(prefix.length);
  }
  return field;
}
