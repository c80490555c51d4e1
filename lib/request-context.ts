/**
 * The API's view of the one request context (lib/log/context.ts): each /api/v1 request runs inside
 * it with its ids and API client, so log lines and audit rows carry them without threading ids
 * through the use cases the browser and the API share.
 */
import { currentContext, requestContext, type RequestContext } from "./log/context";

export type { RequestContext };

export function runWithRequestContext<T>(context: RequestContext, fn: () => Promise<T>): Promise<T> {
  // Keep what the outer request already knows (the signed-in user, for instance).
  return requestContext.run({ ...currentContext(), ...context }, fn);
}

export const currentRequestContext = currentContext;
