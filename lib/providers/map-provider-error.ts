/** Provider client errors as expected application errors, with messages meant for the user. */
import { AppError } from "../errors";
import { ProviderAddressError, ProviderAuthError, ProviderError, ProviderRejectedError, ProviderResponseError, ProviderUnavailableError } from "../finum/client-errors";

export function toAppError(error: unknown, context: { draftKept?: boolean } = {}): unknown {
  if (!(error instanceof ProviderError)) return error;
  const kept = context.draftKept ? " Nothing was lost: the proposal is saved as a draft, and you can send it again." : "";
  if (error instanceof ProviderUnavailableError && error.status === 429 && error.retryAfterSeconds !== undefined) {
    return new AppError("PROVIDER_UNAVAILABLE", `${error.provider} asked us to pause our requests for a while. Try again in about ${Math.max(1, error.retryAfterSeconds)} seconds.${kept}`, {
      retryAfterSeconds: error.retryAfterSeconds,
      cause: error,
    });
  }
  if (error instanceof ProviderUnavailableError) {
    return new AppError("PROVIDER_UNAVAILABLE", `${error.provider} is not reachable right now (${error.message.replace(/^.*?:\s*/, "")}).${kept}`, {
      retryAfterSeconds: error.retryAfterSeconds,
      cause: error,
    });
  }
  if (error instanceof ProviderRejectedError) {
    const conflict = error.status === 409;
    return new AppError(conflict ? "CONFLICT" : "VALIDATION", `${error.provider} did not accept this: ${error.providerMessage}`, {
      fieldErrors: Object.keys(error.fieldErrors).length ? error.fieldErrors : undefined,
      cause: error,
    });
  }
  if (error instanceof ProviderAuthError) {
    return new AppError("PROVIDER_ERROR", `${error.provider} refused our credentials (${error.providerMessage}). An administrator can check the provider's settings and test the connection.${kept}`, { cause: error });
  }
  if (error instanceof ProviderAddressError) {
    return new AppError("PROVIDER_ERROR", `${error.message} An administrator can check the provider's base URL.${kept}`, { cause: error });
  }
  if (error instanceof ProviderResponseError) {
    return new AppError("PROVIDER_ERROR", `${error.provider} sent an answer we could not read. The problem has been logged.${kept}`, { cause: error });
  }
  return new AppError("PROVIDER_ERROR", `${error.provider}: ${error.message}`, { cause: error });
}
