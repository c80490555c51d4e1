/** Provider client errors as expected application errors, with messages meant for the user. */
import { AppError } from "../errors";
import { ProviderAuthError, ProviderError, ProviderRejectedError, ProviderUnavailableError } from "../finum/client-errors";

export function toAppError(error: unknown): unknown {
  if (!(error instanceof ProviderError)) return error;
  if (error instanceof ProviderUnavailableError) {
    return new AppError("PROVIDER_UNAVAILABLE", error.message, { retryAfterSeconds: error.retryAfterSeconds, cause: error });
  }
  if (error instanceof ProviderRejectedError && error.status === 422 && Object.keys(error.fieldErrors).length > 0) {
    return new AppError("VALIDATION", error.message, { fieldErrors: error.fieldErrors, cause: error });
  }
  if (error instanceof ProviderAuthError) {
    return new AppError("PROVIDER_ERROR", `${error.message} An administrator can check the provider's settings and test the connection.`, { cause: error });
  }
  return new AppError("PROVIDER_ERROR", error.message, { cause: error });
}
