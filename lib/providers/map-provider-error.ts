/** Provider client errors as expected application errors, with messages meant for the user. */
import { AppError } from "../errors";
import { msg } from "../i18n/message";
import { ProviderAddressError, ProviderAuthError, ProviderError, ProviderRejectedError, ProviderResponseError, ProviderUnavailableError } from "../finum/client-errors";

/**
 * The provider's own words (its message, an HTTP status, a network error) stay as they are; the
 * sentence around them is a catalogue key (providers.errors.*). `kept` adds that a draft was kept.
 */
export function toAppError(error: unknown, context: { draftKept?: boolean } = {}): unknown {
  if (!(error instanceof ProviderError)) return error;
  const kept = context.draftKept ? "yes" : "no";
  const provider = error.provider;
  if (error instanceof ProviderUnavailableError && error.status === 429 && error.retryAfterSeconds !== undefined) {
    return new AppError("PROVIDER_UNAVAILABLE", msg("providers.errors.paused", { provider, seconds: Math.max(1, error.retryAfterSeconds), kept }), {
      retryAfterSeconds: error.retryAfterSeconds,
      cause: error,
    });
  }
  if (error instanceof ProviderUnavailableError) {
    return new AppError("PROVIDER_UNAVAILABLE", msg("providers.errors.unreachable", { provider, reason: error.message.replace(/^.*?:\s*/, ""), kept }), {
      retryAfterSeconds: error.retryAfterSeconds,
      cause: error,
    });
  }
  if (error instanceof ProviderRejectedError) {
    const conflict = error.status === 409;
    return new AppError(conflict ? "CONFLICT" : "VALIDATION", msg("providers.errors.rejected", { provider, message: error.providerMessage }), {
      fieldErrors: Object.keys(error.fieldErrors).length ? error.fieldErrors : undefined,
      cause: error,
    });
  }
  if (error instanceof ProviderAuthError) {
    return new AppError("PROVIDER_ERROR", msg("providers.errors.credentials", { provider, message: error.providerMessage, kept }), { cause: error });
  }
  if (error instanceof ProviderAddressError) {
    return new AppError("PROVIDER_ERROR", msg("providers.errors.address", { message: error.message, kept }), { cause: error });
  }
  if (error instanceof ProviderResponseError) {
    return new AppError("PROVIDER_ERROR", msg("providers.errors.unreadable", { provider, kept }), { cause: error });
  }
  return new AppError("PROVIDER_ERROR", msg("providers.errors.other", { provider, message: error.message }), { cause: error });
}
